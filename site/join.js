// The join page's script (join.html): reads the invitation from the address's fragment,
// #code=…&backend=…&key=…, and shows it. Only textContent and attributes: nothing from the
// address is ever parsed as HTML.
'use strict';

/** An https (or, for a local stand-in, http) address, or null. */
function webAddress(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** A key that must stay on servers: sb_secret_…, or a legacy JWT whose role is service_role. */
function isSecretKey(key) {
  if (/^sb_secret_/i.test(key)) return true;
  const parts = key.split('.');
  if (parts.length !== 3) return false;
  try {
    return JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'))).role === 'service_role';
  } catch {
    return false;
  }
}

function show(id, visible) {
  document.getElementById(id).hidden = !visible;
}

function storeLinks(main) {
  let any = false;
  for (const [id, attribute] of [
    ['chrome', 'chromeWebStore'],
    ['firefox', 'firefoxAddOns'],
  ]) {
    const url = webAddress(main.dataset[attribute] || '');
    if (url) document.getElementById(`${id}-link`).href = url.href;
    show(id, Boolean(url));
    any ||= Boolean(url);
  }
  show('stores', any);
  show('ask', !any);
}

function render() {
  const params = new URLSearchParams(location.hash.slice(1));
  const code = (params.get('code') || '').trim();
  const valid = /^[A-Za-z0-9][A-Za-z0-9 -]{2,100}$/.test(code);
  show('invitation', valid);
  show('no-invitation', !valid);
  document.getElementById('code').textContent = valid ? code : '';
  const server = webAddress(params.get('backend') || '');
  show('server', Boolean(server));
  document.getElementById('server-host').textContent = server ? server.host : '';
  show('secret', isSecretKey(params.get('key') || ''));
  document.getElementById('address').value = location.href;
}

document.addEventListener('DOMContentLoaded', () => {
  storeLinks(document.getElementById('join'));
  render();
  window.addEventListener('hashchange', render);
  const address = document.getElementById('address');
  address.addEventListener('focus', () => address.select());
  document.getElementById('copy').addEventListener('click', async () => {
    const status = document.getElementById('copied');
    try {
      await navigator.clipboard.writeText(address.value);
      status.textContent = 'Copied. Paste it into Join a group in Readclub.';
    } catch {
      address.select();
      status.textContent = 'Select the address above and copy it.';
    }
  });
});

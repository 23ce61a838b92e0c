// @vitest-environment jsdom
import { expect, test } from 'vitest';
import { targetFromSelection, textOffset, unwrapAll, wrapSpan } from './highlight-dom';

function root(html: string) {
  const div = document.createElement('div');
  div.innerHTML = html;
  document.body.replaceChildren(div);
  return div;
}
const mark = () => Object.assign(document.createElement('mark'), { className: 'hl' });

test('wraps a passage crossing elements in one mark per text node, skipping whitespace between blocks', () => {
  const div = root('<p>Small groups <em>read</em> better.</p>\n<ul>\n<li>One</li>\n<li>Two</li></ul>');
  const text = div.textContent!;
  const start = text.indexOf('groups');
  const end = text.indexOf('One') + 3;
  const marks = wrapSpan(div, start, end, mark);
  expect(marks.map((m) => m.textContent)).toEqual(['groups ', 'read', ' better.', 'One']);
  expect(div.querySelector('ul')!.firstElementChild!.tagName).toBe('LI');
  expect(div.textContent).toBe(text);
  unwrapAll(div, 'mark.hl');
  expect(div.innerHTML).toBe('<p>Small groups <em>read</em> better.</p>\n<ul>\n<li>One</li>\n<li>Two</li></ul>');
});

test('a selection inside the root becomes a quote target at its text offsets; outside, nothing', () => {
  const div = root('<p>Small groups <em>read</em> better.</p><p>Big ones talk.</p>');
  const range = document.createRange();
  range.setStart(div.querySelector('em')!.firstChild!, 1);
  range.setEnd(div.querySelectorAll('p')[1]!.firstChild!, 3);
  const selection = window.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
  const target = targetFromSelection(div, selection)!;
  expect(target).toMatchObject({ exact: 'ead better.Big', prefix: 'Small groups r', suffix: ' ones talk.' });
  expect(div.textContent!.slice(target.start!, target.end!)).toBe(target.exact);
  expect(textOffset(div, div.querySelectorAll('p')[1]!, 0)).toBe('Small groups read better.'.length);
  const outside = document.createElement('p');
  outside.textContent = 'elsewhere';
  document.body.append(outside);
  range.selectNodeContents(outside);
  expect(targetFromSelection(div, selection)).toBeNull();
});

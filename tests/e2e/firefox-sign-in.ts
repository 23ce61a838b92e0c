/** Signing in to the Firefox build from its Options page, as a member does the first time. */
import type { Page } from 'puppeteer-core';
import { click, fill, textOf, until, waitForText, type Firefox } from './firefox';
import { signInCode } from './harness';

/** Options: the backend's URL and key, the email, the code the local backend "emailed", the name step. */
export async function signInFirefox(
  firefox: Firefox,
  backend: { url: string; publishableKey: string; localSecret: string },
  email: string,
  name: string,
): Promise<Page> {
  const options = await firefox.open('options.html');
  await fill(options, 'Backend URL', backend.url);
  await fill(options, 'Public key', backend.publishableKey);
  await click(options, 'Save backend');
  await waitForText(options, 'Saved.');
  await fill(options, 'Email', email);
  const before = await signInCode(backend, email);
  await click(options, 'Send code');
  const code = await until(`a sign-in code for ${email}`, async () => {
    const latest = await signInCode(backend, email);
    return latest !== before ? latest : '';
  });
  await fill(options, 'Sign-in code', code);
  await click(options, 'Sign in');
  await waitForText(options, 'What should your group call you?');
  await fill(options, 'What should your group call you?', name);
  await click(options, 'Save name');
  await until('the name step to close', async () => !(await textOf(options)).includes('What should your group call you?'));
  return options;
}

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkSavedOnTabSwitch } from '@/utils/shared/storage';
import { SavedCheckSetting } from './SavedCheckSetting';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('SavedCheckSetting', () => {
  test('is off by default, says in words what it sends, and turns on and off', async () => {
    render(<SavedCheckSetting />);
    const box = (await screen.findByRole('checkbox', { name: /every tab I switch to/ })) as HTMLInputElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(false);
    expect(await checkSavedOnTabSwitch.getValue()).toBe(false);
    expect(screen.getByText(/SHA-256 hash of the page's address \(not the address itself\)/)).toBeTruthy();
    expect(screen.getByText(/only when you open its popup on a page or clip it/)).toBeTruthy();
    fireEvent.click(box);
    await waitFor(async () => expect(await checkSavedOnTabSwitch.getValue()).toBe(true));
    await waitFor(() => expect(box.checked).toBe(true));
    fireEvent.click(box);
    await waitFor(async () => expect(await checkSavedOnTabSwitch.getValue()).toBe(false));
  });
});

/**
 * The sending side: a background caught while it was being suspended ("Receiving end does not exist")
 * ran nothing, so the message is sent again; any other failure is said plainly at once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../../lib/messages/client';

afterEach(() => vi.restoreAllMocks());

describe('sendMessage', () => {
  it('sends again when no background was there to receive, and returns its answer', async () => {
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'))
      .mockResolvedValueOnce({ ok: true, result: { tags: [] } } as never);
    await expect(sendMessage('listTags', {})).resolves.toEqual({ tags: [] });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('gives up after two more tries, with a message that says what to do', async () => {
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(sendMessage('listTags', {})).rejects.toThrow(/did not answer .*Reload the page/);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('does not send again after another failure (the background may have run it)', async () => {
    const send = vi
      .spyOn(browser.runtime, 'sendMessage')
      .mockRejectedValue(new Error('Extension context invalidated.'));
    await expect(sendMessage('listTags', {})).rejects.toThrow(/Extension context invalidated/);
    expect(send).toHaveBeenCalledTimes(1);
  });
});

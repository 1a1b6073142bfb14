/**
 * The sending side of the protocol, for the content script, the popup and the options page.
 */
import { browser } from 'wxt/browser';
import type { Answer, Envelope, MessageName, ReplyOf, RequestOf } from './protocol';

/**
 * Sends message `type` to the background and returns its reply.
 *
 * @throws {Error} with the background's message when it answers `{ ok: false, error }`, or a clear
 *   message when no valid answer came back (e.g. the extension was just updated or reloaded).
 */
export async function sendMessage<K extends MessageName>(type: K, data: RequestOf<K>): Promise<ReplyOf<K>> {
  const envelope: Envelope<K> = { type, data };
  let answer: unknown;
  try {
    answer = await browser.runtime.sendMessage(envelope);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`The extension's background did not answer (${detail}). Reload the page to reconnect.`);
  }
  if (answer === null || typeof answer !== 'object' || typeof (answer as { ok?: unknown }).ok !== 'boolean') {
    throw new Error(
      `The extension's background gave no valid answer to ${type}. Reload the page to reconnect.`,
    );
  }
  const typed = answer as Answer<K>;
  if (!typed.ok) throw new Error(typed.error);
  return typed.result;
}

/**
 * The sending side of the protocol, for the content script, the popup and the options page.
 */
import { browser } from 'wxt/browser';
import type { Answer, Envelope, MessageName, ReplyOf, RequestOf } from './protocol';

/**
 * What the browser says when no background listened: a Firefox event page (or MV3 worker) caught while it
 * was being suspended. Nothing ran, so sending again is safe; the next message starts it afresh.
 */
const NO_RECEIVER = /Receiving end does not exist|Could not establish connection/i;
/** Pauses before each new try after {@link NO_RECEIVER}. */
const RETRY_DELAYS_MS = [50, 250];

/**
 * Sends message `type` to the background and returns its reply. A send that found no background (it was
 * being suspended) is tried again, twice at most.
 *
 * @throws {Error} with the background's message when it answers `{ ok: false, error }`, or a clear
 *   message when no valid answer came back (e.g. the extension was just updated or reloaded).
 */
export async function sendMessage<K extends MessageName>(type: K, data: RequestOf<K>): Promise<ReplyOf<K>> {
  const envelope: Envelope<K> = { type, data };
  let answer: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      answer = await browser.runtime.sendMessage(envelope);
      break;
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      const delay = RETRY_DELAYS_MS[attempt];
      if (NO_RECEIVER.test(detail) && delay !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        continue;
      }
      throw new Error(`The extension's background did not answer (${detail}). Reload the page to reconnect.`);
    }
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

/**
 * Senders as the browsers report them to the background's `runtime.onMessage` (`runtime.MessageSender`),
 * for the fake browser, whose `runtime.sendMessage` reports an empty sender (which the background refuses).
 * The shapes are the ones Chromium and Firefox were seen to send (see the security model in
 * docs/ARCHITECTURE.md); only `id`, `url` and `tab` decide.
 */
import { fakeBrowser } from '@webext-core/fake-browser';

/** A tab, as a sender's `tab` carries it (only its presence matters). */
const TAB = { id: 7, index: 0, windowId: 1, active: true, url: 'https://huggingface.co/papers' };

/** The popup: our id and a URL on our own origin, no tab. */
export function popupSender(): object {
  const url = fakeBrowser.runtime.getURL('/popup.html');
  return { id: fakeBrowser.runtime.id, url, origin: new URL(url).origin };
}

/** The options page opened in a tab. */
export function optionsTabSender(): object {
  return {
    id: fakeBrowser.runtime.id,
    url: fakeBrowser.runtime.getURL('/options.html'),
    tab: TAB,
    frameId: 0,
  };
}

/** The content script on the papers page `url`. */
export function contentSender(url = 'https://huggingface.co/papers/date/2025-01-31'): object {
  return { id: fakeBrowser.runtime.id, url, origin: new URL(url).origin, tab: { ...TAB, url }, frameId: 0 };
}

/**
 * Makes the fake browser's `runtime.sendMessage` report `sender()` (by default the popup), as a real
 * browser reports who sends. Installed for every unit test by test/unit/setup.ts.
 */
export function sendMessagesFrom(sender: () => object = popupSender): void {
  const runtime = fakeBrowser.runtime as unknown as {
    onMessage: { hasListeners(): boolean; trigger(...args: unknown[]): Promise<unknown[]> };
    sendMessage: (...args: unknown[]) => Promise<unknown>;
  };
  runtime.sendMessage = async (...args: unknown[]) => {
    const message =
      args.length === 1 || (args.length === 2 && typeof args[1] === 'object') ? args[0] : args[1];
    if (!runtime.onMessage.hasListeners()) throw Error('No listeners available');
    return (await runtime.onMessage.trigger(message, sender())).find((r) => !!r);
  };
}

/**
 * Keeps the background alive while it answers a message.
 *
 * Firefox runs an MV3 background as an event page and suspends it after `extensions.background.idle.timeout`
 * (30 s) without events or extension API calls; an answer still being worked on (a large import) does not
 * count, so the page was torn down in the middle of its work and the sender got "Receiving end does not
 * exist". Any call of an extension API from the background resets that timer in Firefox (and extends a
 * service worker's life in Chrome): while at least one handler is running, one cheap call is made every
 * `everyMs`. Nothing runs when the background is idle, so it is still suspended then.
 */
import { browser } from 'wxt/browser';

/** A cheap extension API call answered by the browser (Firefox: by the parent process). */
const defaultPing = async (): Promise<void> => {
  await browser.runtime.getPlatformInfo();
};

/** Options of {@link keepAliveWhileBusy}. */
export interface KeepAliveOptions {
  ping?: () => Promise<void>;
  /** How often to ping while busy; well under Firefox's 30 s, and under the tests' 2 s. */
  everyMs?: number;
}

/** Wraps every handler so that the background stays alive while any of them runs. */
export function keepAliveWhileBusy<H extends object>(handlers: H, options: KeepAliveOptions = {}): H {
  const { ping = defaultPing, everyMs = 500 } = options;
  let busy = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const poke = () => void ping().catch(() => undefined);
  const wrapped: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    if (typeof handler !== 'function') {
      wrapped[name] = handler;
      continue;
    }
    wrapped[name] = async (...args: unknown[]) => {
      busy++;
      if (timer === undefined) timer = setInterval(poke, everyMs);
      try {
        return await handler(...args);
      } finally {
        busy--;
        if (busy === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      }
    };
  }
  return wrapped as H;
}

/**
 * Keeps the background alive until `done` settles: a sync run due in a few seconds on a timer, which would
 * never fire if the event page were suspended first. Pings as {@link keepAliveWhileBusy} does.
 */
export function keepAliveUntil(done: Promise<unknown>, options: KeepAliveOptions = {}): void {
  const { ping = defaultPing, everyMs = 500 } = options;
  const timer = setInterval(() => void ping().catch(() => undefined), everyMs);
  void done.finally(() => clearInterval(timer)).catch(() => undefined);
}

/**
 * The background side of the protocol: one `runtime.onMessage` listener that validates each message,
 * runs its handler and answers `{ ok: true, result }` or `{ ok: false, error }`. It never throws and
 * never leaves a sender without an answer. Each message is answered only for the senders its right
 * allows ({@link MESSAGE_RIGHTS}): the browser listener classifies every sender from the browser's own
 * facts ({@link classifySender}); a refused message changes nothing.
 */
import { browser } from 'wxt/browser';
import {
  type Answer,
  MESSAGE_RIGHTS,
  type MessageName,
  type ReplyOf,
  type RequestOf,
} from '../messages/protocol';
import { requestSchemas, validateRequest } from '../messages/validate';
import { describeError } from './errors';
import { classifySender, type SenderContext } from './senders';

/** The handler of message `K`: gets the validated request, returns the reply. */
export type Handler<K extends MessageName> = (data: RequestOf<K>) => Promise<ReplyOf<K>> | ReplyOf<K>;

/** A handler for every message of the protocol. */
export type Handlers = { [K in MessageName]: Handler<K> };

/** Options of {@link registerHandlers}. */
export interface ServerOptions {
  /** Called for every well-formed message before its handler runs (e.g. to retry due work). Must not throw. */
  onActivity?: (type: MessageName) => void;
}

/** Options of {@link handleMessage}. */
export interface HandleOptions extends ServerOptions {
  /**
   * Who sent the message. The browser listener always passes the sender's classification; code of the
   * background itself (the context menu) and tests calling in-process get `page` by default.
   */
  from?: SenderContext;
}

/** The answer to a message its sender may not send. */
export const REFUSED_FROM_PAGE = 'This request is not allowed from a web page.';
/** The answer to a sender that is neither our content script nor one of our pages. */
export const REFUSED_FOREIGN = 'This request is not allowed from outside the extension.';

function isMessageName(type: unknown): type is MessageName {
  return typeof type === 'string' && Object.hasOwn(requestSchemas, type);
}

/**
 * Answers one message: checks the envelope `{ type, data }`, the type and the payload, runs the handler
 * and turns any error into `{ ok: false, error }` with a readable message ({@link describeError}).
 */
export async function handleMessage(
  handlers: Handlers,
  message: unknown,
  options: HandleOptions = {},
): Promise<Answer> {
  const from = options.from ?? 'page';
  if (from === 'foreign') return { ok: false, error: REFUSED_FOREIGN };
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    return { ok: false, error: 'Malformed message: expected an object { type, data }.' };
  }
  const { type, data } = message as { type?: unknown; data?: unknown };
  if (typeof type !== 'string')
    return { ok: false, error: 'Malformed message: "type" must be a message name.' };
  if (!isMessageName(type)) {
    return { ok: false, error: `Unknown message type "${type.slice(0, 60)}".` };
  }
  if (from === 'content' && MESSAGE_RIGHTS[type] !== 'content')
    return { ok: false, error: REFUSED_FROM_PAGE };
  try {
    options.onActivity?.(type);
  } catch (err) {
    console.warn('Daily Papers Companion: onActivity failed', err);
  }
  const validated = validateRequest(type, data);
  if (!validated.ok) return { ok: false, error: validated.error };
  try {
    const handler = handlers[type] as Handler<MessageName>;
    const result = await handler(validated.value as never);
    return { ok: true, result };
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
}

type SendResponse = (answer: Answer) => void;

/** The sender's context; `foreign` when the browser gives no facts or they cannot be read. */
function senderContext(sender: unknown): SenderContext {
  try {
    return classifySender(sender, { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') });
  } catch {
    return 'foreign';
  }
}

/**
 * Adds the one `runtime.onMessage` listener of the background. Call it synchronously at startup so a
 * message that wakes the worker finds it. The listener answers through `sendResponse` and returns
 * `true` (which every browser and the webextension polyfill understand); when no `sendResponse` is
 * given (as in WXT's fake browser) it returns the answer's promise instead.
 *
 * @returns a function that removes the listener.
 */
export function registerHandlers(handlers: Handlers, options: ServerOptions = {}): () => void {
  const listener = (
    message: unknown,
    sender: unknown,
    sendResponse?: SendResponse,
  ): true | Promise<Answer> => {
    const answer = handleMessage(handlers, message, { ...options, from: senderContext(sender) });
    if (typeof sendResponse !== 'function') return answer;
    void answer.then(sendResponse);
    return true;
  };
  const onMessage = browser.runtime.onMessage as unknown as {
    addListener(cb: typeof listener): void;
    removeListener(cb: typeof listener): void;
  };
  onMessage.addListener(listener);
  return () => onMessage.removeListener(listener);
}

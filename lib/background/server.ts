/**
 * The background side of the protocol: one `runtime.onMessage` listener that validates each message,
 * runs its handler and answers `{ ok: true, result }` or `{ ok: false, error }`. It never throws and
 * never leaves a sender without an answer.
 */
import { browser } from 'wxt/browser';
import type { Answer, MessageName, ReplyOf, RequestOf } from '../messages/protocol';
import { requestSchemas, validateRequest } from '../messages/validate';
import { describeError } from './errors';

/** The handler of message `K`: gets the validated request, returns the reply. */
export type Handler<K extends MessageName> = (data: RequestOf<K>) => Promise<ReplyOf<K>> | ReplyOf<K>;

/** A handler for every message of the protocol. */
export type Handlers = { [K in MessageName]: Handler<K> };

/** Options of {@link registerHandlers}. */
export interface ServerOptions {
  /** Called for every well-formed message before its handler runs (e.g. to retry due work). Must not throw. */
  onActivity?: (type: MessageName) => void;
}

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
  options: ServerOptions = {},
): Promise<Answer> {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    return { ok: false, error: 'Malformed message: expected an object { type, data }.' };
  }
  const { type, data } = message as { type?: unknown; data?: unknown };
  if (typeof type !== 'string')
    return { ok: false, error: 'Malformed message: "type" must be a message name.' };
  if (!isMessageName(type)) {
    return { ok: false, error: `Unknown message type "${type.slice(0, 60)}".` };
  }
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
    _sender: unknown,
    sendResponse?: SendResponse,
  ): true | Promise<Answer> => {
    const answer = handleMessage(handlers, message, options);
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

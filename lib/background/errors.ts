/**
 * Turns whatever a handler threw into one sentence for the user.
 */
import { UserError } from '../model/user-error';

const QUOTA_NAMES = new Set(['QuotaExceededError']);
const UNAVAILABLE_NAMES = new Set([
  'OpenFailedError',
  'DatabaseClosedError',
  'MissingAPIError',
  'VersionError',
  'UpgradeError',
  'InvalidStateError',
  'SecurityError',
  'BlockedError',
  'UnknownError',
  'NotFoundError',
  'TimeoutError',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
}

/** The error and the errors it wraps (Dexie's `inner`, `cause`, a bulk error's `failures`), outermost first. */
function chain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 20) {
    const e = queue.shift();
    if (e === null || typeof e !== 'object' || out.includes(e as ErrorLike)) continue;
    const like = e as ErrorLike;
    out.push(like);
    queue.push(like.inner, like.cause);
    if (Array.isArray(like.failures)) queue.push(...like.failures.slice(0, 3));
    else if (like.failures && typeof like.failures === 'object')
      queue.push(...Object.values(like.failures).slice(0, 3));
  }
  return out;
}

function messageOf(e: ErrorLike | undefined): string {
  // Dexie appends the wrapped error on further lines ("msg\n QuotaExceededError: msg"): one line is enough.
  const firstLine = typeof e?.message === 'string' ? (e.message.trim().split('\n')[0] ?? '') : '';
  const message = firstLine.trim().replace(/[\s.]+$/, '');
  return message === '' ? String(e?.name ?? 'unknown error') : message;
}

/**
 * The message the background sends back for an error:
 *
 * - {@link UserError}: its message, as is;
 * - IndexedDB quota: `Storage is full: <detail>. Export a backup and erase old papers to make room.`;
 * - database blocked, closed, missing or failing to open: `The reading list is unavailable (<detail>);
 *   showing pages without it.`;
 * - anything else: `Something went wrong: <message>`.
 */
export function describeError(err: unknown): string {
  if (err instanceof UserError) return err.message;
  const errors = chain(err);
  const quota = errors.find((e) => QUOTA_NAMES.has(String(e.name)));
  if (quota)
    return `Storage is full: ${messageOf(quota)}. Export a backup and erase old papers to make room.`;
  const unavailable = errors.find((e) => UNAVAILABLE_NAMES.has(String(e.name)));
  if (unavailable) {
    return `The reading list is unavailable (${messageOf(unavailable)}); showing pages without it.`;
  }
  if (errors.length === 0) return `Something went wrong: ${String(err)}`;
  return `Something went wrong: ${messageOf(errors[0])}`;
}

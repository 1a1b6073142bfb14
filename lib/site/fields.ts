/**
 * Field readers shared by the card reader and the paper page reader.
 */
import { ancestorNamed, hasClass } from './scan';
import { parseCount, textOf } from './text';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const WHOLE_NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)$/;
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The upvote count: the first whole number shown in a `div.leading-none` (below `container`) that
 * is not inside a link to another site (the upvote box is a login link or a label; a GitHub chip
 * is not). `numberBoxes` are the divs whose text is a number, in page order.
 */
export function upvotesOf(numberBoxes: readonly Element[], container: Element): number | undefined {
  for (const box of numberBoxes) {
    if (!hasClass(box, 'leading-none')) continue;
    const link = ancestorNamed(box, 'a', container);
    if (link !== undefined && URL_WITH_SCHEME.test((link.getAttribute('href') ?? '').trim())) continue;
    const text = textOf(box);
    if (WHOLE_NUMBER.test(text)) return parseCount(text);
  }
  return undefined;
}

/** The username of a "Submitted by USERNAME" badge, when it is one. */
export function submitterOf(badge: Element): string | undefined {
  const rest = textOf(badge).replace(/^Submitted by\s*/i, '');
  const name = rest.split(' ')[0] ?? '';
  return USERNAME.test(name) ? name : undefined;
}

/** Whether `href` is an absolute `http(s):` link (the only kind that can name outside code). */
export function isAbsoluteWebLink(href: string): boolean {
  return /^https?:\/\//i.test(href);
}

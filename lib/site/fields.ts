/**
 * Field readers shared by the card reader and the paper page reader.
 */
import { paperIdFromHref } from './ids';
import { ancestorNamed, hasClass } from './scan';
import { parseCount, textOf } from './text';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const WHOLE_NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)$/;
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** What the upvote box shows for a paper nobody upvoted (2026 cards). */
const NO_VOTES = '-';

/**
 * The upvote count: the first whole number shown in a `div.leading-none` (below `container`) that
 * is not inside a link to another site or to a paper (the upvote box is a login link or a label;
 * a GitHub chip, which since 2026 links to the paper's own page, is not). The box shows `-` for no
 * upvotes: that is 0. `numberBoxes` are the divs whose text is a number or `-`, in page order.
 */
export function upvotesOf(numberBoxes: readonly Element[], container: Element): number | undefined {
  for (const box of numberBoxes) {
    if (!hasClass(box, 'leading-none')) continue;
    const link = ancestorNamed(box, 'a', container);
    const href = (link?.getAttribute('href') ?? '').trim();
    if (link !== undefined && (URL_WITH_SCHEME.test(href) || paperIdFromHref(href) !== undefined)) continue;
    const text = textOf(box);
    if (text === NO_VOTES) return 0;
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

/**
 * Reads one paper card (`<article>`) of a list page. Stable anchors first: the title link
 * `h3 > a[href^="/papers/"]`, the numeric `div.leading-none` of the upvote box,
 * `a[href$="#community"]`, the social thumbnail, the "Submitted by" badge and "· N authors".
 * Newer cards add an organization chip (`a[href="/ORG"]` with an image and the full name) and a
 * GitHub chip with the star count; since 2026 that chip links to the paper's own page, not to
 * GitHub, so it names no repository (the hydration JSON's `githubRepo` does). The avatars'
 * `li[title]` are usernames of claimed authors, not author names, so cards give no authors.
 */
import { canonicalCodeLink, canonicalGithubRepo } from '../model/code-links';
import { isAbsoluteWebLink, submitterOf, upvotesOf } from './fields';
import { paperIdFromHref } from './ids';
import { emptyReading, type PaperReading } from './merge';
import { hasAncestorNamed, type ScannedAnchor, scanSubtree } from './scan';
import { lastCountIn, parseCount, textOf } from './text';
import { safeThumbnailUrl } from './urls';

/** What one card gave: a reading (maybe partial) and what could not be read. */
export interface CardResult {
  /** Absent when the card has no paper link. */
  reading?: PaperReading;
  /** Why the card was skipped, or what it lacked. */
  warnings: string[];
}

const SITE_PROFILE_PATH = /^\/([A-Za-z0-9][A-Za-z0-9._-]*)\/?$/;
/** Top-level site pages that look like a profile path but are not an organization. */
const SITE_PAGES = new Set([
  'api',
  'blog',
  'chat',
  'collections',
  'datasets',
  'docs',
  'enterprise',
  'join',
  'learn',
  'login',
  'models',
  'new',
  'notifications',
  'organizations',
  'papers',
  'posts',
  'pricing',
  'privacy',
  'search',
  'settings',
  'spaces',
  'tasks',
  'terms-of-service',
]);

/**
 * Reads one card. `position` (1-based) names the card in warnings. A card without a paper link
 * is skipped; one without a title is kept (the hydration JSON may supply it) with a warning.
 */
export function readCard(card: Element, position: number): CardResult {
  const parts = scanSubtree(card);
  const warnings: string[] = [];

  // The title link; failing that, the first paper link outside the text (an abstract may cite
  // other papers).
  let id: string | undefined;
  let titleAnchor: Element | undefined;
  let fallbackAnchor: Element | undefined;
  for (const { element: anchor, href } of parts.anchors) {
    const anchorId = paperIdFromHref(href);
    if (anchorId === undefined) continue;
    if (hasAncestorNamed(anchor, 'h3', card)) {
      titleAnchor = anchor;
      id = anchorId;
      break;
    }
    if (fallbackAnchor === undefined && !hasAncestorNamed(anchor, 'p', card)) {
      fallbackAnchor = anchor;
      id ??= anchorId;
    }
  }
  if (id === undefined) return { warnings: [`Card ${position} has no paper link; skipped`] };

  const reading = emptyReading(id);
  const title =
    titleAnchor !== undefined ? textOf(titleAnchor) : fallbackTitle(parts.headings, parts.anchors, id, card);
  if (title === '') warnings.push(`Card ${position} (${id}) has no title`);
  else reading.title = title;

  reading.upvotes = upvotesOf(parts.numberBoxes, card);
  reading.authorCount = parts.authorCount;
  const thumbnail = parts.thumbnails[0];
  if (thumbnail !== undefined) reading.thumbnail = safeThumbnailUrl(thumbnail.getAttribute('src'));
  if (parts.submittedByBadge !== undefined) reading.submittedBy = submitterOf(parts.submittedByBadge);

  const summary = parts.paragraphs.map((paragraph) => textOf(paragraph)).find((text) => text !== '');
  if (summary !== undefined) reading.summary = summary;

  for (const { element: anchor, href } of parts.anchors) {
    if (href.endsWith('#community') && paperIdFromHref(href) === id) {
      reading.numComments ??= parseCount(textOf(anchor));
      continue;
    }
    if (isAbsoluteWebLink(href)) {
      const code = canonicalCodeLink(href);
      if (code === undefined || reading.linkedCode.includes(code)) continue;
      reading.linkedCode.push(code);
      // A GitHub chip that links to GitHub (before 2026) shows the repository's stars.
      if (reading.githubStars === undefined && canonicalGithubRepo(href) === code) {
        reading.githubStars = lastCountIn(textOf(anchor));
      }
      continue;
    }
    if (reading.organization === undefined)
      reading.organization = organizationChipName(anchor, href, parts.submittedByBadge);
  }
  return { reading, warnings };
}

/**
 * A title for a card whose title link is not in an `<h3>`: the first `<h3>`'s text, else the text
 * of a link to the same paper outside the abstract (the thumbnail link has none).
 */
function fallbackTitle(headings: Element[], anchors: ScannedAnchor[], id: string, card: Element): string {
  const heading = headings[0];
  if (heading !== undefined && textOf(heading) !== '') return textOf(heading);
  for (const { element: anchor, href } of anchors) {
    if (paperIdFromHref(href) !== id || hasAncestorNamed(anchor, 'p', card)) continue;
    const text = textOf(anchor);
    if (text !== '') return text;
  }
  return '';
}

/**
 * The organization chip: a link to a profile-like site path (`/meta-llama`) with an avatar image
 * and a name, outside the submitter badge.
 */
function organizationChipName(anchor: Element, href: string, badge: Element | undefined): string | undefined {
  const path = SITE_PROFILE_PATH.exec(href)?.[1];
  if (path === undefined || SITE_PAGES.has(path.toLowerCase())) return undefined;
  if (anchor.getElementsByTagName('img').length === 0) return undefined;
  if (badge !== undefined && (badge.contains(anchor) || anchor.contains(badge))) return undefined;
  const name = textOf(anchor);
  return name === '' ? undefined : name;
}

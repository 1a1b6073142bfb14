/**
 * One paper's page.
 * Reads: `/papers/ARXIV_ID`, with or without a version (`/papers/2407.21783`, `…v2`).
 *
 * Yields exactly the paper of the URL: the id comes from the URL, never from a link, so papers
 * cited in comments or listed as similar papers never come out. Sources, richest first: the
 * `PaperContent` hydration JSON (newer pages), then the page: the `h1` title, `span.author`
 * names, the header's buttons (arXiv, PDF, project page, GitHub with its stars), the upvote box,
 * the "Submitted by" badge and the abstract. Links in the community section, the similar-paper
 * cards, asides and the site chrome (which links `https://github.com/huggingface`) are not the
 * paper's. The paper's card, for the overlay, is the block holding that title.
 */
import { canonicalCodeLink, canonicalGithubRepo } from '../../model/code-links';
import { safeHttpsUrl } from '../../model/links';
import { paperCard } from '../card-elements';
import { isAbsoluteWebLink, submitterOf, upvotesOf } from '../fields';
import { findHydrationElement, readHydrationProps, readingFromPaperContent } from '../hydration';
import { paperIdFromPagePath } from '../ids';
import { emptyReading, mergeReadings, type PaperReading } from '../merge';
import { toPaperRecord } from '../record';
import { scanSubtree } from '../scan';
import { lastCountIn, textOf } from '../text';
import type { CardsResult, PaperCard } from '../types';
import { safeThumbnailUrl } from '../urls';
import type { VariantReader, VariantReading, VariantUrls } from '../variant-reader';
import { capWarnings } from '../warnings';

/** Parts of a paper page that belong to other people: comments, asides, site navigation. */
const OTHER_PEOPLES =
  'footer, nav, aside, #community, [id^="community"], [data-target*="Discussion"], [data-target*="Comment"]';
/** The same, plus cards (`<article>`) of other papers, e.g. "similar papers". */
const NOT_THE_PAPER = `${OTHER_PEOPLES}, article`;

/** Whether `url` is one paper's page. */
export function matches(url: URL): boolean {
  return paperIdFromPagePath(url.pathname) !== undefined;
}

/** A paper's page shows no list: no page key. */
export function pageKey(_url: URL): string | undefined {
  return undefined;
}

/**
 * Reads one paper's page: at most one paper, the URL's, and its card. Later, the page is read again
 * only if its card appears (a title rendered late); its comments and similar papers are no cards.
 */
export function read(doc: Document, url: URL): VariantReading {
  const result = readPaperPage(doc, url);
  return {
    ...result,
    readLateCards: (_roots, isHandled) => {
      const { title } = findTitle(doc);
      if (title === undefined || isHandled(cardElementOf(title))) {
        return { kind: result.kind, papers: [], cards: [], warnings: [] };
      }
      return readPaperPage(doc, url);
    },
  };
}

/** The page's main area, and the paper's title in it. */
interface PaperTitle {
  main: Element | null;
  /** The first `h1` of the main area outside other people's parts. */
  title: Element | undefined;
}

function findTitle(doc: Document): PaperTitle {
  const main = doc.querySelector('main') ?? doc.body ?? doc.documentElement;
  if (main === null) return { main, title: undefined };
  const title = [...main.querySelectorAll('h1')].find((heading) => heading.closest(OTHER_PEOPLES) === null);
  return { main, title };
}

/** The paper's card element: the section (or header) holding its title, else the title's parent. */
function cardElementOf(title: Element): Element {
  return title.closest('section, header') ?? title.parentElement ?? title;
}

/** Reads the page as it is now: the paper, its card, what could not be read. */
function readPaperPage(doc: Document, url: URL): CardsResult {
  const id = paperIdFromPagePath(url.pathname);
  if (id === undefined)
    return { kind: 'unknown', papers: [], cards: [], warnings: [`${url.pathname} is not a paper page`] };
  const found = findTitle(doc);
  const cards: PaperCard[] = found.title === undefined ? [] : [paperCard(cardElementOf(found.title), id)];
  const warnings: string[] = [];

  let fromJson: PaperReading | undefined;
  const hydration = readHydrationProps(findHydrationElement(doc, 'PaperContent'));
  if (hydration.state === 'unparsable') {
    warnings.push(
      `PaperContent hydration JSON could not be parsed (${hydration.reason}); read the page instead`,
    );
  } else if (hydration.state === 'parsed') {
    const reading = readingFromPaperContent(hydration.props);
    if (reading === undefined)
      warnings.push('PaperContent hydration JSON has no paper; read the page instead');
    // After an in-page navigation the JSON can still describe the previous paper.
    else if (reading.id !== id)
      warnings.push(`PaperContent hydration JSON is for ${reading.id}, not ${id}; ignored`);
    else fromJson = reading;
  }

  const fromPage = readPaperDom(doc, id, found);
  if (fromJson === undefined && fromPage.title === undefined) {
    warnings.push(`No title and no paper data on the page of ${id} (not loaded, or not found); read nothing`);
    return { kind: 'paper', papers: [], cards, warnings: capWarnings(warnings) };
  }
  if (fromPage.title === undefined) warnings.push(`The page of ${id} has no h1 title`);
  const reading = fromJson === undefined ? fromPage : mergeReadings(fromJson, fromPage);
  return {
    kind: 'paper',
    papers: [toPaperRecord(reading, warnings)],
    cards,
    warnings: capWarnings(warnings),
  };
}

/** What the page's markup says about paper `id`. */
function readPaperDom(doc: Document, id: string, { main, title }: PaperTitle): PaperReading {
  const reading = emptyReading(id);
  if (main === null) return reading;

  // The paper's own page may one day wrap itself in an <article>: only what does not hold the title
  // counts as another paper's.
  const holdsTitle = (element: Element): boolean => title !== undefined && element.contains(title);
  const isNotThePaper = (element: Element): boolean =>
    // A `<header>` without the title is the site's header.
    (element.matches(NOT_THE_PAPER) || element.localName === 'header') && !holdsTitle(element);
  const isInsideNotThePaper = (element: Element): boolean => {
    const container = element.closest(NOT_THE_PAPER);
    return container !== null && !holdsTitle(container);
  };

  if (title !== undefined) {
    const text = textOf(title);
    if (text !== '') reading.title = text;
  }
  reading.authors = [...main.querySelectorAll('span.author')]
    .filter((span) => !isInsideNotThePaper(span))
    .map((span) => textOf(span).replace(/,$/, '').trim())
    .filter((name) => name !== '');

  const abstract = abstractParagraph(main, isInsideNotThePaper);
  if (abstract !== undefined) reading.summary = textOf(abstract);

  // The header: the section holding the title (the whole main area when there is none), without
  // the abstract, whose repositories rank below the header's buttons.
  const header = title?.closest('section') ?? main;
  const parts = scanSubtree(header, (element) => element === abstract || isNotThePaper(element));
  reading.upvotes = upvotesOf(parts.numberBoxes, header);
  if (parts.submittedByBadge !== undefined) reading.submittedBy = submitterOf(parts.submittedByBadge);
  for (const { element: anchor, href } of parts.anchors) {
    if (!isAbsoluteWebLink(href)) continue;
    if (reading.projectPage === undefined && /project\s*page/i.test(textOf(anchor))) {
      reading.projectPage = safeHttpsUrl(href);
      continue;
    }
    const code = canonicalCodeLink(href);
    if (code === undefined || reading.linkedCode.includes(code)) continue;
    reading.linkedCode.push(code);
    if (reading.githubStars === undefined && canonicalGithubRepo(href) === code) {
      reading.githubStars = lastCountIn(textOf(anchor));
    }
  }

  const socialImage = doc.querySelector('meta[property="og:image"]')?.getAttribute('content') ?? '';
  const thumbnail = socialImage.includes('/social-thumbnails/papers/')
    ? socialImage
    : parts.thumbnails[0]?.getAttribute('src');
  reading.thumbnail = safeThumbnailUrl(thumbnail);
  return reading;
}

/** The abstract's paragraph: the first `<p>` after an "Abstract" heading that is the paper's. */
function abstractParagraph(
  main: Element,
  isInsideNotThePaper: (element: Element) => boolean,
): Element | undefined {
  for (const heading of main.querySelectorAll('h2, h3')) {
    if (textOf(heading).toLowerCase() !== 'abstract' || isInsideNotThePaper(heading)) continue;
    // A paragraph right after the heading first; then one nested in a following block.
    for (let sibling = heading.nextElementSibling; sibling !== null; sibling = sibling.nextElementSibling) {
      if (sibling.localName === 'p' && textOf(sibling) !== '') return sibling;
    }
    for (let sibling = heading.nextElementSibling; sibling !== null; sibling = sibling.nextElementSibling) {
      const nested = sibling.querySelector('p');
      if (nested !== null && textOf(nested) !== '') return nested;
    }
  }
  return undefined;
}

/** The URLs of the paper variant, without its reader (the background needs only these). */
export const paperUrls: VariantUrls = { variant: 'paper', matches, pageKey };

/** The paper variant. */
export const paperReader: VariantReader = { ...paperUrls, read };

// Fixtures: test/fixtures/paper/ (paper, paper-content-json), written by hand after the paper
// page described in the markup notes of the shared data folder (../shared/hf-pages/README.md; no
// real capture of a paper page was available); the PaperContent props follow the
// `{ paper, comments, … }` shape those notes name.

/**
 * One walk over a card (or a paper page's header) that collects every part the readers look at,
 * instead of one selector query per field: the work is linear in the size of the subtree. The
 * walks use a TreeWalker, which steps inside the DOM implementation (in jsdom about a third
 * cheaper than following `firstChild`/`nextSibling` by hand), and they never enter icons or
 * scripts.
 */
import { isNonTextElement } from './text';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
// NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, spelled out: the reader uses no globals.
const SHOW_ELEMENTS = 0x1;
const SHOW_ELEMENTS_AND_TEXT = SHOW_ELEMENTS | 0x4;

const AUTHOR_COUNT_TEXT = /^\s*(?:·\s*)?(\d{1,3}(?:,\d{3})+|\d+)\s+authors?\s*$/i;
const SUBMITTED_BY_TEXT = /^\s*Submitted by\b/i;
// A count, or the `-` the upvote box shows for none (2026).
const NUMBER_TEXT = /^\s*(?:[\d,]+|-)\s*$/;
const NOT_BLANK = /\S/;

/** A link and its `href` as written (read once: attribute reads are not free in every DOM). */
export interface ScannedAnchor {
  element: Element;
  /** The `href` attribute, trimmed (not resolved against the page). */
  href: string;
}

/** The parts of a subtree the readers use, each list in document order. */
export interface ScannedParts {
  /** `<a href>` elements. */
  anchors: ScannedAnchor[];
  /** `<h3>` elements (card titles). */
  headings: Element[];
  /**
   * `<div>`s whose text is a number or `-`: candidates for the upvote count, which sits in a
   * `div.leading-none` (the class is checked on these few only, not on every div).
   */
  numberBoxes: Element[];
  /** The first `<img>` whose `src` is a paper's social thumbnail (a list of at most one). */
  thumbnails: Element[];
  /** `<p>` elements (the abstract of a search card). */
  paragraphs: Element[];
  /** The element holding the "Submitted by USERNAME" badge text. */
  submittedByBadge?: Element;
  /** The number of a "· N authors" text. */
  authorCount?: number;
}

/** Moves `walker` past the current node's subtree; returns the next node, or null at the end. */
function skipSubtree(walker: TreeWalker): Node | null {
  let next = walker.nextSibling();
  while (next === null) {
    if (walker.parentNode() === null) return null;
    next = walker.nextSibling();
  }
  return next;
}

/**
 * Walks `root`'s subtree once, without recursion. Script-like elements, icons and every subtree
 * for which `skip` returns true are not entered.
 */
export function scanSubtree(root: Element, skip?: (element: Element) => boolean): ScannedParts {
  const parts: ScannedParts = { anchors: [], headings: [], numberBoxes: [], thumbnails: [], paragraphs: [] };
  const walker = root.ownerDocument.createTreeWalker(root, SHOW_ELEMENTS_AND_TEXT);
  let node = walker.nextNode();
  while (node !== null) {
    const type = node.nodeType;
    if (type === ELEMENT_NODE) {
      const element = node as Element;
      const name = element.localName;
      if (isNonTextElement(name) || skip?.(element) === true) {
        node = skipSubtree(walker);
        continue;
      }
      collectElement(element, name, parts);
    } else if (type === TEXT_NODE) {
      collectText(node as Text, parts);
    }
    node = walker.nextNode();
  }
  return parts;
}

function collectElement(element: Element, name: string, parts: ScannedParts): void {
  switch (name) {
    case 'a': {
      const href = element.getAttribute('href');
      if (href !== null) parts.anchors.push({ element, href: href.trim() });
      break;
    }
    case 'h3':
      parts.headings.push(element);
      break;
    case 'img':
      // One thumbnail is enough; the other images of a card are avatars.
      if (
        parts.thumbnails.length === 0 &&
        (element.getAttribute('src') ?? '').includes('social-thumbnails/papers/')
      ) {
        parts.thumbnails.push(element);
      }
      break;
    case 'p':
      parts.paragraphs.push(element);
      break;
  }
}

function collectText(text: Text, parts: ScannedParts): void {
  const data = text.data;
  // Whitespace between tags is most of the text nodes of a card; nothing to read there.
  if (!NOT_BLANK.test(data)) return;
  if (NUMBER_TEXT.test(data)) {
    const parent = text.parentElement;
    if (parent !== null && parent.localName === 'div' && !parts.numberBoxes.includes(parent)) {
      parts.numberBoxes.push(parent);
    }
    return;
  }
  if (parts.submittedByBadge === undefined && SUBMITTED_BY_TEXT.test(data) && text.parentElement !== null) {
    parts.submittedByBadge = text.parentElement;
  }
  if (parts.authorCount === undefined && data.length < 40) {
    const match = AUTHOR_COUNT_TEXT.exec(data);
    if (match?.[1] !== undefined) parts.authorCount = Number(match[1].replaceAll(',', ''));
  }
}

/** Whether the element's `class` attribute lists `name` (without building a DOMTokenList). */
export function hasClass(element: Element, name: string): boolean {
  const classes = element.getAttribute('class');
  // Cheap substring test first; then whole tokens only (`leading-none` is not `leading-none-x`).
  if (classes === null || !classes.includes(name)) return false;
  return classes.split(/\s+/).includes(name);
}

/** What one walk over a list page finds outside the cards. */
export interface PageOutline {
  /** Every `<article>` (a card), in document order; nested articles belong to their outer card. */
  articles: Element[];
  /** The first element with `data-target` = the wanted target and a `data-props` attribute. */
  hydration?: Element;
}

/**
 * Finds the cards and the hydration block named `hydrationTarget` (none is looked for without one) in
 * one walk that does not enter the cards (each card's subtree is walked once, later, by the card
 * reader): far cheaper than selector queries over a page of thousands of cards.
 */
export function outlinePage(root: Node, hydrationTarget?: string): PageOutline {
  const outline: PageOutline = { articles: [] };
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, SHOW_ELEMENTS);
  let node = walker.nextNode();
  while (node !== null) {
    const element = node as Element;
    const name = element.localName;
    // Attribute reads stop once the block is found (it wraps the cards, so it comes first).
    if (
      hydrationTarget !== undefined &&
      outline.hydration === undefined &&
      element.getAttribute('data-target') === hydrationTarget &&
      element.hasAttribute('data-props')
    ) {
      outline.hydration = element;
    }
    if (name === 'article' || isNonTextElement(name)) {
      if (name === 'article') outline.articles.push(element);
      node = skipSubtree(walker);
      continue;
    }
    node = walker.nextNode();
  }
  return outline;
}

/** The nearest ancestor of `element` named `name`, below `stop` (exclusive), if any. */
export function ancestorNamed(element: Element, name: string, stop: Element): Element | undefined {
  for (
    let current = element.parentElement;
    current !== null && current !== stop;
    current = current.parentElement
  ) {
    if (current.localName === name) return current;
  }
  return undefined;
}

/** Whether `element` has an ancestor named `name` below `stop` (exclusive). */
export function hasAncestorNamed(element: Element, name: string, stop: Element): boolean {
  return ancestorNamed(element, name, stop) !== undefined;
}

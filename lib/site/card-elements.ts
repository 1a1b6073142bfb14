/**
 * Where the papers are on a page: the element that stands for a paper, the element hidden with it,
 * and which cards were added since the page was read. Which element is a card is the page outline's
 * rule (an `<article>`, nested ones belonging to the outer one, see scan.ts); which paper it is comes
 * from the card reader (cards.ts: the title link `h3 > a[href^="/papers/"]` first), so the overlay
 * marks exactly the cards the records were read from.
 */
import { outlinePage } from './scan';
import type { IsHandled, PaperCard } from './types';

const ELEMENT_NODE = 1;
// Node.DOCUMENT_POSITION_FOLLOWING, spelled out: the reader uses no globals.
const FOLLOWING = 4;

/** The card of paper `id` whose element is `element`, with the element to hide along with it. */
export function paperCard(element: Element, id: string): PaperCard {
  // A page is a Document parsed as HTML, whose elements are HTMLElements (no global to test with).
  const card = element as HTMLElement;
  const parent = card.parentElement;
  // A grid cell holding only the card goes with it, or hiding the card would leave a hole.
  const alone = parent !== null && parent.childElementCount === 1 && parent !== card.ownerDocument.body;
  return { id, element: card, wrapper: alone ? parent : card };
}

/** The outermost card holding `node`, itself included (nested articles belong to the outer one). */
export function enclosingCard(node: Node): Element | undefined {
  let card: Element | undefined;
  const start = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  for (let current = start; current !== null; current = current.parentElement) {
    if (current.localName === 'article') card = current;
  }
  return card;
}

/**
 * The card elements in or around `roots` (nodes added to the page) that `isHandled` does not know,
 * once each, in page order. A root inside a card stands for that card (its link may have come late);
 * any other root is searched for cards without entering them. Work: each root's subtree outside the
 * cards, and its ancestors.
 */
export function cardElementsIn(roots: Iterable<Node>, isHandled: IsHandled): Element[] {
  const found = new Set<Element>();
  const add = (card: Element) => {
    if (!isHandled(card)) found.add(card);
  };
  for (const root of roots) {
    // Removed again before it was read.
    if (!root.isConnected) continue;
    const card = enclosingCard(root);
    if (card !== undefined) add(card);
    else if (root.nodeType === ELEMENT_NODE) for (const inner of outlinePage(root).articles) add(inner);
  }
  // Roots come in the order they were added, not always the page's.
  return [...found].sort((a, b) => (a.compareDocumentPosition(b) & FOLLOWING ? -1 : 1));
}

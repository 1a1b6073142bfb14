/**
 * Cards as they arrive: while the page is still parsing, each card's paper is known as soon as its title
 * link `h3 > a[href^="/papers/"]` is inserted, before the rest of the card and long before the page is
 * complete. The overlay marks each card then, so no card is painted without its state. Only the stable
 * anchors are read here (the `<article>` and its title link); everything else waits for the page reader.
 */
import { enclosingCard, paperCard } from './card-elements';
import { paperIdFromHref } from './ids';
import type { PaperCard } from './types';

const ELEMENT_NODE = 1;
/** The title links inside a subtree inserted whole (a client-side render, not the parser). */
const TITLE_LINKS = 'article h3 a[href*="/papers/"]';

/** The card a title link names, when `link` is one inside a card. */
function cardOfTitleLink(link: Element): PaperCard | undefined {
  const id = paperIdFromHref(link.getAttribute('href'));
  if (id === undefined || link.closest('h3') === null) return undefined;
  const article = enclosingCard(link);
  return article === undefined ? undefined : paperCard(article, id);
}

/**
 * The cards whose title link is among `added` (nodes just inserted) or inside them, each card once over
 * the calls that share `known`. Cheap for the parser's insertions, which come one empty element at a time:
 * a subtree is searched only when it arrives with children.
 */
export function arrivedCards(added: Iterable<Node>, known: WeakSet<Element>): PaperCard[] {
  const cards: PaperCard[] = [];
  const take = (link: Element) => {
    const card = cardOfTitleLink(link);
    if (card === undefined || known.has(card.element)) return;
    known.add(card.element);
    cards.push(card);
  };
  for (const node of added) {
    if (node.nodeType !== ELEMENT_NODE) continue;
    const element = node as Element;
    if (element.localName === 'a') take(element);
    else if (element.firstElementChild !== null)
      for (const link of element.querySelectorAll(TITLE_LINKS)) take(link);
  }
  return cards;
}

/**
 * Calls `onCards` with the cards of `doc` as they arrive (those already there first), from now until the
 * returned function is called. Start it at `document_start`: a MutationObserver's records are delivered
 * before the next paint, so a card marked in `onCards` is never painted unmarked.
 */
export function watchArrivingCards(doc: Document, onCards: (cards: PaperCard[]) => void): () => void {
  const known = new WeakSet<Element>();
  const view = doc.defaultView;
  if (!view || !('MutationObserver' in view)) return () => {};
  const observer = new view.MutationObserver((records) => {
    const added: Node[] = [];
    for (const record of records) for (const node of record.addedNodes) added.push(node);
    const cards = arrivedCards(added, known);
    if (cards.length) onCards(cards);
  });
  observer.observe(doc, { childList: true, subtree: true });
  if (doc.documentElement) {
    const present = arrivedCards([doc.documentElement], known);
    if (present.length) onCards(present);
  }
  return () => observer.disconnect();
}

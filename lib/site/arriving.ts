/**
 * Cards as they arrive: while the page is still parsing, each card's paper is known as soon as its title
 * link `h3 > a[href^="/papers/"]` is in, before the rest of the card and long before the page is complete. The overlay marks each card then, so no card is painted without its state. Only the stable
 * anchors are read here (the `<article>` and its title link); everything else waits for the page reader.
 */
import { paperCard } from './card-elements';
import { paperIdFromHref } from './ids';
import type { PaperCard } from './types';

/** A card's title link, inside it. */
const TITLE_LINK = 'h3 a[href*="/papers/"]';

/** The card `article` stands for, once its title link has come. */
function cardOfArticle(article: Element): PaperCard | undefined {
  const link = article.querySelector(TITLE_LINK);
  const id = link === null ? undefined : paperIdFromHref(link.getAttribute('href'));
  return id === undefined ? undefined : paperCard(article, id);
}

/**
 * Calls `onCards` with the cards of `doc` as they arrive (those already there first), from now until the
 * returned function is called. Start it at `document_start`: while the page parses, it looks before each
 * frame is painted and once more at DOMContentLoaded, then a MutationObserver's callback (which runs
 * before the next paint) takes over, so a card marked in `onCards` is never painted unmarked.
 *
 * The observer's records are not read: the parser inserts every node of a page one by one, and reading
 * the records of the 1,500 cards Chromium parses in one go before DOMContentLoaded cost ~200 ms. The cards
 * are found instead in the live list of the page's articles, from where the last look stopped: the parser
 * appends them in order, so only the last one may still be incomplete.
 */
export function watchArrivingCards(doc: Document, onCards: (cards: PaperCard[]) => void): () => void {
  const view = doc.defaultView;
  if (!view || !('MutationObserver' in view)) return () => {};
  const known = new WeakSet<Element>();
  const articles = doc.getElementsByTagName('article');
  // articles[0, settled) were looked at for the last time; lastSettled is the last of them.
  let settled = 0;
  let lastSettled: Element | undefined;
  // Articles passed over without a title link: a script may fill them later (rare; looked at each time).
  const incomplete = new Set<Element>();
  const cardsOf = (candidates: Iterable<Element>, cards: PaperCard[]) => {
    for (const article of candidates) {
      if (known.has(article)) continue;
      // A nested article belongs to the card around it.
      const card = article.parentElement?.closest('article') ? undefined : cardOfArticle(article);
      if (card === undefined) continue;
      known.add(article);
      incomplete.delete(article);
      cards.push(card);
    }
  };
  const look = () => {
    // An article inserted or removed before them (a script, not the parser): look at all again.
    if (settled > 0 && articles[settled - 1] !== lastSettled) settled = 0;
    const cards: PaperCard[] = [];
    for (const article of incomplete) if (!article.isConnected) incomplete.delete(article);
    if (incomplete.size) cardsOf([...incomplete], cards);
    const count = articles.length;
    const fresh: Element[] = [];
    for (let index = settled; index < count; index++) fresh.push(articles[index] as Element);
    cardsOf(fresh, cards);
    // Every article but the last is complete (a later one has begun), unless a script fills it later.
    for (const article of fresh.slice(0, -1))
      if (!known.has(article) && !article.parentElement?.closest('article')) incomplete.add(article);
    settled = Math.max(count - 1, 0);
    lastSettled = settled > 0 ? (articles[settled - 1] as Element) : undefined;
    if (cards.length) onCards(cards);
  };
  // While the parser inserts the page, look once per frame, before its paint (animation frame callbacks
  // run before style, layout and paint). A MutationObserver there was handed a record per inserted node:
  // Chromium builds the records of a whole parsing task at once (~60,000 for 1,500 cards), ~60 ms spent
  // in the DOMContentLoaded dispatch before any of our code ran. Once parsed, changes are a script's, and
  // few: the observer takes over.
  const observer = new view.MutationObserver(look);
  let frame: number | undefined;
  const eachFrame = () => {
    look();
    frame = view.requestAnimationFrame(eachFrame);
  };
  const parsed = () => {
    if (frame !== undefined) view.cancelAnimationFrame(frame);
    frame = undefined;
    look();
    observer.observe(doc, { childList: true, subtree: true });
  };
  if (doc.readyState === 'loading') {
    frame = view.requestAnimationFrame(eachFrame);
    doc.addEventListener('DOMContentLoaded', parsed, { once: true });
  } else observer.observe(doc, { childList: true, subtree: true });
  look();
  return () => {
    if (frame !== undefined) view.cancelAnimationFrame(frame);
    frame = undefined;
    doc.removeEventListener('DOMContentLoaded', parsed);
    observer.disconnect();
  };
}

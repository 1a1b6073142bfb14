/**
 * Finds the elements that stand for papers on a page: the `article` cards of a list, or the header of
 * one paper's page. Pure DOM: the page reader says what the papers are, this says where they are.
 */
import { paperIdFromHref } from '../site/ids';

/** One paper's element on the page. */
export interface CardElement {
  id: string;
  element: HTMLElement;
  /** The element to hide with the card: its grid cell when the card sits alone in one. */
  wrapper: HTMLElement;
}

/** The `article` cards of a list page, in page order; cards without a paper link are left out. */
export function findListCards(doc: Document): CardElement[] {
  const cards: CardElement[] = [];
  for (const element of doc.querySelectorAll<HTMLElement>('article')) {
    const link =
      element.querySelector<HTMLAnchorElement>('h3 > a[href]') ??
      element.querySelector<HTMLAnchorElement>('a[href*="/papers/"]');
    const id = link ? paperIdFromHref(link.getAttribute('href') ?? '') : undefined;
    if (!id) continue;
    const parent = element.parentElement;
    const wrapper = parent && parent.childElementCount === 1 && parent !== doc.body ? parent : element;
    cards.push({ id, element, wrapper });
  }
  return cards;
}

/** The header of one paper's page (the block holding its `h1`), for the paper `id`. */
export function findPaperHeader(doc: Document, id: string): CardElement | undefined {
  const heading = doc.querySelector<HTMLElement>('main h1') ?? doc.querySelector<HTMLElement>('h1');
  if (!heading) return undefined;
  const element = heading.closest<HTMLElement>('section, header') ?? heading.parentElement ?? heading;
  return { id, element, wrapper: element };
}

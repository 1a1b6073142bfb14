/**
 * The reader every list variant (daily, week, month, trending, search) shares. Two sources: the
 * `DailyPapers` hydration JSON (richest) and the cards. The cards are what the user sees, so they
 * decide the papers and their order; the JSON enriches them, and supplies papers whose card is not
 * rendered yet. The site swaps lists without a page load while the JSON keeps describing the first
 * list, so a JSON that matches none of the cards, or another day, is set aside. Cards rendered
 * later are read on their own, enriched by the JSON read the first time.
 */

import type { PaperRecord } from '../model/paper';
import { cardElementsIn, paperCard } from './card-elements';
import { readCard } from './cards';
import {
  dailyPapersOf,
  type HydrationProps,
  MAX_HYDRATION_ITEMS,
  readHydrationProps,
  readingFromDailyItem,
} from './hydration';
import { mergeReadings, type PaperReading, ReadingsById } from './merge';
import { toPaperRecord } from './record';
import { outlinePage, type PageOutline } from './scan';
import type { CardsResult, PaperCard } from './types';
import type { VariantReading } from './variant-reader';
import { capWarnings, errorMessage } from './warnings';

/** How a list variant reads its page. */
export interface ListPageOptions {
  /** Whether the variant's pages carry the hydration JSON (its absence is then worth a warning). */
  hydration: 'expected' | 'optional';
  /** The day the URL asks for (`YYYY-MM-DD`), to recognise a JSON left over from another day. */
  pageDate?: string;
}

function cardsPhrase(count: number): string {
  return `read ${count} card${count === 1 ? '' : 's'} from the page instead`;
}

/** What reading some card elements gave. */
interface CardsRead {
  readings: ReadingsById;
  /** The elements that gave a paper, with its id. */
  cards: PaperCard[];
  warnings: string[];
}

/** Reads each card element once (warnings number them from 1). */
function readCardElements(elements: readonly Element[]): CardsRead {
  const read: CardsRead = { readings: new ReadingsById(), cards: [], warnings: [] };
  for (const [index, element] of elements.entries()) {
    try {
      const result = readCard(element, index + 1);
      read.warnings.push(...result.warnings);
      if (result.reading !== undefined) {
        read.readings.add(result.reading);
        read.cards.push(paperCard(element, result.reading.id));
      }
    } catch (error) {
      read.warnings.push(`Card ${index + 1} could not be read (${errorMessage(error)}); skipped`);
    }
  }
  return read;
}

/** The record of each paper the cards show, in card order, enriched by the JSON's reading of it. */
function cardRecords(
  fromCards: ReadingsById,
  fromJson: ReadingsById | undefined,
  warnings: string[],
): PaperRecord[] {
  const papers: PaperRecord[] = [];
  for (const id of fromCards.ids()) {
    const card = fromCards.get(id);
    const json = fromJson?.get(id);
    if (card === undefined) continue;
    papers.push(toPaperRecord(json === undefined ? card : mergeReadings(json, card), warnings));
  }
  return papers;
}

/** Reads a list page: one pass over the cards, one over the JSON items, merged by id. */
export function readListPage(doc: Document, options: ListPageOptions): VariantReading {
  const warnings: string[] = [];

  // One walk finds the cards (without entering them) and the hydration block; each card's subtree
  // is then walked once.
  const outline: PageOutline =
    doc.documentElement === null ? { articles: [] } : outlinePage(doc.documentElement, 'DailyPapers');
  const elements = outline.articles;
  const fromCards = readCardElements(elements);

  const hydration = readHydrationProps(outline.hydration);
  const fromJson = readJsonItems(hydration, options, fromCards.readings, fromCards.cards.length, warnings);
  warnings.push(...fromCards.warnings);

  // Cards first, in page order; then papers only the JSON lists (cards not rendered yet).
  const papers = cardRecords(fromCards.readings, fromJson, warnings);
  for (const id of fromJson?.ids() ?? []) {
    const json = fromJson?.get(id);
    if (json !== undefined && !fromCards.readings.has(id)) papers.push(toPaperRecord(json, warnings));
  }
  if (papers.length === 0 && elements.length === 0)
    warnings.push('No paper cards or paper data found on the page');
  return {
    kind: 'list',
    papers,
    cards: fromCards.cards,
    warnings: capWarnings(warnings),
    readLateCards: (roots, isHandled) => readLateCards(cardElementsIn(roots, isHandled), fromJson),
  };
}

/** Reads cards rendered after the page was read: only their papers, enriched by the JSON read then. */
function readLateCards(elements: readonly Element[], fromJson: ReadingsById | undefined): CardsResult {
  const late = readCardElements(elements);
  const warnings = late.warnings.map((warning) => `Late cards: ${warning}`);
  const papers = cardRecords(late.readings, fromJson, warnings);
  return { kind: 'list', papers, cards: late.cards, warnings: capWarnings(warnings) };
}

/**
 * The JSON items as readings by id, or undefined when the JSON is absent, broken or stale; each
 * case that loses information adds a warning.
 */
function readJsonItems(
  hydration: HydrationProps,
  options: ListPageOptions,
  fromCards: ReadingsById,
  cardsRead: number,
  warnings: string[],
): ReadingsById | undefined {
  if (hydration.state === 'absent') {
    if (options.hydration === 'expected') {
      warnings.push(`No DailyPapers hydration JSON on the page; ${cardsPhrase(cardsRead)}`);
    }
    return undefined;
  }
  if (hydration.state === 'unparsable') {
    warnings.push(`Hydration JSON could not be parsed (${hydration.reason}); ${cardsPhrase(cardsRead)}`);
    return undefined;
  }
  const list = dailyPapersOf(hydration.props);
  if (list === undefined) {
    warnings.push(`Hydration JSON has no dailyPapers list; ${cardsPhrase(cardsRead)}`);
    return undefined;
  }
  if (options.pageDate !== undefined && list.date !== undefined && list.date !== options.pageDate) {
    warnings.push(
      `Hydration JSON is for ${list.date}, the page for ${options.pageDate} (list changed without a page load); ${cardsPhrase(cardsRead)}`,
    );
    return undefined;
  }

  const fromJson = new ReadingsById();
  let overlap = false;
  let items = list.items;
  if (items.length > MAX_HYDRATION_ITEMS) {
    warnings.push(
      `Hydration JSON lists ${items.length.toLocaleString('en-US')} items; read the first ${MAX_HYDRATION_ITEMS.toLocaleString('en-US')} only`,
    );
    items = items.slice(0, MAX_HYDRATION_ITEMS);
  }
  items.forEach((item, index) => {
    let reading: PaperReading | undefined;
    try {
      reading = readingFromDailyItem(item);
    } catch (error) {
      warnings.push(`Hydration item ${index + 1} could not be read (${errorMessage(error)}); skipped`);
      return;
    }
    if (reading === undefined) {
      warnings.push(`Hydration item ${index + 1} has no arXiv id; skipped`);
      return;
    }
    overlap ||= fromCards.has(reading.id);
    fromJson.add(reading);
  });
  if (fromCards.size > 0 && fromJson.size > 0 && !overlap) {
    warnings.push(
      `Hydration JSON lists none of the papers on the cards (list changed without a page load); ${cardsPhrase(cardsRead)}`,
    );
    return undefined;
  }
  return fromJson;
}

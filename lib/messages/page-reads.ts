/**
 * What the popup's and the inbox's first script (entrypoints/early-read.ts) begins. Apart from
 * early-read.ts, which the pages' modules import too: this one needs the kept rows' checks, and the pages
 * need not load them with their first module files.
 */
import { beginEarlyRead, POPUP_SCREEN_READ, type ReadableArea } from './early-read';
import { validKeptScreen } from './kept-rows';

/**
 * Begins the early reads of the page at `path`: on the popup, first the read of its kept first screen,
 * given to `onScreen` when it is valid (at the change feed's position); then the read the page's module
 * takes ({@link beginEarlyRead}). A failed screen read shows nothing: the page draws itself.
 */
export function beginPageReads(path: string, area: ReadableArea, onScreen: (screen: unknown) => void): void {
  const screenRead = path === '/popup.html' ? area.get([...POPUP_SCREEN_READ]) : undefined;
  beginEarlyRead(path, area);
  screenRead?.then(
    (values) => {
      const kept = validKeptScreen(values);
      if (kept !== undefined) onScreen(kept.screen);
    },
    () => undefined,
  );
}

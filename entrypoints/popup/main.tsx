import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Popup, type PopupActions } from '../../components/popup/Popup';
import '../../components/popup/popup.css';
import { type ScreenNode, screenOf } from '../../components/first-screen';
import { UpdatesView } from '../../components/popup/UpdatesView';
import { useSnapshot } from '../../components/use-snapshot';
import { translatorFrom } from '../../lib/i18n';
import { changeSeq } from '../../lib/messages/change-feed';
import { sendMessage } from '../../lib/messages/client';
import { CHANGE_FEED_KEY, type ChangeFeed, UPDATES_FEED_KEY } from '../../lib/messages/protocol';
import type { Filters } from '../../lib/model/filters';
import { LIMITS } from '../../lib/model/limits';
import { DEFAULT_VIEW } from '../../lib/model/views';
import { downloadBackup, downloadPapers } from '../../lib/popup/downloads';
import { keepRows, readKeptRows } from '../../lib/popup/first-rows';
import { ReadingListModel } from '../../lib/popup/reading-list-model';
import { loadSettings, onSettingsChanged } from '../../lib/settings';

// Wiring only: the reading list lives in lib/popup, the UI in components/popup. Reads go straight to
// IndexedDB (this is an extension page); writes go through the background's messages.
const locale = browser.i18n.getUILanguage();
const t = translatorFrom(
  (key, substitutions) => browser.i18n.getMessage(key as 'extName', substitutions),
  locale,
);
document.documentElement.lang = locale;
document.title = t('extName');
const dateFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });

/** After the next frame is painted. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

// The store's modules (Dexie and the queries) are imported on first use: the rows kept from the last
// opening need only storage.local, and the page's first scripts stay small.
let storeModules: Promise<StoreModules> | undefined;
const store = () =>
  (storeModules ??= Promise.all([
    import('../../lib/db/queries'),
    import('../../lib/db/watch'),
    import('../../lib/inbox/count'),
  ]).then(([queries, watch, count]) => ({ ...queries, ...watch, ...count })));
type StoreModules = typeof import('../../lib/db/queries') &
  typeof import('../../lib/db/watch') &
  typeof import('../../lib/inbox/count');

// Whatever else the popup reads (the counts, the updates, the inbox's count) waits until the first rows,
// or the list's empty or failed state, have been painted: run beside them, opening IndexedDB and
// evaluating Dexie held the rows back by up to ~300 ms (measured with 10,000 papers).
let firstPainted: () => void = () => undefined;
const firstRowsPainted = new Promise<void>((resolve) => {
  firstPainted = resolve;
});

/** The change feed's position the first rows were read at: the first screen drawn from them is of then. */
let firstRowsSeq: number | undefined;

const model = new ReadingListModel(
  {
    // The rows kept from the last opening come before IndexedDB opens; else the store's.
    firstPage: async (view, limit) => {
      const kept = await readKeptRows(view, limit);
      if (kept !== undefined) {
        firstRowsSeq = kept.seq;
        return kept.papers;
      }
      // Read before the rows: if a change comes between, the screen is kept at the older position, which
      // the next popup finds out of date.
      const seq = await changeSeq(browser.storage.local);
      const papers = await (await store()).readPage(view, limit);
      firstRowsSeq = seq;
      return papers;
    },
    counts: async () => {
      await firstRowsPainted;
      return (await store()).readViewCounts();
    },
    allPapers: async (onSlice) => (await store()).readAllPapers(onSlice),
    papers: async (ids) => (await store()).readPapers(ids),
  },
  (work) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(work, { timeout: 100 })
      : setTimeout(() => work({ timeRemaining: () => 8 }), 16),
  { afterFirstPaint: () => firstRowsPainted },
);

/** Sends a bulk message in chunks the background accepts, then re-reads the papers. */
async function inChunks(ids: readonly string[], send: (chunk: string[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < ids.length; start += LIMITS.ids)
    await send(ids.slice(start, start + LIMITS.ids));
  await model.refresh(ids);
}

const actions: PopupActions = {
  setSaved: (ids, saved) => inChunks(ids, (chunk) => sendMessage('setSavedMany', { ids: chunk, saved })),
  rankPapers: (ids, tag) =>
    sendMessage('rankPapers', tag === undefined ? { ids: [...ids] } : { ids: [...ids], tag }),
  setRead: (ids, read) => inChunks(ids, (chunk) => sendMessage('setReadMany', { ids: chunk, read })),
  addTags: (ids, tags) => inChunks(ids, (chunk) => sendMessage('addTagsMany', { ids: chunk, tags })),
  async setWatched(id, watched) {
    await sendMessage('setWatched', { id, watched });
    await model.refresh([id]);
  },
  async setTags(id, tags) {
    await sendMessage('setTags', { id, tags });
    await model.refresh([id]);
  },
  async setNote(id, note) {
    await sendMessage('setNote', { id, note });
    await model.refresh([id]);
  },
  // Exports load their code when first used, so that it costs nothing when the popup opens.
  async copyBibtex(ids) {
    const [{ toBibtex }, { copyText }] = await Promise.all([
      import('../../lib/export/files'),
      import('../../lib/popup/clipboard'),
    ]);
    await copyText(document, toBibtex(model.pick(ids)));
  },
  exportPapers: (format, ids, scopeLabel) =>
    downloadPapers(document, format, ids === 'everything' ? model.all() : model.pick(ids), scopeLabel),
  exportBackup: () =>
    downloadBackup(document, async (now) => (await import('../../lib/db/backup')).exportBackup(now)),
  openOptions: () => void browser.runtime.openOptionsPage(),
  openInbox: () =>
    void browser.tabs.create({ url: browser.runtime.getURL('/inbox.html') }).then(() => window.close()),
};

const results = model.results.bind(model);
const matchCounts = model.matchCounts.bind(model);
const paper = model.get.bind(model);
const formatDate = (time: number) => dateFormat.format(time);

type UpdatesState = Awaited<ReturnType<StoreModules['readUpdatesState']>>;

/** The watched papers' updates, read from the store and again whenever the background publishes. */
function useUpdates(): [UpdatesState, () => Promise<void>] {
  const [state, setState] = useState<UpdatesState>({ updates: [], unread: 0, readThrough: 0 });
  const reload = async () => {
    await firstRowsPainted;
    setState(await (await store()).readUpdatesState());
  };
  useEffect(() => {
    void reload();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && UPDATES_FEED_KEY in changes) void reload();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);
  return [state, reload];
}

function App() {
  const snapshot = useSnapshot(model);
  const [inboxCount, setInboxCount] = useState<number | undefined>(undefined);
  const [filters, setFilters] = useState<Filters | undefined>(undefined);
  useEffect(() => {
    // One read of the settings (storage.local, beside IndexedDB's first rows): the filters fold and highlight
    // the rows as they are drawn, and the inbox count comes from the days already cached only (the popup
    // never waits for the site).
    const settings = loadSettings();
    void settings.then((s) => setFilters(s.filters));
    void settings
      .then(async (s) => {
        await firstRowsPainted;
        return (await store()).cachedInboxCount(s.filters);
      })
      .then(setInboxCount, () => setInboxCount(undefined));
    return onSettingsChanged((s) => setFilters(s.filters));
  }, []);
  const [updates, reloadUpdates] = useUpdates();
  const [checkStatus, setCheckStatus] = useState<string | undefined>(undefined);
  // What was unread when the view opened stays marked as new while it is open.
  const [shownReadThrough, setShownReadThrough] = useState(0);
  const updatesProp = {
    unread: updates.unread,
    onOpen: () => {
      setShownReadThrough(updates.readThrough);
      sendMessage('markUpdatesRead', {})
        .then(reloadUpdates)
        .catch((error) => console.warn('Daily Papers Companion: updates not marked read', error));
    },
    render: () => (
      <UpdatesView
        t={t}
        updates={updates.updates}
        readThrough={shownReadThrough}
        checkStatus={checkStatus}
        formatDate={formatDate}
        onCheckNow={() => {
          setCheckStatus(t('updatesChecking'));
          sendMessage('checkNow', {}).catch((error: unknown) =>
            setCheckStatus(error instanceof Error ? error.message : String(error)),
          );
        }}
      />
    ),
  };
  return (
    <Popup
      t={t}
      snapshot={snapshot}
      results={results}
      matchCounts={matchCounts}
      paper={paper}
      actions={actions}
      formatDate={formatDate}
      inboxCount={inboxCount}
      updates={updatesProp}
      filters={filters}
    />
  );
}

/**
 * Longest the first render waits for the first rows. Kept rows come ~10 ms after the page's module has
 * run, and drawing the popup once with them cost ~10 ms less than drawing it loading, then again with
 * them. Rows from IndexedDB take longer: the page shows its loading state meanwhile.
 */
const FIRST_RENDER_WAIT_MS = 50;
/** Longest the other reads wait for the first rows to be painted. */
const FIRST_ROWS_WAIT_MAX_MS = 500;
/** Rows kept for the next opening: the model's first page. */
const FIRST_ROWS_KEPT = 40;

const app = document.getElementById('app')!;
/** The first screen as this popup drew it with its first rows, and the feed's position it is of. */
let firstScreen: { screen: ScreenNode[]; seq: number } | undefined;
// A mark for DevTools and the browser tests: when the first rows are in the page. The first screen is
// kept from then (the copy the page's first script drew is gone by then: the app replaced it).
const firstRows = new MutationObserver(() => {
  if (app.querySelector('[data-paper-row]:not([inert] *)') === null) return;
  performance.mark('dpc:first-rows');
  firstRows.disconnect();
  const screen = screenOf(app);
  if (screen !== undefined && firstRowsSeq !== undefined) firstScreen = { screen, seq: firstRowsSeq };
  void afterPaint().then(firstPainted);
});
firstRows.observe(app, { childList: true, subtree: true });
// The first page is known: rows, or the list's empty or failed state.
const firstPageKnown = new Promise<void>((resolve) => {
  const stop = model.subscribe(() => {
    if (model.snapshot().phase === 'starting') return;
    stop();
    resolve();
  });
});
void model.start(DEFAULT_VIEW).then(async () => {
  // Kept for the next opening: the default view's first rows as the store has them now.
  const seq = await changeSeq(browser.storage.local);
  const papers = await (await store()).readPage(DEFAULT_VIEW, FIRST_ROWS_KEPT);
  // The screen goes with the rows while nothing has changed since it was drawn.
  await keepRows(papers, FIRST_ROWS_KEPT, seq, firstScreen?.seq === seq ? firstScreen.screen : undefined);
});
void Promise.race([firstPageKnown, new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS))]).then(
  () => {
    // The copy of the last first screen, if the page's first script drew one, gives way to the app, in
    // the same task: the next frame shows the app, drawn the same.
    app.replaceChildren();
    render(<App />, app);
  },
);
// The other reads begin after the frame that paints the first rows (above), at once when there is no
// row to show (an empty or failed list needs the counts to say which), and in any case soon after.
void firstPageKnown.then(() => {
  const { phase, loaded } = model.snapshot();
  if (phase === 'failed' || loaded === 0) firstPainted();
  else setTimeout(firstPainted, FIRST_ROWS_WAIT_MAX_MS);
});

// Changes made on a page (or anywhere else) reach the open popup through the change feed.
browser.storage.onChanged.addListener((changes, area) => {
  const feed = changes[CHANGE_FEED_KEY]?.newValue as ChangeFeed | undefined;
  if (area === 'local' && feed !== undefined) {
    model
      .applyChange(feed)
      .catch((error) => console.warn('Daily Papers Companion: a change was not applied', error));
  }
});

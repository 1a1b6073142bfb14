import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Inbox, type InboxActions } from '../../components/inbox/Inbox';
import { useSnapshot } from '../../components/use-snapshot';
import '../../components/inbox/inbox.css';
import { FIRST_ROWS } from '../../components/inbox/Inbox';
import { translatorFrom } from '../../lib/i18n';
import {
  type KeptInboxRows,
  keepInboxOrder,
  keepInboxRows,
  keptMissedRange,
  keptOrderOf,
  keptRowsOf,
  storedInboxOrderOf,
  storedInboxRowsOf,
} from '../../lib/inbox/first-rows';
import { changeSeq } from '../../lib/messages/change-feed';
import { sendMessage } from '../../lib/messages/client';
import { takeEarlyRead } from '../../lib/messages/early-read';
import { CHANGE_FEED_KEY, type ChangeFeed } from '../../lib/messages/protocol';
import { type AppliedRule, applyRule, type Filters, removeRule, undoRule } from '../../lib/model/filters';
import {
  buildInbox,
  type DayRange,
  daysOfRange,
  type InboxDay,
  type InboxOrder,
  missedRange,
  pickedRange,
  sameRange,
  sortRows,
} from '../../lib/model/inbox';
import type { PaperRecord, PaperState } from '../../lib/model/paper';
import { onSettingsChanged, settingsFrom, updateFilters } from '../../lib/settings';

// Wiring only: the inbox's rules live in lib/model/inbox.ts, its UI in components/inbox. The days come
// through the background (which caches them and paces the site's API); states are read from the store
// (this is an extension page) and every change goes through the background's messages.
// The store's modules (Dexie) are imported beside the first paint, not before it: the kept first rows
// (lib/inbox/first-rows.ts) need only storage.local, and evaluating Dexie cost the first rows ~20 ms.
// The settings and the kept first rows, in one read begun by the page's first script.
const firstRead = takeEarlyRead('/inbox.html', browser.storage.local);
const store = Promise.all([import('../../lib/db/queries'), import('../../lib/inbox/days')]).then(
  ([queries, days]) => ({ ...queries, ...days }),
);
const locale = browser.i18n.getUILanguage();
const t = translatorFrom(
  (key, substitutions) => browser.i18n.getMessage(key as 'extName', substitutions),
  locale,
);
document.documentElement.lang = locale;
document.title = `${t('inboxTitle')} · ${t('extName')}`;
const dayFormat = new Intl.DateTimeFormat(locale, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const formatDay = (day: string) => dayFormat.format(Date.parse(`${day}T00:00:00Z`));

interface View {
  range: DayRange;
  days: InboxDay[];
  pending: number;
  arrivalStates: Map<string, PaperState>;
  states: Map<string, PaperState>;
  filters: Filters;
  knownTags: string[];
  /** The order the inbox opened in; the one chosen since is kept in `order` below. */
  initialOrder: InboxOrder;
  kept?: KeptInboxRows;
}

/** The order shown now: the one the inbox opened in, then each one the reader chooses. */
let order: InboxOrder = 'day';

let view: View | undefined;
const listeners = new Set<() => void>();
const update = (patch: Partial<View>) => {
  if (view === undefined) return;
  view = { ...view, ...patch };
  for (const listener of listeners) listener();
};
const applyStates = (states: readonly PaperState[]) => {
  if (view === undefined || states.length === 0) return;
  const next = new Map(view.states);
  for (const state of states) next.set(state.id, state);
  update({ states: next });
};

/** The range the address picks (`?from=&to=`); undefined for the default one, the days missed. */
const picked = (() => {
  const params = new URLSearchParams(location.search);
  return pickedRange(params.get('from'), params.get('to'));
})();
/**
 * The last visit of a daily list (null: none ever) as the store says, which the default range starts
 * at; undefined if the store could not say. Asked at once, beside the first read, but the first rows
 * wait for it only when no kept rows know the range (see keptMissedRange).
 */
const lastVisit: Promise<number | null | undefined> | undefined =
  picked === undefined
    ? store
        .then(({ lastDailyVisitAt }) => lastDailyVisitAt())
        .then(
          (at) => at ?? null,
          () => undefined,
        )
    : undefined;
/** For the range shown, when it is the default one, the last visit it starts at (as in lastVisit). */
let missedSince: number | null | undefined;

let generation = 0;
/**
 * Loads the days of `range`: those cached within the hour straight from the store, at once; then the
 * others, newest first, one at a time through the background (which paces the site's API).
 */
async function loadRange(range: DayRange): Promise<void> {
  const mine = ++generation;
  const since = missedSince;
  const dates = daysOfRange(range.from, range.to);
  update({ range, days: [], pending: dates.length, arrivalStates: new Map() });
  // Taken before any state is read: a change published meanwhile makes the rows kept below invalid.
  const seq = await changeSeq(browser.storage.local).catch(() => undefined);
  const { readFreshDays, getStates } = await store;
  const fresh = await readFreshDays(dates, Date.now()).catch(() => []);
  const freshStates = await getStates(fresh.flatMap((d) => d.papers.map((p) => p.id))).catch(() => []);
  if (mine !== generation) return;
  arrive(fresh, freshStates);
  const known = new Set(fresh.map((d) => d.date));
  for (const date of dates) {
    if (known.has(date)) continue;
    let day: InboxDay;
    let states: PaperState[] = [];
    try {
      ({ day, states } = await sendMessage('getInboxDay', { date }));
    } catch (error) {
      day = {
        date,
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
        papers: [],
      };
    }
    if (mine !== generation) return;
    arrive([day], states);
  }
  // A mark for the bench and the browser tests: the next opening's first rows are kept.
  if (seq !== undefined) {
    void keepFirstRows(seq, since).then(
      (kept) => kept && performance.mark('dpc:rows-kept'),
      () => {},
    );
  }
}

/**
 * Keeps the first rows for the next opening on these days, when every day came (see first-rows.ts),
 * with the last visit the range starts at when it is the default one. Resolves to whether it kept them.
 */
async function keepFirstRows(seq: number, since: number | null | undefined): Promise<boolean> {
  if (view === undefined || view.days.some((day) => day.status !== 'ok' || day.fetchedAt === undefined))
    return false;
  const { range, days, arrivalStates, filters } = view;
  const inbox = buildInbox(days, arrivalStates, filters);
  const keptOrder = keptOrderOf(order);
  const rows = sortRows(inbox.rows, keptOrder)
    .slice(0, FIRST_ROWS)
    .map((row) => ({ row, state: arrivalStates.get(row.paper.id) }));
  const freshUntil = Math.min(...days.map((day) => day.fetchedAt ?? 0)) + (await store).DAY_FRESH_MS;
  const kept = { range, filters, order: keptOrder, seq, freshUntil, rows, left: inbox.rows.length };
  await keepInboxRows(since === undefined ? kept : { ...kept, missedSince: since });
  return true;
}

/** Takes days that came in, with the states of their papers. */
function arrive(days: readonly InboxDay[], states: readonly PaperState[]): void {
  if (view === undefined || days.length === 0) return;
  const arrival = new Map(view.arrivalStates);
  const current = new Map(view.states);
  for (const state of states) {
    arrival.set(state.id, state);
    current.set(state.id, state);
  }
  update({
    kept: undefined,
    days: [...view.days, ...days],
    pending: view.pending - days.length,
    arrivalStates: arrival,
    states: current,
  });
}

/** Makes sure the store knows the paper (acting on it needs a row): unknown ones are stored, unsaved. */
async function ensureKnown(paper: PaperRecord): Promise<void> {
  if (view?.states.has(paper.id)) return;
  applyStates([(await sendMessage('setSaved', { id: paper.id, saved: false, paper })).state]);
}

const actions: InboxActions = {
  async setSaved(paper, saved) {
    applyStates([(await sendMessage('setSaved', { id: paper.id, saved, paper })).state]);
  },
  async setRead(paper, read) {
    await ensureKnown(paper);
    applyStates([(await sendMessage('setRead', { id: paper.id, read })).state]);
  },
  async setTags(paper, tags) {
    await ensureKnown(paper);
    applyStates([(await sendMessage('setTags', { id: paper.id, tags })).state]);
  },
  async setDismissed(paper, dismissed) {
    await ensureKnown(paper);
    applyStates([(await sendMessage('setDismissed', { id: paper.id, dismissed })).state]);
  },
  async chooseRule({ rule, active }) {
    let applied: AppliedRule | undefined;
    const filters = await updateFilters((current) => {
      if (active) return removeRule(current, rule);
      const result = applyRule(current, rule);
      applied = result.applied;
      return result.filters;
    });
    update({ filters });
    return applied;
  },
  async undoRule(applied) {
    update({ filters: await updateFilters((current) => undoRule(current, applied)) });
  },
  openTab: (url) => void browser.tabs.create({ url }),
  rank: (ids, days) => sendMessage('rankPapers', { ids, days }),
  chooseOrder(chosen) {
    order = chosen;
    void keepInboxOrder(chosen).catch(() => {});
  },
  pickRange(range) {
    const picked = pickedRange(range.from, range.to);
    if (picked === undefined) return;
    history.replaceState(null, '', `?from=${picked.from}&to=${picked.to}`);
    missedSince = undefined;
    update({ kept: undefined });
    void loadRange(picked);
  },
};

/** The page's view as {@link useSnapshot} follows it. */
const viewSource = {
  snapshot: () => view,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};

function App() {
  const view = useSnapshot(viewSource);
  if (view === undefined) return null;
  return <Inbox t={t} actions={actions} formatDay={formatDay} {...view} />;
}

const app = document.getElementById('app')!;
// A mark for DevTools, the browser tests and the bench: when the first rows are in the page.
const firstRows = new MutationObserver(() => {
  if (app.querySelector('[data-paper-row]') === null) return;
  performance.mark('dpc:first-rows');
  firstRows.disconnect();
});
firstRows.observe(app, { childList: true, subtree: true });

// Changes made anywhere (a papers tab, the popup) reach the inbox through the change feed.
browser.storage.onChanged.addListener((changes, area) => {
  const feed = changes[CHANGE_FEED_KEY]?.newValue as ChangeFeed | undefined;
  if (area !== 'local' || feed === undefined || view === undefined) return;
  if (feed.states !== undefined) applyStates(feed.states);
  else {
    const ids = [...new Set(view.days.flatMap((d) => d.papers.map((p) => p.id)))];
    void store.then(({ getStates }) => getStates(ids)).then(applyStates);
  }
});
onSettingsChanged((settings) => update({ filters: settings.filters }));

void (async () => {
  // The kept rows are read with the settings, and judged once the range and the filters are known. The
  // default range comes from kept rows of it when there are (drawn at once, checked with the store
  // just after), else from the store.
  const stored = await firstRead;
  const settings = settingsFrom(stored);
  const storedRows = storedInboxRowsOf(stored);
  order = storedInboxOrderOf(stored);
  const keptRange = picked === undefined ? keptMissedRange(storedRows, Date.now()) : undefined;
  if (picked === undefined && keptRange === undefined) missedSince = await lastVisit;
  let range = picked ?? keptRange ?? missedRange(missedSince ?? undefined, Date.now());
  const kept = keptRowsOf(storedRows, range, settings.filters, Date.now(), order);
  view = {
    range,
    days: [],
    // Loading from the first paint on, so nobody reads an empty inbox as an empty day.
    pending: daysOfRange(range.from, range.to).length,
    arrivalStates: new Map(),
    // The kept rows' states are the store's (nothing published since): acting on a row starts from them.
    states: new Map(kept?.rows.flatMap(({ state }) => (state ? [[state.id, state] as const] : []))),
    filters: settings.filters,
    knownTags: [],
    initialOrder: order,
    kept,
  };
  render(<App />, app);
  // Tag suggestions are for the tag editor only: they never hold up the first rows.
  void store
    .then(({ listTags }) => listTags())
    .then(
      (tags) => update({ knownTags: tags.map((tag) => tag.tag) }),
      () => {},
    );
  if (keptRange !== undefined) {
    const since = await lastVisit;
    if (generation !== 0) return; // the reader picked a range meanwhile
    missedSince = since;
    // Unless the store could not say: then the kept rows' range stands.
    const truth = since === undefined ? range : missedRange(since ?? undefined, Date.now());
    if (!sameRange(truth, range)) {
      range = truth;
      update({ range, pending: daysOfRange(range.from, range.to).length, kept: undefined });
    }
  }
  await loadRange(range);
})();

import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { VListHandle } from 'virtua';
import type { ExportFormat } from '../../lib/export/files';
import { formatNumber, plural, type Translate } from '../../lib/i18n';
import { compileFilters, type Filters, hasFilters, rulesOnly } from '../../lib/model/filters';
import { type ForYouRanking, forYouOrder } from '../../lib/model/for-you';
import { LIMITS } from '../../lib/model/limits';
import type { StoredPaper } from '../../lib/model/paper';
import { DEFAULT_VIEW, type ListView, type SortKey, sameView, type ViewCounts } from '../../lib/model/views';
import type { ReadingListSnapshot, ResultList } from '../../lib/popup/reading-list-model';
import { coldStartText } from '../ForYou';
import { type EmptyReason, EmptyState, type MatchesElsewhere } from './EmptyState';
import { ExportPanel, type ExportScope } from './ExportPanel';
import { focusRow, PaperList } from './PaperList';
import { PaperRow } from './PaperRow';
import { SelectionBar } from './SelectionBar';
import { SortSelect } from './SortSelect';
import { ViewNav } from './ViewNav';

/** Everything the popup can change. Each returns when the change is stored, or rejects with a readable message. */
export interface PopupActions {
  setSaved: (ids: readonly string[], saved: boolean) => Promise<void>;
  setRead: (ids: readonly string[], read: boolean) => Promise<void>;
  /** Watches one paper for updates without saving it, or stops; without it, rows offer no such button. */
  setWatched?: (id: string, watched: boolean) => Promise<void>;
  setTags: (id: string, tags: string[]) => Promise<void>;
  /** Sets a paper's note; a blank note removes it. */
  setNote: (id: string, note: string) => Promise<void>;
  addTags: (ids: readonly string[], tags: string[]) => Promise<void>;
  /** Copies the BibTeX of these papers to the clipboard. */
  copyBibtex: (ids: readonly string[]) => Promise<void>;
  /** Downloads these papers (or every paper) in `format`; `scopeLabel` names the file. */
  exportPapers: (
    format: ExportFormat,
    ids: readonly string[] | 'everything',
    scopeLabel: string,
  ) => Promise<void>;
  /** Downloads the full JSON backup. */
  exportBackup: () => Promise<void>;
  openOptions: () => void;
  /**
   * "For you" scores of these papers, for the reader or for one tag ("more like #rl"); without it the
   * popup offers no "For you" order.
   */
  rankPapers?: (ids: readonly string[], tag?: string) => Promise<ForYouRanking>;
  /** Opens the inbox page (issue 15). */
  openInbox?: () => void;
}

/** Props of {@link Popup}. */
export interface PopupProps {
  t: Translate;
  snapshot: ReadingListSnapshot;
  /** The papers a view shows for a query, in order (memoized by the reading list). */
  results: (view: ListView, query: string, sort: SortKey) => ResultList;
  /** How many papers match a query in each view (memoized by the reading list like `results`). */
  matchCounts: (query: string) => ViewCounts;
  paper: (id: string) => StoredPaper | undefined;
  actions: PopupActions;
  /** Formats a time as a short date in the user's locale. */
  formatDate: (time: number) => string;
  initialView?: ListView;
  /** Papers left to triage in the inbox, as far as the days already fetched tell; absent while unknown. */
  inboxCount?: number;
  /** The Updates view of watched papers (issue 16): its unread count, its body, and what opening it does. */
  updates?: { unread: number; render: () => ComponentChildren; onOpen: () => void };
  /**
   * The reader's filters (issue 15): papers a mute rule matches fold to one line with Show, followed ones are
   * highlighted; only the rules apply here (`rulesOnly`). Absent until the settings are read.
   */
  filters?: Filters;
}

type Status = { kind: 'info' | 'error'; text: string } | undefined;

/**
 * The popup: the lists (Saved, Read, Seen, tags) with counts, search as you type, sorting, a
 * virtualized list of papers with their actions, selection with bulk actions, export, and the empty
 * and first-run states. Takes props only; the entrypoint connects it to the reading list and the
 * background.
 */
export function Popup({
  t,
  snapshot,
  results,
  matchCounts,
  paper,
  actions,
  formatDate,
  initialView = DEFAULT_VIEW,
  inboxCount,
  updates,
  filters,
}: PopupProps) {
  const [showingUpdates, setShowingUpdates] = useState(false);
  const [view, setView] = useState<ListView>(initialView);
  const [query, setQuery] = useState('');
  const [sortChoice, setSortChoice] = useState<SortKey | undefined>(undefined);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<Status>(undefined);
  const anchor = useRef<number | undefined>(undefined);
  const search = useRef<HTMLInputElement>(null);
  const listHandle = useRef<VListHandle>(null);
  const listArea = useRef<HTMLDivElement>(null);
  const footer = useRef<HTMLElement>(null);

  const searching = query.trim() !== '';
  // While searching, best matches first unless the user chose an order; without a query, date order.
  const sort: SortKey = searching
    ? (sortChoice ?? 'relevance')
    : sortChoice === undefined || sortChoice === 'relevance'
      ? 'date'
      : sortChoice;
  const baseList = useMemo(
    () => results(view, query, sort),
    [results, view, query, sort, snapshot.dataVersion, snapshot.indexVersion],
  );
  // "For you" (issue 14): the list above, reordered by the background's ranking (per tag in a tag's view).
  const [forYouOn, setForYouOn] = useState(false);
  const [ranked, setRanked] = useState<{ of: ResultList; ranking: ForYouRanking } | undefined>(undefined);
  useEffect(() => {
    const rank = actions.rankPapers;
    if (!forYouOn || !rank || baseList.ids.length === 0) return;
    let live = true;
    rank(baseList.ids.slice(0, LIMITS.ids), view.kind === 'tag' ? view.tag : undefined).then(
      (ranking) => {
        if (live) setRanked({ of: baseList, ranking });
      },
      (error: unknown) => {
        if (live) setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [forYouOn, baseList]);
  const forYouRanking = forYouOn && ranked?.of === baseList ? ranked.ranking : undefined;
  const list = useMemo(() => {
    if (!forYouRanking || forYouRanking.coldStart) return baseList;
    const first = forYouOrder(forYouRanking.scores);
    const ranks = new Set(first);
    return { ...baseList, ids: [...first, ...baseList.ids.filter((id) => !ranks.has(id))] };
  }, [forYouRanking, baseList]);
  // Every list's matches, so that a paper in another list is found too (once everything is read).
  const matches = useMemo(
    () => (searching && snapshot.phase === 'ready' ? matchCounts(query) : undefined),
    [matchCounts, searching, query, snapshot.phase, snapshot.dataVersion, snapshot.indexVersion],
  );
  const knownTags = useMemo(() => snapshot.counts.tags.map((c) => c.tag), [snapshot.counts]);
  // The rows already loaded are judged as they are drawn: no read of the store for the filters.
  const judge = useMemo(() => {
    const rules = filters === undefined ? undefined : rulesOnly(filters);
    return rules !== undefined && hasFilters(rules) ? compileFilters(rules) : undefined;
  }, [filters]);
  const [mutedShown, setMutedShown] = useState<ReadonlySet<string>>(new Set());

  // Selected papers that left the reading list are dropped from the selection.
  useEffect(() => {
    if (selection.size === 0) return;
    const kept = [...selection].filter((id) => paper(id) !== undefined);
    if (kept.length !== selection.size) setSelection(new Set(kept));
  }, [snapshot.dataVersion]);

  // `/` focuses the search field from anywhere, as on many sites.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || target?.closest('input, textarea, select')) return;
      event.preventDefault();
      search.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // The export panel opens upward in the column's flow, which shortens the list from below: the list
  // scrolls by as much, so the rows that were at its end stay in view instead of going under the panel
  // (and come back down when it closes). Scrolled before paint, in the observer, so nothing jumps.
  useEffect(() => {
    const element = footer.current;
    if (element === null || typeof ResizeObserver === 'undefined') return;
    let height = element.getBoundingClientRect().height;
    const observer = new ResizeObserver(() => {
      const next = element.getBoundingClientRect().height;
      const list = listArea.current?.querySelector('.list');
      if (next !== height && list) list.scrollTop += next - height;
      height = next;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const fail = (error: unknown) =>
    setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
  const run = async (work: () => Promise<void>, done?: string) => {
    try {
      await work();
      setStatus(done === undefined ? undefined : { kind: 'info', text: done });
    } catch (error) {
      fail(error);
    }
  };
  // Unlike `run`, rejects too when the note was not stored, so that its field keeps what was typed.
  const saveNote = async (id: string, note: string) => {
    try {
      await actions.setNote(id, note);
      setStatus({
        kind: 'info',
        text: t(note.trim() === '' ? 'popupDoneNoteRemoved' : 'popupDoneNoteSaved'),
      });
    } catch (error) {
      fail(error);
      throw error;
    }
  };

  const changeView = (next: ListView) => {
    if (sameView(next, view)) return;
    setView(next);
    setSelection(new Set());
    anchor.current = undefined;
    setStatus(undefined);
  };

  const select = (index: number, selected: boolean, range: boolean) => {
    const next = new Set(selection);
    const from = range && anchor.current !== undefined ? Math.min(anchor.current, index) : index;
    const to = range && anchor.current !== undefined ? Math.max(anchor.current, index) : index;
    for (let i = from; i <= to; i++) {
      const id = list.ids[i];
      if (id === undefined) continue;
      if (selected) next.add(id);
      else next.delete(id);
    }
    anchor.current = index;
    setSelection(next);
  };

  const selectedIds = [...selection];
  const allSelected = list.ids.length > 0 && list.ids.every((id) => selection.has(id));
  const labelOf = (of: ListView) =>
    of.kind === 'tag'
      ? `#${of.tag}`
      : t(of.kind === 'saved' ? 'popupViewSaved' : of.kind === 'read' ? 'popupViewRead' : 'popupViewSeen');
  const viewLabel = labelOf(view);
  const listIsEmpty =
    snapshot.countsKnown &&
    snapshot.counts.saved + snapshot.counts.read + snapshot.counts.seen + snapshot.counts.tags.length === 0;

  let empty: EmptyReason | undefined;
  if (list.ids.length === 0) {
    if (snapshot.phase === 'failed') empty = { kind: 'failed', error: snapshot.error ?? '' };
    else if (snapshot.phase === 'starting' || !snapshot.countsKnown) empty = { kind: 'loading' };
    else if (listIsEmpty && !searching) empty = { kind: 'first-run' };
    else if (!list.complete && (searching || snapshot.phase !== 'ready')) empty = { kind: 'loading' };
    else if (searching)
      empty = {
        kind: 'no-match',
        query: query.trim(),
        listLabel: viewLabel,
        elsewhere: matchesElsewhere(view, matches, labelOf),
      };
    else empty = { kind: 'empty-view', view };
  }

  const scopes: ExportScope[] = [
    ...(selection.size > 0
      ? [{ id: 'selection', label: t('exportScopeSelection'), count: selection.size }]
      : []),
    { id: 'view', label: searching ? t('exportScopeResults', viewLabel) : viewLabel, count: list.ids.length },
    { id: 'everything', label: t('exportScopeEverything'), count: snapshot.loaded },
  ];

  const summary = searching ? plural(t, 'popupResults', list.ids.length) : '';
  const indexing =
    snapshot.phase === 'partial'
      ? t('popupStillLoading')
      : searching && snapshot.abstractsPending > 0
        ? t(
            'popupIndexingAbstracts',
            formatNumber(
              t,
              Math.floor(
                (100 * (snapshot.loaded - snapshot.abstractsPending)) / Math.max(1, snapshot.loaded),
              ),
            ),
          )
        : '';

  return (
    <div class="popup" data-phase={snapshot.phase} data-abstracts-pending={snapshot.abstractsPending}>
      <header class="top">
        <div class="toolbar">
          <h1 class="brand">{t('extName')}</h1>
          {actions.openInbox ? (
            <button
              type="button"
              class="inbox-link"
              data-inbox-count={inboxCount}
              onClick={actions.openInbox}
            >
              {inboxCount === undefined
                ? t('inboxTitle')
                : t('popupOpenInbox', [formatNumber(t, inboxCount)])}
            </button>
          ) : null}
          {updates !== undefined ? (
            <button
              type="button"
              class="updates-toggle"
              aria-pressed={showingUpdates}
              data-unread={updates.unread}
              onClick={() => {
                if (!showingUpdates) updates.onOpen();
                setShowingUpdates(!showingUpdates);
              }}
            >
              {t('popupUpdates')}
              {updates.unread > 0 ? (
                <>
                  {' '}
                  <span class="updates-count">{formatNumber(t, updates.unread)}</span>
                </>
              ) : null}
            </button>
          ) : null}
          <button
            type="button"
            class="icon"
            onClick={actions.openOptions}
            aria-label={t('popupOpenOptions')}
            title={t('popupOpenOptions')}
          >
            ⚙
          </button>
        </div>
        <div class="search-row">
          <label class="visually-hidden" for="search">
            {t('popupSearchLabel')}
          </label>
          <input
            id="search"
            ref={search}
            type="search"
            value={query}
            placeholder={t('popupSearchPlaceholder')}
            autocomplete="off"
            spellcheck={false}
            onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown' && list.ids.length > 0) {
                event.preventDefault();
                focusRow(listHandle.current, listArea.current, 0);
              }
            }}
          />
          <SortSelect t={t} view={view} sort={sort} searching={searching} onChange={setSortChoice} />
          {actions.rankPapers ? (
            <button
              type="button"
              class="foryou-toggle"
              aria-pressed={forYouOn}
              onClick={() => setForYouOn(!forYouOn)}
            >
              {view.kind === 'tag' ? t('popupMoreLikeTag', view.tag) : t('forYouSort')}
            </button>
          ) : null}
        </div>
        {forYouRanking?.coldStart ? (
          <p class="foryou-cold" role="status">
            {coldStartText(t, forYouRanking.coldStart)}
          </p>
        ) : null}
        <ViewNav
          t={t}
          view={view}
          counts={snapshot.countsKnown ? snapshot.counts : undefined}
          matches={matches}
          onChange={changeView}
        />
      </header>

      {selection.size > 0 ? (
        <SelectionBar
          t={t}
          count={selection.size}
          knownTags={knownTags}
          onMarkRead={(read) =>
            void run(
              async () => {
                await actions.setRead(selectedIds, read);
                setSelection(new Set());
              },
              t(read ? 'popupDoneMarkedRead' : 'popupDoneMarkedUnread', formatNumber(t, selectedIds.length)),
            )
          }
          onUnsave={() =>
            void run(
              async () => {
                await actions.setSaved(selectedIds, false);
                setSelection(new Set());
              },
              t('popupDoneUnsaved', formatNumber(t, selectedIds.length)),
            )
          }
          onAddTag={(tag) =>
            void run(
              () => actions.addTags(selectedIds, [tag]),
              t('popupDoneTagged', [tag, formatNumber(t, selectedIds.length)]),
            )
          }
          onClear={() => setSelection(new Set())}
        />
      ) : null}

      <div class="list-head">
        {list.ids.length > 0 ? (
          <label class="select-all">
            <input
              type="checkbox"
              checked={allSelected}
              onChange={() => {
                setSelection(allSelected ? new Set() : new Set(list.ids));
                anchor.current = undefined;
              }}
            />
            <span>{t('popupSelectAll', formatNumber(t, list.ids.length))}</span>
          </label>
        ) : (
          <span />
        )}
        <span class="summary" role="status" aria-live="polite">
          {summary}
          {summary !== '' && indexing !== '' ? ' · ' : ''}
          {indexing}
        </span>
      </div>

      {status !== undefined ? (
        <p class={`status ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
          <button
            type="button"
            class="dismiss"
            aria-label={t('popupDismiss')}
            onClick={() => setStatus(undefined)}
          >
            ×
          </button>
        </p>
      ) : null}

      {/* `data-query` changes in the same commit as the rows: a test (or a person) can tell which answer is shown. */}
      <div class="list-area" ref={listArea} data-query={query}>
        {showingUpdates && updates !== undefined ? (
          updates.render()
        ) : empty !== undefined ? (
          <EmptyState
            t={t}
            reason={empty}
            onClearSearch={() => setQuery('')}
            onShowView={(next) => {
              changeView(next);
              // The button pressed is gone with the empty state: focus moves to the list's first row.
              focusRow(listHandle.current, listArea.current, 0);
            }}
            onOpenOptions={actions.openOptions}
          />
        ) : (
          <PaperList
            ids={list.ids}
            label={viewLabel}
            listRef={listHandle}
            renderRow={(id, index) => {
              const row = paper(id);
              if (row === undefined) return null;
              const verdict = judge?.(row);
              return (
                <PaperRow
                  t={t}
                  paper={row}
                  muted={verdict?.muted}
                  followed={verdict?.followed}
                  mutedShown={mutedShown.has(id)}
                  onToggleMuted={() =>
                    setMutedShown((shown) => {
                      const next = new Set(shown);
                      if (!next.delete(id)) next.add(id);
                      return next;
                    })
                  }
                  view={view}
                  index={index}
                  count={list.ids.length}
                  selected={selection.has(id)}
                  knownTags={knownTags}
                  formatDate={formatDate}
                  onSelect={select}
                  onMove={(_from, to) => focusRow(listHandle.current, listArea.current, to)}
                  onToggleSaved={(p) => {
                    const saved = p.savedAt === undefined;
                    void run(
                      () => actions.setSaved([p.id], saved),
                      saved ? t('popupDoneSavedOne') : t('popupDoneUnsavedOne'),
                    );
                  }}
                  onToggleRead={(p) => void run(() => actions.setRead([p.id], p.state !== 'read'))}
                  onToggleWatched={
                    actions.setWatched
                      ? (p) => {
                          const watched = p.watchedAt === undefined;
                          void run(
                            () => actions.setWatched!(p.id, watched),
                            watched ? t('popupDoneWatching') : t('popupDoneNotWatching'),
                          );
                        }
                      : undefined
                  }
                  onCopyBibtex={(p) => void run(() => actions.copyBibtex([p.id]), t('popupDoneCopied'))}
                  onTagsChange={(p, tags) => void run(() => actions.setTags(p.id, tags))}
                  onNoteChange={(p, note) => saveNote(p.id, note)}
                />
              );
            }}
          />
        )}
      </div>

      <footer class="bottom" ref={footer}>
        <details class="export-details">
          <summary>{t('exportTitle')}</summary>
          <ExportPanel
            t={t}
            scopes={scopes}
            onExport={(format, scopeId) =>
              scopeId === 'selection'
                ? actions.exportPapers(format, selectedIds, t('exportScopeSelection'))
                : scopeId === 'everything'
                  ? actions.exportPapers(format, 'everything', t('exportScopeEverything'))
                  : actions.exportPapers(format, list.ids, viewLabel)
            }
            onBackup={actions.exportBackup}
          />
        </details>
      </footer>
    </div>
  );
}

/** The lists other than `view` where the search has matches, in the order the list switcher shows them. */
function matchesElsewhere(
  view: ListView,
  matches: ViewCounts | undefined,
  labelOf: (view: ListView) => string,
): MatchesElsewhere[] {
  if (matches === undefined) return [];
  const lists: { view: ListView; count: number }[] = [
    { view: { kind: 'saved' }, count: matches.saved },
    { view: { kind: 'read' }, count: matches.read },
    { view: { kind: 'seen' }, count: matches.seen },
    ...matches.tags.map(({ tag, count }) => ({ view: { kind: 'tag', tag } as ListView, count })),
  ];
  return lists
    .filter((other) => other.count > 0 && !sameView(other.view, view))
    .map((other) => ({ ...other, label: labelOf(other.view) }));
}

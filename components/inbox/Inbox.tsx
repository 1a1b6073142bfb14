import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { plural, type Translate } from '../../lib/i18n';
import { paperPageUrl } from '../../lib/model/arxiv';
import {
  type AppliedRule,
  compileFilters,
  type Filters,
  type RuleChoice,
  sameRule,
} from '../../lib/model/filters';
import type { ForYouRanking, ForYouScore } from '../../lib/model/for-you';
import {
  buildInbox,
  type DayRange,
  type InboxDay,
  type InboxOrder,
  isHandled,
  type InboxRow as Row,
  sortRows,
} from '../../lib/model/inbox';
import type { PaperRecord, PaperState } from '../../lib/model/paper';
import { coldStartText } from '../ForYou';
import { muteReasonText, ruleText } from '../filters/reason';
import { KeyHelp } from '../KeyHelp';
import { InboxRow } from './InboxRow';

/** What the inbox can ask of its page; each action rejects with a message a person can read. */
export interface InboxActions {
  setSaved: (paper: PaperRecord, saved: boolean) => Promise<void>;
  setRead: (paper: PaperRecord, read: boolean) => Promise<void>;
  setTags: (paper: PaperRecord, tags: string[]) => Promise<void>;
  /** Dismiss ("not interested"), or take it back. */
  setDismissed: (paper: PaperRecord, dismissed: boolean) => Promise<void>;
  openTab: (url: string) => void;
  /**
   * Puts a follow or mute rule in force (`applyRule`), or takes it away; kept with the settings. Resolves
   * to the rule put in force (undefined when one was taken away), so that it can be undone.
   */
  chooseRule: (choice: RuleChoice) => Promise<AppliedRule | undefined>;
  /** Puts the filters back as they were before `applied` (`undoRule`). */
  undoRule: (applied: AppliedRule) => Promise<void>;
  pickRange: (range: DayRange) => void;
  /** Keeps the order the reader chose, for the next opening. */
  chooseOrder?: (order: InboxOrder) => void;
  /**
   * "For you" (issue 14): the scores of `ids`, papers listed on `days`, for the reader. Without it the
   * inbox offers no "For you" order.
   */
  rank?: (ids: string[], days: string[]) => Promise<ForYouRanking>;
}

/** The inbox page's props. */
export interface InboxProps {
  t: Translate;
  range: DayRange;
  /** The days loaded so far, in any order. */
  days: InboxDay[];
  /** How many days of the range are still loading. */
  pending: number;
  /**
   * The states when each day arrived: they decide which papers are in the inbox, so a paper handled
   * here stays in view (dimmed) instead of jumping away.
   */
  arrivalStates: ReadonlyMap<string, PaperState>;
  /** The states now, as the store says. */
  states: ReadonlyMap<string, PaperState>;
  filters: Filters;
  knownTags: string[];
  /** The order the inbox opens in (the one last chosen); by day when absent. */
  initialOrder?: InboxOrder;
  /**
   * The first rows the last inbox on these days showed in the initial order, still valid
   * (lib/inbox/first-rows.ts): they stand in, with their count, until the first day arrives (the page puts
   * their states in `states`).
   */
  kept?: { rows: { row: Row; state?: PaperState }[]; left: number };
  actions: InboxActions;
  formatDay: (day: string) => string;
}

/**
 * Rows drawn in the first paint, a tall screen's worth (8 rows fill a 900 px window); the rest follow in
 * slices, so the first rows never wait for hundreds. Drawing 30 cost twice the time of 16 (traced).
 */
export const FIRST_ROWS = 16;
const ROW_SLICE = 60;
/**
 * Longest an inbox opened "For you" waits for its first ranking before it shows the rows by upvotes. The
 * ranking comes 60-90 ms after the days (measured, 1,000 papers in the store): shown by upvotes meanwhile,
 * the rows would change places under the reader's eyes.
 */
export const FOR_YOU_HOLD_MS = 500;

/** The keys of triage, as on the site's cards. */
const KEYS: Record<
  string,
  'next' | 'previous' | 'save' | 'read' | 'dismiss' | 'open' | 'code' | 'tags' | 'help'
> = {
  j: 'next',
  k: 'previous',
  s: 'save',
  r: 'read',
  x: 'dismiss',
  o: 'open',
  g: 'code',
  t: 'tags',
  '?': 'help',
};

function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as Element | null;
  return Boolean(
    target?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"]'),
  );
}

/**
 * The inbox: the papers listed on the chosen days that the reader has not handled, each once, grouped by
 * day or by upvotes; the number left to triage always in view; days that failed said plainly; muted
 * papers apart, each with why. Keys j/k/s/r/x/o/g/t/? triage the focused row.
 */
export function Inbox(props: InboxProps) {
  const { t, actions } = props;
  // "For you" needs the ranking: without it, the inbox opens by day.
  const opening = props.initialOrder === 'forYou' && !actions.rank ? 'day' : (props.initialOrder ?? 'day');
  const [order, setOrder] = useState<InboxOrder>(opening);
  const [focus, setFocus] = useState(0);
  const [tagsOpen, setTagsOpen] = useState<string | undefined>();
  const [help, setHelp] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [from, setFrom] = useState(props.range.from);
  const [to, setTo] = useState(props.range.to);
  // The range can change under the form: a default range drawn from kept rows, then set right by the store.
  useEffect(() => {
    setFrom(props.range.from);
    setTo(props.range.to);
  }, [props.range.from, props.range.to]);
  const list = useRef<HTMLOListElement>(null);
  const [drawn, setDrawn] = useState(FIRST_ROWS);
  // The last mute chosen from a row's menu, with the row it was chosen on: its papers leave the list, so
  // the inbox offers to undo it, as the site's muted line does.
  const [muted, setMuted] = useState<{ applied: AppliedRule; paperId: string } | undefined>();
  const [unmuted, setUnmuted] = useState<string | undefined>();
  const undoButton = useRef<HTMLButtonElement>(null);
  const focusBack = useRef<string | undefined>(undefined);

  const inbox = useMemo(
    () => buildInbox(props.days, props.arrivalStates, props.filters),
    [props.days, props.arrivalStates, props.filters],
  );
  // Kept rows are in the order the inbox opened in: they stand in only for it, and only until a day is here.
  const kept = props.days.length === 0 && order === opening ? props.kept : undefined;
  // "For you": the rows ranked once the background answers; until then (and when it cannot rank yet) by upvotes.
  const [lastRanking, setLastRanking] = useState<ForYouRanking | undefined>();
  const [rankError, setRankError] = useState<string | undefined>();
  const rank = actions.rank;
  useEffect(() => {
    if (order !== 'forYou' || rank === undefined || inbox.rows.length === 0) return;
    let live = true;
    setRankError(undefined);
    rank(
      inbox.rows.map((row) => row.paper.id),
      props.days.map((day) => day.date),
    ).then(
      (ranking) => {
        if (live) setLastRanking(ranking);
      },
      (error: unknown) => {
        if (live) setRankError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      live = false;
    };
  }, [order, inbox]);
  // The last ranking orders the rows until the next one comes (after a mute, a day that arrived): the rows
  // it scored keep their places instead of falling back to upvotes for a moment.
  const ranking = order === 'forYou' ? lastRanking : undefined;
  // Opened "For you", the rows wait for the first ranking (or its failure), at most FOR_YOU_HOLD_MS.
  const [holdOver, setHoldOver] = useState(opening !== 'forYou');
  useEffect(() => {
    if (holdOver) return;
    const timer = setTimeout(() => setHoldOver(true), FOR_YOU_HOLD_MS);
    return () => clearTimeout(timer);
  }, [holdOver]);
  const held =
    !holdOver &&
    order === 'forYou' &&
    ranking === undefined &&
    rankError === undefined &&
    inbox.rows.length > 0;
  const scores = useMemo(
    () => new Map<string, ForYouScore>(ranking?.scores.map((score) => [score.id, score])),
    [ranking],
  );
  const rows = useMemo(
    () => (held ? [] : kept ? kept.rows.map((k) => k.row) : sortRows(inbox.rows, order, ranking?.scores)),
    [held, kept, inbox, order, ranking],
  );
  const states = props.states;
  const judge = useMemo(() => compileFilters(props.filters), [props.filters]);
  // Draw the remaining rows a slice per frame after the first paint.
  useEffect(() => {
    if (drawn >= rows.length) return;
    const timer = setTimeout(() => setDrawn((n) => n + ROW_SLICE), 16);
    return () => clearTimeout(timer);
  }, [drawn, rows.length]);
  // Only while the rule is still in force (the options page or another tab may have taken it away).
  const undoable =
    muted && props.filters.rules.some((r) => sameRule(r, muted.applied.rule)) ? muted : undefined;
  useEffect(() => {
    if (muted) undoButton.current?.focus();
  }, [muted]);
  // Once undone, the focus goes back to the row the mute was chosen on, as soon as it is drawn again.
  useEffect(() => {
    const id = focusBack.current;
    if (id === undefined) return;
    const index = rows.findIndex((row) => row.paper.id === id);
    const element = list.current?.querySelectorAll<HTMLElement>('[data-paper-row]')[index];
    if (element === undefined || element.dataset.paperId !== id) return;
    focusBack.current = undefined;
    setFocus(index);
    element.focus();
  });
  const left = kept ? kept.left : inbox.rows.filter((row) => !isHandled(states.get(row.paper.id))).length;
  const failed = props.days.filter((d) => d.status !== 'ok').sort((a, b) => (a.date < b.date ? 1 : -1));

  const run = (id: string, work: () => Promise<void>) => {
    setErrors(({ [id]: _, ...rest }) => rest);
    work().catch((error: unknown) =>
      setErrors((all) => ({ ...all, [id]: error instanceof Error ? error.message : String(error) })),
    );
  };
  const toggleSaved = (row: Row) =>
    run(row.paper.id, () => actions.setSaved(row.paper, !(states.get(row.paper.id)?.saved ?? false)));
  const toggleRead = (row: Row) =>
    run(row.paper.id, () => actions.setRead(row.paper, states.get(row.paper.id)?.state !== 'read'));
  const toggleDismissed = (row: Row) => {
    const dismissed = states.get(row.paper.id)?.dismissed === true;
    run(row.paper.id, () => actions.setDismissed(row.paper, !dismissed));
  };
  const chooseRule = (row: Row, choice: RuleChoice) =>
    run(row.paper.id, async () => {
      const applied = await actions.chooseRule(choice);
      if (applied?.rule.action !== 'mute') return;
      setUnmuted(undefined);
      setMuted({ applied, paperId: row.paper.id });
    });
  const undoMute = () => {
    const chosen = undoable;
    if (chosen === undefined) return;
    run('undo', async () => {
      await actions.undoRule(chosen.applied);
      focusBack.current = chosen.paperId;
      setMuted(undefined);
      setUnmuted(ruleText(t, chosen.applied.rule));
    });
  };
  const codeOf = (row: Row) => states.get(row.paper.id)?.githubRepo ?? row.paper.githubRepo;

  const moveFocus = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setFocus(next);
    const element = list.current?.querySelectorAll<HTMLElement>('[data-paper-row]')[next];
    element?.focus({ preventScroll: true });
    element?.scrollIntoView?.({ block: 'nearest' });
  };

  // The keys act on the focused row, as on the site's cards; never while the reader types.
  const keyHandler = useRef<(event: KeyboardEvent) => void>(() => {});
  keyHandler.current = (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event) || tagsOpen !== undefined) return;
    const action = KEYS[event.key];
    if (action === undefined) return;
    const row = rows[focus];
    event.preventDefault();
    if (action === 'help') return setHelp((open) => !open);
    if (action === 'next') return moveFocus(focus + 1);
    if (action === 'previous') return moveFocus(focus - 1);
    if (row === undefined) return;
    if (action === 'save') toggleSaved(row);
    else if (action === 'read') toggleRead(row);
    else if (action === 'dismiss') toggleDismissed(row);
    else if (action === 'open') actions.openTab(paperPageUrl(row.paper.id));
    else if (action === 'code') {
      const url = codeOf(row);
      if (url) actions.openTab(url);
    } else if (action === 'tags') setTagsOpen(row.paper.id);
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  let lastDay: string | undefined;
  return (
    <div class="inbox">
      <header class="head">
        <h1>{t('inboxTitle')}</h1>
        <p class="count" role="status" data-inbox-left={left} data-inbox-pending={props.pending}>
          {plural(t, 'inboxLeft', left)}
          {props.pending > 0 ? ` · ${plural(t, 'inboxLoadingDays', props.pending)}` : ''}
        </p>
        <form
          class="range"
          onSubmit={(event) => {
            event.preventDefault();
            actions.pickRange({ from, to });
          }}
        >
          <label>
            {t('inboxFrom')}{' '}
            <input
              type="date"
              value={from}
              max={to}
              onInput={(e) => setFrom(e.currentTarget.value)}
              required
            />
          </label>
          <label>
            {t('inboxTo')}{' '}
            <input type="date" value={to} min={from} onInput={(e) => setTo(e.currentTarget.value)} required />
          </label>
          <button type="submit">{t('inboxShowDays')}</button>
          <label>
            {t('inboxOrderLabel')}{' '}
            <select
              value={order}
              onChange={(e) => {
                const chosen = e.currentTarget.value as InboxOrder;
                setOrder(chosen);
                actions.chooseOrder?.(chosen);
              }}
            >
              <option value="day">{t('inboxOrderDay')}</option>
              <option value="upvotes">{t('inboxOrderUpvotes')}</option>
              {rank ? <option value="forYou">{t('inboxOrderForYou')}</option> : null}
            </select>
          </label>
        </form>
        <div class="rule-note">
          {/* Present from the first paint, so that what it says later is announced (politely); in the
              sticky header, so the note and its Undo stay in view wherever the row was. */}
          <p role="status">
            {undoable
              ? t('inboxRuleMuted', [ruleText(t, undoable.applied.rule)])
              : unmuted
                ? t('inboxRuleUnmuted', [unmuted])
                : ''}
          </p>
          {undoable ? (
            <button
              type="button"
              ref={undoButton}
              class="undo"
              aria-label={t('inboxUndoMute', [ruleText(t, undoable.applied.rule)])}
              onClick={undoMute}
            >
              {t('overlayUndo')}
            </button>
          ) : null}
          {errors.undo ? (
            <p class="error" role="alert">
              {errors.undo}
            </p>
          ) : null}
        </div>
        {order === 'forYou' ? <ForYouNote t={t} ranking={ranking} error={rankError} /> : null}
      </header>
      {failed.length > 0 ? (
        <ul class="day-problems">
          {failed.map((day) => (
            <li key={day.date} data-day-status={day.status}>
              {day.status === 'offline'
                ? t('inboxDayOffline', [props.formatDay(day.date)])
                : t('inboxDayFailed', [props.formatDay(day.date), day.error ?? ''])}
            </li>
          ))}
        </ul>
      ) : null}
      {rows.length === 0 && !held && props.pending === 0 ? <p class="empty">{t('inboxEmpty')}</p> : null}
      <ol class="rows" ref={list} aria-label={t('inboxTitle')}>
        {rows.slice(0, drawn).map((row, index) => {
          const header = order === 'day' && row.days[0] !== lastDay ? row.days[0] : undefined;
          lastDay = row.days[0];
          const state = states.get(row.paper.id);
          return [
            header !== undefined ? (
              <li key={`day-${header}`} class="day-head" aria-hidden="true">
                {props.formatDay(header)}
              </li>
            ) : null,
            <InboxRow
              key={row.paper.id}
              row={row}
              state={state}
              handled={isHandled(state)}
              followed={judge(row.paper).followed}
              forYou={scores.get(row.paper.id)}
              focused={index === focus}
              tagsOpen={tagsOpen === row.paper.id}
              knownTags={props.knownTags}
              error={errors[row.paper.id]}
              t={t}
              formatDay={props.formatDay}
              onFocus={() => setFocus(index)}
              onToggleSaved={() => toggleSaved(row)}
              onToggleRead={() => toggleRead(row)}
              onOpenCode={() => {
                const url = codeOf(row);
                if (url) actions.openTab(url);
              }}
              onTagsOpenChange={(open) => setTagsOpen(open ? row.paper.id : undefined)}
              onTagsChange={(tags) => run(row.paper.id, () => actions.setTags(row.paper, tags))}
              onToggleDismissed={() => toggleDismissed(row)}
              filters={props.filters}
              onRuleChoose={(choice) => chooseRule(row, choice)}
            />,
          ];
        })}
      </ol>
      {inbox.muted.length > 0 ? (
        <details class="muted">
          <summary>{plural(t, 'inboxMuted', inbox.muted.length)}</summary>
          <ul>
            {inbox.muted.map((row) => (
              <li key={row.paper.id} data-paper-id={row.paper.id} data-muted="">
                <span class="muted-title">{row.paper.title || row.paper.id}</span>{' '}
                <span class="reason">{muteReasonText(t, row.reason)}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {help ? <KeyHelp t={t} onClose={() => setHelp(false)} /> : null}
    </div>
  );
}

/** Under the order menu while the inbox is "For you": ranking, why it cannot rank yet, or what failed. */
function ForYouNote(props: { t: Translate; ranking: ForYouRanking | undefined; error: string | undefined }) {
  const { t, ranking, error } = props;
  if (error !== undefined) {
    return (
      <p class="foryou-note error" role="alert">
        {error}
      </p>
    );
  }
  const text =
    ranking === undefined
      ? t('inboxForYouRanking')
      : ranking.coldStart
        ? coldStartText(t, ranking.coldStart, true)
        : '';
  return (
    <p class="foryou-note" role="status">
      {text}
    </p>
  );
}

import { useState } from 'preact/hooks';
import { formatNumber, type Translate } from '../../lib/i18n';
import type { NotSynced, SyncStatus } from '../../lib/model/sync-status';
import { formatBytes } from './format';

/** Props of {@link SyncSection}. */
export interface SyncSectionProps {
  t: Translate;
  /** Whether sync is on on this device (undefined while loading). */
  enabled: boolean | undefined;
  /** The last run's outcome, if any. */
  status: SyncStatus | undefined;
  /** Turns sync on or off; rejects with a readable message. */
  onToggle: (enabled: boolean) => Promise<void>;
  /** Runs a sync now; resolves when it ended (its outcome arrives as a new `status`). */
  onSyncNow: () => Promise<void>;
  /** For relative times; defaults to `Date.now()`. */
  now?: number;
}

/** `3 minutes ago`, `in 2 hours`, in the user's language. */
export function relativeTime(at: number, now: number, locale?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = Math.round((at - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

/** The plain list of what was left out, or undefined when everything synced. */
export function describeNotSynced(t: Translate, notSynced: NotSynced): string | undefined {
  const parts: string[] = [];
  const add = (count: number, key: Parameters<Translate>[0]) => {
    if (count > 0) parts.push(t(key, formatNumber(t, count)));
  };
  add(notSynced.saved, 'optionsSyncSavedPapers');
  add(notSynced.watched ?? 0, 'optionsSyncWatched');
  add(notSynced.tags, 'optionsSyncTags');
  add(notSynced.notes, 'optionsSyncNotes');
  add(notSynced.readMarks, 'optionsSyncReadMarks');
  add(notSynced.settings, 'optionsSyncSettings');
  return parts.length === 0 ? undefined : parts.join(', ');
}

/**
 * The sync part of the options page: the switch, what sync carries, the last run (when, how much of the
 * browser's quota, how many devices), any error with the next attempt, and — plainly — what did not fit.
 */
export function SyncSection(props: SyncSectionProps) {
  const { t, enabled, status } = props;
  const now = props.now ?? Date.now();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  let line: string;
  if (enabled !== true) line = t('optionsSyncOff');
  else if (busy) line = t('optionsSyncRunning');
  else if (status === undefined) line = t('optionsSyncNever');
  else if (!status.ok) {
    const when =
      status.retryAt === undefined || status.retryAt <= now
        ? t('optionsSyncSoon')
        : relativeTime(status.retryAt, now, t.locale);
    line = t('optionsSyncError', [status.error ?? '', when]);
  } else {
    line = t('optionsSyncOk', [
      relativeTime(status.at, now, t.locale),
      formatBytes(t, status.bytes),
      formatBytes(t, status.quotaBytes),
      formatNumber(t, status.devices),
    ]);
  }
  const left = enabled === true && status !== undefined ? describeNotSynced(t, status.notSynced) : undefined;

  return (
    <section aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('optionsSyncHeading')}</h2>
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            name="sync"
            checked={enabled === true}
            disabled={enabled === undefined || busy}
            aria-describedby="sync-help"
            onChange={(event) => {
              const on = (event.currentTarget as HTMLInputElement).checked;
              void run(() => props.onToggle(on));
            }}
          />
          <span>{t('optionsSyncToggle')}</span>
        </label>
        <p class="help" id="sync-help">
          {t('optionsSyncHelp')}
        </p>
      </div>
      <p
        data-sync-status
        role="status"
        class={status !== undefined && !status.ok && enabled ? 'notice error' : ''}
      >
        {line}
      </p>
      {enabled === true && status !== undefined && status.ok ? (
        <p data-sync-left>
          {left === undefined ? t('optionsSyncEverything') : t('optionsSyncNotSynced', left)}
        </p>
      ) : null}
      {enabled === true ? (
        <button type="button" disabled={busy} onClick={() => void run(props.onSyncNow)}>
          {t('optionsSyncNow')}
        </button>
      ) : null}
      {problem === undefined ? null : (
        <p class="notice error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

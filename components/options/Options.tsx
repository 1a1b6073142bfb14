import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ExportFormat } from '../../lib/export/files';
import { formatNumber, plural, type Translate } from '../../lib/i18n';
import { backupTooLargeMessage, MAX_BACKUP_CHARS } from '../../lib/model/limits';
import type { StoreStats } from '../../lib/model/paper';
import type { Settings } from '../../lib/model/settings';
import { STAR_THRESHOLDS } from '../../lib/model/watch';
import { ExportPanel } from '../popup/ExportPanel';
import { FiltersSection } from './FiltersSection';
import { formatBytes } from './format';
import { SyncSection, type SyncSectionProps } from './SyncSection';

export { formatBytes };

/** How much storage the extension uses, as `navigator.storage.estimate()` tells. */
export interface StorageEstimate {
  usage: number;
  quota: number;
}

/** Props of {@link Options}. */
export interface OptionsProps {
  t: Translate;
  settings: Settings;
  /** Stores a change; rejects with a readable message. */
  onSettingsChange: (patch: Partial<Settings>) => Promise<void>;
  stats: StoreStats | undefined;
  storage: StorageEstimate | undefined;
  /** Downloads the saved papers, the read ones or every paper in the store, in `format`. */
  onExport: (format: ExportFormat, scope: OptionsExportScope) => Promise<void>;
  /** Downloads the JSON backup. */
  onBackup: () => Promise<void>;
  /** Imports a backup file's text; rejects with the background's exact message when it is refused. */
  onImport: (text: string, mode: 'merge' | 'replace') => Promise<{ papers: number; pages: number }>;
  /** Erases every paper here (the caller turns sync off first). */
  onErase: () => Promise<{ erased: number }>;
  /** Deletes the "For you" models; without it, no reset button. */
  onResetForYou?: () => Promise<{ deleted: number }>;
  /**
   * Asks the browser for the `notifications` permission (must start within the click); resolves to
   * whether it was granted. Without it, the notifications setting is not offered.
   */
  onRequestNotifications?: () => Promise<boolean>;
  /**
   * Asks the browser for access to arXiv's API (an optional origin; must start within the click); resolves
   * to whether it was granted. Without it, the arXiv versions setting is not offered.
   */
  onRequestArxiv?: () => Promise<boolean>;
  /**
   * Whether the permission each setting needs is granted in this browser (absent: not known yet). Settings
   * sync, permissions do not: a setting turned on on another computer shows here as off until allowed here.
   */
  grantedHere?: Partial<Record<PermissionSetting, boolean>>;
  /** The sync section; without it the page shows none (e.g. a browser without `storage.sync`). */
  sync?: Omit<SyncSectionProps, 't'>;
  /** How many stored papers each filter rule matches, in the rules' order. */
  ruleCounts?: number[];
}

/** The settings that work only with an optional permission of this browser. */
export type PermissionSetting = 'watchVersions' | 'notifyUpdates';

/** What the options page exports: the saved papers (first, as most people want), the read ones, or every paper. */
export type OptionsExportScope = 'saved' | 'read' | 'everything';

type Notice = { kind: 'ok' | 'error'; text: string } | undefined;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The options page: how the papers pages look and behave, the toolbar badge, sync, and the data — export,
 * import (merge or replace, with the exact reason when a file is refused), erase everything, and how
 * much storage is used. Every setting applies to open tabs at once.
 */
export function Options(props: OptionsProps) {
  const { t, settings, stats } = props;
  const [settingsNotice, setSettingsNotice] = useState<Notice>(undefined);
  const [dataNotice, setDataNotice] = useState<Notice>(undefined);
  const [file, setFile] = useState<File | undefined>(undefined);
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [confirmingErase, setConfirmingErase] = useState(false);
  const [busy, setBusy] = useState(false);

  const change = async (patch: Partial<Settings>) => {
    try {
      await props.onSettingsChange(patch);
      setSettingsNotice({ kind: 'ok', text: t('optionsSaved') });
    } catch (error) {
      setSettingsNotice({ kind: 'error', text: message(error) });
    }
  };

  const data = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setDataNotice({ kind: 'ok', text: await work() });
    } catch (error) {
      setDataNotice({ kind: 'error', text: message(error) });
    } finally {
      setBusy(false);
    }
  };

  /**
   * A setting ticked on and off. `onTick` takes the place of storing the box's state at once (a setting that
   * must ask for a permission first).
   */
  const checkbox = (
    key:
      | 'recordSeen'
      | 'markReadOnOpen'
      | 'keyboardShortcuts'
      | 'moveAfterAction'
      | 'fetchCodeLinks'
      | 'watchSaved'
      | 'aiSummaryOnCards'
      | 'badgeInbox'
      | 'watchVersions'
      | 'notifyUpdates',
    label: string,
    help?: string,
    options: {
      disabled?: boolean;
      onTick?: (box: HTMLInputElement) => void;
      /** What the box shows, when not the setting itself. */
      checked?: boolean;
      /** Drawn under the help. */
      after?: ComponentChildren;
    } = {},
  ) => (
    <div class="field">
      <label class="check">
        <input
          type="checkbox"
          name={key}
          checked={options.checked ?? settings[key]}
          disabled={options.disabled}
          aria-describedby={help === undefined ? undefined : `${key}-help`}
          onChange={(event) => {
            const box = event.currentTarget as HTMLInputElement;
            if (options.onTick) options.onTick(box);
            else void change({ [key]: box.checked });
          }}
        />
        <span>{label}</span>
      </label>
      {help === undefined ? null : (
        <p class="help" id={`${key}-help`}>
          {help}
        </p>
      )}
      {options.after}
    </div>
  );

  /**
   * A setting of the watcher that needs an optional permission: ticking it asks the browser first (the
   * request starts within the click, as browsers require) and turns it on only when granted; not offered
   * without `request`. The setting syncs but the permission is this browser's: when the setting is on and
   * the permission is not granted here, the box shows unticked (nothing happens here) and a line says so,
   * with a button that asks for it.
   */
  const permissionCheckbox = (
    key: PermissionSetting,
    request: (() => Promise<boolean>) | undefined,
    label: 'optionsWatchVersions' | 'optionsNotifyUpdates',
    help: 'optionsWatchVersionsHelp' | 'optionsNotifyUpdatesHelp',
    refused: 'optionsWatchVersionsRefused' | 'optionsNotifyUpdatesRefused',
    elsewhere: 'optionsWatchVersionsElsewhere' | 'optionsNotifyUpdatesElsewhere',
  ) => {
    if (request === undefined) return null;
    // Called from a click: the browser grants a permission only within a user gesture.
    const ask = (box?: HTMLInputElement) => {
      void request().then(
        (granted) => {
          if (granted) void change({ [key]: true });
          else {
            if (box) box.checked = false;
            setSettingsNotice({ kind: 'error', text: t(refused) });
          }
        },
        (error: unknown) => {
          if (box) box.checked = false;
          setSettingsNotice({ kind: 'error', text: message(error) });
        },
      );
    };
    const missingHere = settings[key] && props.grantedHere?.[key] === false;
    return checkbox(key, t(label), t(help), {
      disabled: !settings.watchSaved,
      checked: settings[key] && !missingHere,
      onTick: (box) => {
        if (box.checked) ask(box);
        else void change({ [key]: false });
      },
      after:
        missingHere && settings.watchSaved ? (
          <p class="help elsewhere" id={`${key}-elsewhere`} data-permission-missing={key}>
            <span>{t(elsewhere)}</span>{' '}
            <button type="button" aria-describedby={`${key}-elsewhere`} onClick={() => ask()}>
              {t('optionsAllowHere')}
            </button>
          </p>
        ) : null,
    });
  };

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('optionsPagesHeading')}</h2>
        <fieldset>
          <legend>{t('optionsOverlayStyle')}</legend>
          {(
            [
              ['dim', 'optionsOverlayDim'],
              ['hide', 'optionsOverlayHide'],
              ['none', 'optionsOverlayNone'],
            ] as const
          ).map(([value, label]) => (
            <label class="radio" key={value}>
              <input
                type="radio"
                name="overlayStyle"
                value={value}
                checked={settings.overlayStyle === value}
                onChange={() => void change({ overlayStyle: value })}
              />
              <span>{t(label)}</span>
            </label>
          ))}
        </fieldset>
        {checkbox('recordSeen', t('optionsRecordSeen'))}
        {checkbox('markReadOnOpen', t('optionsMarkReadOnOpen'))}
        {checkbox('keyboardShortcuts', t('optionsKeyboard'))}
        {checkbox('moveAfterAction', t('optionsMoveAfterAction'))}
        {checkbox('fetchCodeLinks', t('optionsFetchCodeLinks'), t('optionsFetchCodeLinksHelp'))}
        {checkbox('watchSaved', t('optionsWatchSaved'), t('optionsWatchSavedHelp'))}
        <div class="field">
          <label class="select">
            <span>{t('optionsStarThreshold')}</span>{' '}
            <select
              name="starThreshold"
              value={String(settings.starThreshold)}
              disabled={!settings.watchSaved}
              onChange={(event) => {
                const value = Number((event.currentTarget as HTMLSelectElement).value);
                const choice = STAR_THRESHOLDS.find((n) => n === value);
                if (choice !== undefined) void change({ starThreshold: choice });
              }}
            >
              {STAR_THRESHOLDS.map((n) => (
                <option key={n} value={String(n)}>
                  {n === 0
                    ? t('optionsStarThresholdOff')
                    : t('optionsStarThresholdValue', formatNumber(t, n))}
                </option>
              ))}
            </select>
          </label>
        </div>
        {permissionCheckbox(
          'watchVersions',
          props.onRequestArxiv,
          'optionsWatchVersions',
          'optionsWatchVersionsHelp',
          'optionsWatchVersionsRefused',
          'optionsWatchVersionsElsewhere',
        )}
        {checkbox('aiSummaryOnCards', t('optionsAiSummaryOnCards'))}
        {permissionCheckbox(
          'notifyUpdates',
          props.onRequestNotifications,
          'optionsNotifyUpdates',
          'optionsNotifyUpdatesHelp',
          'optionsNotifyUpdatesRefused',
          'optionsNotifyUpdatesElsewhere',
        )}
        <fieldset>
          <legend>{t('optionsBadge')}</legend>
          {(
            [
              ['new', 'optionsBadgeNew'],
              ['unread', 'optionsBadgeUnread'],
              ['updates', 'optionsBadgeUpdates'],
            ] as const
          ).map(([value, label]) => (
            <label class="radio" key={value}>
              <input
                type="radio"
                name="badge"
                value={value}
                checked={settings.badge === value}
                onChange={() => void change({ badge: value })}
              />
              <span>{t(label)}</span>
            </label>
          ))}
          {checkbox('badgeInbox', t('optionsBadgeInbox'), t('optionsBadgeInboxHelp'))}
        </fieldset>
        <p class={`notice ${settingsNotice?.kind ?? ''}`} role="status">
          {settingsNotice?.text}
        </p>
      </section>

      <FiltersSection
        t={t}
        filters={settings.filters}
        ruleCounts={props.ruleCounts}
        onChange={(filters) => void change({ filters })}
      />

      {props.sync === undefined ? null : <SyncSection t={t} {...props.sync} />}

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('optionsDataHeading')}</h2>
        <p data-stats>
          {stats === undefined
            ? ''
            : t('optionsStats', [
                plural(t, 'optionsStatsPapers', stats.papers),
                plural(t, 'optionsStatsSaved', stats.saved),
                plural(t, 'optionsStatsRead', stats.read),
                plural(t, 'optionsStatsTags', stats.tags),
              ])}
        </p>
        <p>
          {props.storage === undefined
            ? t('optionsStorageUnknown')
            : t('optionsStorageUsed', [
                formatBytes(t, props.storage.usage),
                formatBytes(t, props.storage.quota),
              ])}
        </p>

        <h3>{t('exportTitle')}</h3>
        <ExportPanel
          t={t}
          // Saved first: "everything" holds every paper ever scrolled past, rarely what a bibliography wants.
          scopes={[
            { id: 'saved', label: t('popupViewSaved'), count: stats?.saved ?? 0 },
            { id: 'read', label: t('popupViewRead'), count: stats?.read ?? 0 },
            { id: 'everything', label: t('exportScopeEverything'), count: stats?.papers ?? 0 },
          ]}
          onExport={(format, scope) => props.onExport(format, scope as OptionsExportScope)}
          onBackup={props.onBackup}
        />

        <h3>{t('optionsImportHeading')}</h3>
        <form
          class="import"
          onSubmit={(event) => {
            event.preventDefault();
            if (file === undefined) {
              setDataNotice({ kind: 'error', text: t('optionsImportNoFile') });
              return;
            }
            void data(async () => {
              // Refused before reading: a file this large could not reach the background at all.
              if (file.size > MAX_BACKUP_CHARS) {
                throw new Error(t('optionsImportRefused', backupTooLargeMessage(file.size)));
              }
              const text = await file.text();
              try {
                const done = await props.onImport(text, mode);
                return t('optionsImportDone', [
                  plural(t, 'optionsImportPapers', done.papers),
                  plural(t, 'optionsImportPages', done.pages),
                ]);
              } catch (error) {
                throw new Error(t('optionsImportRefused', message(error)));
              }
            });
          }}
        >
          <label class="file">
            <span>{t('optionsImportFile')}</span>
            <input
              type="file"
              accept=".json,application/json"
              onChange={(event) => setFile((event.currentTarget as HTMLInputElement).files?.[0])}
            />
          </label>
          <fieldset>
            <legend class="visually-hidden">{t('optionsImportHeading')}</legend>
            <label class="radio">
              <input
                type="radio"
                name="importMode"
                value="merge"
                checked={mode === 'merge'}
                onChange={() => setMode('merge')}
              />
              <span>{t('optionsImportMerge')}</span>
            </label>
            <label class="radio">
              <input
                type="radio"
                name="importMode"
                value="replace"
                checked={mode === 'replace'}
                onChange={() => setMode('replace')}
              />
              <span>{t('optionsImportReplace')}</span>
            </label>
          </fieldset>
          <button type="submit" disabled={busy}>
            {t('optionsImportButton')}
          </button>
        </form>

        {props.onResetForYou ? (
          <>
            <h3>{t('optionsForYouHeading')}</h3>
            <p class="help" id="foryou-reset-help">
              {t('optionsForYouHelp')}
            </p>
            <button
              type="button"
              disabled={busy}
              aria-describedby="foryou-reset-help"
              onClick={() =>
                void data(async () => {
                  await props.onResetForYou?.();
                  return t('optionsForYouDone');
                })
              }
            >
              {t('optionsForYouReset')}
            </button>
          </>
        ) : null}

        <h3>{t('optionsEraseHeading')}</h3>
        <p class="help">{t('optionsEraseHelp')}</p>
        {confirmingErase ? (
          <fieldset class="confirm">
            <legend>{plural(t, 'optionsEraseConfirm', stats?.papers ?? 0)}</legend>
            {props.sync?.enabled === true ? <p class="help">{t('optionsEraseSyncNote')}</p> : null}
            <button
              type="button"
              class="danger"
              disabled={busy}
              onClick={() =>
                void data(async () => {
                  const { erased } = await props.onErase();
                  setConfirmingErase(false);
                  return plural(t, 'optionsEraseDone', erased);
                })
              }
            >
              {t('optionsEraseConfirmButton')}
            </button>
            <button type="button" onClick={() => setConfirmingErase(false)}>
              {t('optionsEraseCancel')}
            </button>
          </fieldset>
        ) : (
          <button type="button" class="danger" onClick={() => setConfirmingErase(true)}>
            {t('optionsEraseButton')}
          </button>
        )}
        <p
          class={`notice ${dataNotice?.kind ?? ''}`}
          role={dataNotice?.kind === 'error' ? 'alert' : 'status'}
        >
          {dataNotice?.text}
        </p>
      </section>
    </main>
  );
}

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  Options,
  type OptionsExportScope,
  type PermissionSetting,
  type StorageEstimate,
} from '../../components/options/Options';
import '../../components/options/options.css';
import { readAllPapers } from '../../lib/db/queries';
import { translatorFrom } from '../../lib/i18n';
import { sendMessage } from '../../lib/messages/client';
import { CHANGE_FEED_KEY } from '../../lib/messages/protocol';
import { type Filters, ruleMatchCounts } from '../../lib/model/filters';
import type { StoredPaper, StoreStats } from '../../lib/model/paper';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/model/settings';
import { comparePapers, inAnyView, inView, type ListView } from '../../lib/model/views';
import { downloadBackup, downloadPapers } from '../../lib/popup/downloads';
import { loadSettings, onSettingsChanged, saveSettings } from '../../lib/settings';
import {
  loadSyncPrefs,
  loadSyncStatus,
  onSyncChanged,
  type SyncStatus,
  setSyncEnabled,
} from '../../lib/sync/prefs';
import { ARXIV_ORIGIN } from '../../lib/watch/arxiv';

// Wiring only: the page lives in components/options. Settings go to storage.local (every tab listens);
// data changes go through the background's messages; exports read IndexedDB directly.
const locale = browser.i18n.getUILanguage();
const t = translatorFrom(
  (key, substitutions) => browser.i18n.getMessage(key as 'extName', substitutions),
  locale,
);
document.documentElement.lang = locale;
document.title = t('optionsTitle');

async function storageEstimate(): Promise<StorageEstimate | undefined> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return estimate?.usage === undefined || estimate.quota === undefined
    ? undefined
    : { usage: estimate.usage, quota: estimate.quota };
}

/** The papers of an export scope: a view in its own order, or every paper in some view. */
async function papersOf(scope: OptionsExportScope): Promise<StoredPaper[]> {
  const view: ListView | undefined = scope === 'everything' ? undefined : { kind: scope };
  const papers: StoredPaper[] = [];
  await readAllPapers((slice) => {
    papers.push(...slice.filter((p) => (view === undefined ? inAnyView(p) : inView(p, view))));
  });
  return view === undefined ? papers : papers.sort(comparePapers('date', view));
}

const SCOPE_LABELS = {
  saved: 'popupViewSaved',
  read: 'popupViewRead',
  everything: 'exportScopeEverything',
} as const;

/** How many stored papers each filter rule matches (a rule at 0 matches nothing the reader has met). */
async function countRuleMatches(filters: Filters): Promise<number[]> {
  if (filters.rules.length === 0) return [];
  const papers: StoredPaper[] = [];
  await readAllPapers((slice) => {
    papers.push(...slice);
  });
  return ruleMatchCounts(filters, papers);
}

/** The optional permission each setting needs: they are this browser's, while the settings sync. */
type Wanted = Parameters<typeof browser.permissions.contains>[0];
const PERMISSIONS: Record<PermissionSetting, Wanted> = {
  watchVersions: { origins: [ARXIV_ORIGIN] },
  notifyUpdates: { permissions: ['notifications'] },
};

/** Whether each of those permissions is granted in this browser, kept current. */
function useGrantedHere(): [Partial<Record<PermissionSetting, boolean>>, () => void] {
  const [granted, setGranted] = useState<Partial<Record<PermissionSetting, boolean>>>({});
  const read = () => {
    for (const [key, wanted] of Object.entries(PERMISSIONS) as [PermissionSetting, Wanted][]) {
      void browser.permissions.contains(wanted).then(
        (has) => setGranted((now) => ({ ...now, [key]: has })),
        () => setGranted((now) => ({ ...now, [key]: false })),
      );
    }
  };
  useEffect(() => {
    read();
    // Granted or removed elsewhere (the browser's extension page, another options tab).
    const events = browser.permissions;
    events.onAdded?.addListener(read);
    events.onRemoved?.addListener(read);
    return () => {
      events.onAdded?.removeListener(read);
      events.onRemoved?.removeListener(read);
    };
  }, []);
  return [granted, read];
}

/** Asks the browser for one setting's permission (call it within the click), then reads them again. */
function requestFor(key: PermissionSetting, reread: () => void): () => Promise<boolean> {
  return async () => {
    const granted: boolean = await browser.permissions.request(PERMISSIONS[key]);
    reread();
    return granted;
  };
}

function App() {
  const [settings, setSettings] = useState<Settings>({ ...DEFAULT_SETTINGS });
  const [stats, setStats] = useState<StoreStats | undefined>(undefined);
  const [storage, setStorage] = useState<StorageEstimate | undefined>(undefined);
  const [syncEnabled, setSyncEnabledState] = useState<boolean | undefined>(undefined);
  const [syncStatus, setSyncStatus] = useState<SyncStatus | undefined>(undefined);
  const [ruleCounts, setRuleCounts] = useState<number[] | undefined>(undefined);
  const [grantedHere, rereadGranted] = useGrantedHere();
  const filtersKey = JSON.stringify(settings.filters);
  useEffect(() => {
    let current = true;
    void countRuleMatches(settings.filters).then((counts) => current && setRuleCounts(counts));
    return () => {
      current = false;
    };
  }, [filtersKey]);
  const refreshData = () => {
    void sendMessage('getStats', {}).then(setStats, () => setStats(undefined));
    void storageEstimate().then(setStorage);
  };
  useEffect(() => {
    void loadSettings().then(setSettings);
    refreshData();
    const stopSettings = onSettingsChanged(setSettings);
    void loadSyncPrefs().then((prefs) => setSyncEnabledState(prefs.enabled));
    void loadSyncStatus().then(setSyncStatus);
    const stopSync = onSyncChanged(({ prefs, status }) => {
      if (prefs !== undefined) setSyncEnabledState(prefs.enabled);
      if (status !== undefined) setSyncStatus(status ?? undefined);
    });
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CHANGE_FEED_KEY in changes) refreshData();
    };
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      stopSettings();
      stopSync();
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, []);
  return (
    <Options
      t={t}
      settings={settings}
      ruleCounts={ruleCounts}
      stats={stats}
      storage={storage}
      onSettingsChange={async (patch) => setSettings(await saveSettings(patch))}
      // The export code is loaded when used (and so stays out of the popup's first load too).
      onExport={async (format, scope) =>
        downloadPapers(document, format, await papersOf(scope), t(SCOPE_LABELS[scope]))
      }
      onBackup={() =>
        downloadBackup(document, async (now) => (await import('../../lib/db/backup')).exportBackup(now))
      }
      onImport={(text, mode) => sendMessage('importBackup', { backup: text, mode })}
      onErase={() => sendMessage('eraseAll', {})}
      onResetForYou={() => sendMessage('resetForYou', {})}
      onRequestNotifications={requestFor('notifyUpdates', rereadGranted)}
      onRequestArxiv={requestFor('watchVersions', rereadGranted)}
      grantedHere={grantedHere}
      sync={{
        enabled: syncEnabled,
        status: syncStatus,
        onToggle: async (enabled) => {
          setSyncEnabledState((await setSyncEnabled(enabled)).enabled);
        },
        onSyncNow: async () => {
          const { status } = await sendMessage('syncNow', {});
          if (status !== undefined) setSyncStatus(status);
        },
      }}
    />
  );
}

render(<App />, document.getElementById('app')!);

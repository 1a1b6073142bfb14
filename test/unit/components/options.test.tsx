// @vitest-environment jsdom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, Options, type OptionsProps } from '../../../components/options/Options';
import { catalogTranslator } from '../../../lib/i18n';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import fr from '../../../public/_locales/fr/messages.json';
import { $, button, click, settle, t } from '../../support/dom';

let root: HTMLElement | undefined;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = undefined;
});

/** The options page over settings kept in memory, each change written down in `calls`. */
function Harness({
  overrides = {},
  initial = {},
  calls,
}: {
  overrides?: Partial<OptionsProps>;
  initial?: Partial<Settings>;
  calls: string[];
}) {
  const [settings, setSettings] = useState<Settings>({ ...DEFAULT_SETTINGS, ...initial });
  return (
    <Options
      t={t}
      settings={settings}
      stats={{ papers: 1234, saved: 56, read: 78, seen: 900, tags: 4 }}
      storage={{ usage: 5 * 1024 * 1024, quota: 2 * 1024 ** 3 }}
      onSettingsChange={async (patch) => {
        calls.push(`settings ${JSON.stringify(patch)}`);
        setSettings((s) => ({ ...s, ...patch }));
      }}
      onExport={async (format, scope) => void calls.push(`export ${format} ${scope}`)}
      onBackup={async () => void calls.push('backup')}
      onImport={async (text, mode) => {
        calls.push(`import ${mode} ${text}`);
        return { papers: 3, pages: 2 };
      }}
      onErase={async () => {
        calls.push('erase');
        return { erased: 1234 };
      }}
      {...overrides}
    />
  );
}

async function mount(overrides: Partial<OptionsProps> = {}, initial: Partial<Settings> = {}) {
  const calls: string[] = [];
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<Harness overrides={overrides} initial={initial} calls={calls} />, root!));
  return { root, calls };
}

async function chooseFile(input: HTMLInputElement, text: string) {
  const file = new File([text], 'backup.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function submit(form: HTMLElement) {
  await act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await settle(20);
}

describe('the options page', () => {
  it('changes each setting and says it is saved', async () => {
    const { root, calls } = await mount();
    const byLabel = (text: string) =>
      [...root.querySelectorAll('label')]
        .find((l) => l.textContent?.includes(text))
        ?.querySelector('input') as HTMLInputElement;
    expect(byLabel('Dim them').checked).toBe(true);
    await click(byLabel('Hide them'));
    await click(byLabel('Remember the papers I scroll past'));
    await click(byLabel('Mark a paper read when I open its page'));
    await click(byLabel('Keyboard shortcuts'));
    await click(byLabel('Look up code links'));
    await click(byLabel('Saved papers not read yet, everywhere'));
    const inbox = byLabel('Papers left in the inbox, instead of saved papers not read');
    expect(inbox.checked).toBe(false);
    // Once, among the badge's choices (it was once drawn in the read papers' group too).
    expect(root.querySelectorAll('input[name="badgeInbox"]')).toHaveLength(1);
    expect(inbox.closest('fieldset')?.querySelector('legend')?.textContent).toBe('Toolbar badge');
    // Said beside it: which wins when the badge counts updates too.
    expect(document.getElementById(inbox.getAttribute('aria-describedby')!)?.textContent).toContain(
      'When the badge counts updates of watched papers, the updates come first.',
    );
    await click(inbox);
    expect(calls).toEqual([
      'settings {"overlayStyle":"hide"}',
      'settings {"recordSeen":false}',
      'settings {"markReadOnOpen":false}',
      'settings {"keyboardShortcuts":false}',
      'settings {"fetchCodeLinks":false}',
      'settings {"badge":"unread"}',
      'settings {"badgeInbox":true}',
    ]);
    expect(byLabel('Hide them').checked).toBe(true);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Saved. Open tabs follow at once.');
  });

  it('shows a refused setting with its message', async () => {
    const { root } = await mount({
      onSettingsChange: () => Promise.reject(new Error('Invalid setting "badge": Invalid type')),
    });
    await click($(root, 'input[name="badge"][value="unread"]'));
    expect(root.textContent).toContain('Invalid setting "badge": Invalid type');
  });

  it('tells what is stored and how much space it takes', async () => {
    const { root } = await mount();
    expect($(root, '[data-stats]').textContent).toBe('1,234 papers: 56 saved, 78 read, 4 tags.');
    expect(root.textContent).toContain(
      'Storage used by the extension: 5.0 MB (the browser allows up to 2.0 GB).',
    );
    expect(formatBytes(t, 512)).toBe('512 bytes');
    expect(formatBytes(t, 1536)).toBe('1.5 KB');
  });

  it('gives each count of one its singular, in every part of the summary (never "1 tags")', async () => {
    const { root } = await mount({ stats: { papers: 1, saved: 1, read: 1, seen: 0, tags: 1 } });
    expect($(root, '[data-stats]').textContent).toBe('1 paper: 1 saved, 1 read, 1 tag.');
  });

  it('counts by the rules of the catalog’s language: French puts 0 in the singular', async () => {
    const { root } = await mount({
      t: catalogTranslator(fr, 'fr'),
      stats: { papers: 2, saved: 0, read: 1, seen: 0, tags: 1 },
    });
    expect($(root, '[data-stats]').textContent).toBe('2 articles\u00a0: 0 enregistré, 1 lu, 1 étiquette.');
  });

  it('reports an import of one paper and one visit in the singular', async () => {
    const { root } = await mount({ onImport: async () => ({ papers: 1, pages: 1 }) });
    await chooseFile($(root, 'input[type="file"]') as HTMLInputElement, '{"format":"x"}');
    await submit($(root, 'form.import'));
    expect(root.textContent).toContain('Imported 1 paper and 1 page visit.');
  });

  it('imports a file in the chosen mode, and reports the counts', async () => {
    const { root, calls } = await mount();
    await chooseFile($(root, 'input[type="file"]') as HTMLInputElement, '{"format":"x"}');
    await click($(root, 'input[name="importMode"][value="replace"]'));
    await submit($(root, 'form.import'));
    expect(calls).toEqual(['import replace {"format":"x"}']);
    expect(root.textContent).toContain('Imported 3 papers and 2 page visits.');
  });

  it('shows the exact reason when a file is refused', async () => {
    const reason = 'This backup was made by a newer version (format 2); update the extension to import it.';
    const { root } = await mount({ onImport: () => Promise.reject(new Error(reason)) });
    await chooseFile($(root, 'input[type="file"]') as HTMLInputElement, '{}');
    await submit($(root, 'form.import'));
    expect($(root, '[role="alert"]').textContent).toBe(`The file was not imported. ${reason}`);
  });

  it('refuses a file too large to import before reading it', async () => {
    const { root, calls } = await mount();
    const input = $(root, 'input[type="file"]') as HTMLInputElement;
    const huge = new File(['{}'], 'backup.json', { type: 'application/json' });
    Object.defineProperty(huge, 'size', { value: 60_000_000 });
    Object.defineProperty(input, 'files', { value: [huge], configurable: true });
    await act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await submit($(root, 'form.import'));
    expect(calls).toEqual([]);
    expect($(root, '[role="alert"]').textContent).toBe(
      'The file was not imported. This backup file is too large to import (60 MB; at most 40 MB); nothing was imported.',
    );
  });

  it('asks for a file before importing', async () => {
    const { root, calls } = await mount();
    await submit($(root, 'form.import'));
    expect(calls).toEqual([]);
    expect($(root, '[role="alert"]').textContent).toBe('Choose a backup file first.');
  });

  it('erases only after confirmation', async () => {
    const { root, calls } = await mount();
    await click(button(root, 'Erase all data…'));
    expect(root.textContent).toContain('Erase 1,234 papers and everything else, for good?');
    await click(button(root, 'Cancel'));
    expect(calls).toEqual([]);
    await click(button(root, 'Erase all data…'));
    await click(button(root, 'Yes, erase everything'));
    expect(calls).toEqual(['erase']);
    expect(root.textContent).toContain('Erased 1,234 papers.');
  });

  it('resets For you on request and says the reading list stays', async () => {
    const calls: string[] = [];
    const { root } = await mount({
      onResetForYou: async () => {
        calls.push('resetForYou');
        return { deleted: 2 };
      },
    });
    expect(root.textContent).toContain('your reading list, which stays as it is');
    await click(button(root, 'Reset For you'));
    await settle(20);
    expect(calls).toEqual(['resetForYou']);
    expect(root.textContent).toContain('For you forgot what it learned');
  });

  it('shows no For you reset without a way to do it', async () => {
    const { root } = await mount();
    expect([...root.querySelectorAll('button')].some((b) => b.textContent === 'Reset For you')).toBe(false);
  });

  it('exports the saved papers unless another choice is made, and says so beside the buttons', async () => {
    const { root, calls } = await mount();
    const [scope, format] = [...root.querySelectorAll<HTMLSelectElement>('.export select')];
    expect([...scope!.options].map((o) => o.textContent)).toEqual([
      'Saved (56)',
      'Read (78)',
      'Everything (1,234)',
    ]);
    expect(scope!.value).toBe('saved');
    await submit($(root, 'form.export'));
    expect(calls).toEqual(['export bibtex saved']);
    const status = $(root, 'form.export [role="status"]');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('Download started.');

    await act(() => {
      scope!.value = 'everything';
      scope!.dispatchEvent(new Event('change', { bubbles: true }));
      format!.value = 'csv';
      format!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await submit($(root, 'form.export'));
    await click(button(root, 'Full backup (JSON)'));
    expect(calls).toEqual(['export bibtex saved', 'export csv everything', 'backup']);
  });

  it('says beside the export buttons why a download failed', async () => {
    const { root } = await mount({
      onExport: async () => {
        throw new Error('The disk is full.');
      },
    });
    await submit($(root, 'form.export'));
    expect($(root, 'form.export [role="status"]').textContent).toBe('The disk is full.');
  });
});

describe('a synced setting whose permission is this browser’s', () => {
  const arxivBox = (root: HTMLElement) => $(root, 'input[name="watchVersions"]') as HTMLInputElement;

  it('shows arXiv versions off here when they were turned on on another computer, and says so', async () => {
    const { root } = await mount(
      { onRequestArxiv: async () => true, grantedHere: { watchVersions: false } },
      { watchVersions: true },
    );
    expect(arxivBox(root).checked).toBe(false);
    const line = $(root, '[data-permission-missing="watchVersions"]');
    expect(line.textContent).toContain(
      'Turned on on another computer, but arXiv is not allowed in this browser',
    );
    expect(button(root, 'Allow here').getAttribute('aria-describedby')).toBe(line.id);
  });

  it('asks this browser for arXiv from the Allow here button, and keeps the setting on once granted', async () => {
    const asked: string[] = [];
    const calls: string[] = [];
    // As the page's entrypoint does: once the browser grants it, the permission is read again.
    function Here() {
      const [grantedHere, setGrantedHere] = useState({ watchVersions: false });
      return (
        <Harness
          calls={calls}
          initial={{ watchVersions: true }}
          overrides={{
            grantedHere,
            onRequestArxiv: async () => {
              asked.push('arxiv');
              setGrantedHere({ watchVersions: true });
              return true;
            },
          }}
        />
      );
    }
    root = document.createElement('div');
    document.body.append(root);
    await act(() => render(<Here />, root!));
    await click(button(root, 'Allow here'));
    await settle(20);
    expect(asked).toEqual(['arxiv']);
    expect(calls).toEqual(['settings {"watchVersions":true}']);
    expect(arxivBox(root).checked).toBe(true);
    expect(root.querySelector('[data-permission-missing]')).toBeNull();
  });

  it('says nothing more when the permission is granted here, or not yet known', async () => {
    for (const grantedHere of [{ watchVersions: true }, {}]) {
      const { root } = await mount(
        { onRequestArxiv: async () => true, grantedHere },
        { watchVersions: true },
      );
      expect(arxivBox(root).checked).toBe(true);
      expect(root.querySelector('[data-permission-missing]')).toBeNull();
      render(null, root);
    }
  });

  it('keeps saying so when this browser refuses, with the reason', async () => {
    const { root } = await mount(
      { onRequestArxiv: async () => false, grantedHere: { watchVersions: false } },
      { watchVersions: true },
    );
    await click(button(root, 'Allow here'));
    await settle(20);
    expect(arxivBox(root).checked).toBe(false);
    expect(root.textContent).toContain('Access to arXiv was not allowed; nothing changed.');
    expect(root.querySelector('[data-permission-missing="watchVersions"]')).not.toBeNull();
  });

  it('treats notifications alike', async () => {
    const { root } = await mount(
      { onRequestNotifications: async () => true, grantedHere: { notifyUpdates: false } },
      { notifyUpdates: true },
    );
    expect(($(root, 'input[name="notifyUpdates"]') as HTMLInputElement).checked).toBe(false);
    expect($(root, '[data-permission-missing="notifyUpdates"]').textContent).toContain(
      'notifications are not allowed in this browser',
    );
  });
});

describe('the sync section', () => {
  const NOW = Date.UTC(2026, 10, 27, 9, 0);
  const okStatus = {
    at: NOW - 3 * 60_000,
    ok: true,
    applied: 2,
    bytes: 43_000,
    quotaBytes: 102_400,
    devices: 2,
    notSynced: { readMarks: 0, saved: 0, tags: 0, notes: 0, settings: 0 },
  };
  const syncProps = (calls: string[], overrides: Partial<NonNullable<OptionsProps['sync']>> = {}) => ({
    enabled: true,
    status: okStatus,
    now: NOW,
    onToggle: async (on: boolean) => void calls.push(`sync ${on}`),
    onSyncNow: async () => void calls.push('sync now'),
    ...overrides,
  });

  it('is off by default and says so; the switch turns it on', async () => {
    const calls: string[] = [];
    const { root } = await mount({ sync: syncProps(calls, { enabled: false, status: undefined }) });
    expect($(root, '[data-sync-status]').textContent).toBe('Sync is off on this device.');
    expect(root.querySelector('[data-sync-left]')).toBeNull();
    const toggle = $(root, 'input[name="sync"]') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(toggle.getAttribute('aria-describedby')).toBe('sync-help');
    await click(toggle);
    expect(calls).toEqual(['sync true']);
  });

  it('tells when it last synced, how much of the quota it uses, and on how many devices', async () => {
    const calls: string[] = [];
    const { root } = await mount({ sync: syncProps(calls) });
    expect($(root, '[data-sync-status]').textContent).toBe(
      'Last synced 3 minutes ago: 42 KB of 100 KB used; devices: 2.',
    );
    expect($(root, '[data-sync-left]').textContent).toBe('Everything syncs.');
    await click(button(root, 'Sync now'));
    expect(calls).toEqual(['sync now']);
  });

  it('says plainly what did not fit', async () => {
    const { root } = await mount({
      sync: syncProps([], {
        status: { ...okStatus, notSynced: { readMarks: 1234, saved: 0, tags: 2, notes: 1, settings: 0 } },
      }),
    });
    expect($(root, '[data-sync-left]').textContent).toBe(
      "Not synced, for lack of room in the browser's sync storage (about 100 KB): tags: 2, notes: 1, older read marks: 1,234. They stay on this device; newer and saved papers sync first.",
    );
  });

  it('shows an error with the time of the next attempt', async () => {
    const { root } = await mount({
      sync: syncProps([], {
        status: {
          ...okStatus,
          ok: false,
          error: 'MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded.',
          retryAt: NOW + 2 * 3_600_000,
        },
      }),
    });
    expect($(root, '[data-sync-status]').textContent).toBe(
      'Sync is waiting: MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded. Nothing is lost on this device; it tries again in 2 hours.',
    );
  });

  it('the erase confirmation says sync is turned off first', async () => {
    const { root } = await mount({ sync: syncProps([]) });
    await click(button(root, 'Erase all data…'));
    expect(root.querySelector('fieldset.confirm')?.textContent).toContain(
      'Sync is turned off first, so your other devices keep their data.',
    );
  });
});

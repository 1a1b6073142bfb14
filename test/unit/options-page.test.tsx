// @vitest-environment jsdom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, Options, type OptionsProps } from '../../components/options/Options';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { $, button, click, settle, t } from '../builders/dom';

let root: HTMLElement | undefined;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = undefined;
});

async function mount(overrides: Partial<OptionsProps> = {}) {
  const calls: string[] = [];
  function App() {
    const [settings, setSettings] = useState<Settings>({ ...DEFAULT_SETTINGS });
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
        onExport={async (format) => void calls.push(`export ${format}`)}
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
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<App />, root!));
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
    expect(calls).toEqual([
      'settings {"overlayStyle":"hide"}',
      'settings {"recordSeen":false}',
      'settings {"markReadOnOpen":false}',
      'settings {"keyboardShortcuts":false}',
      'settings {"fetchCodeLinks":false}',
      'settings {"badge":"unread"}',
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
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
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

  it('exports everything in a format, or the JSON backup', async () => {
    const { root, calls } = await mount();
    const format = root.querySelectorAll<HTMLSelectElement>('.export select')[1]!;
    await act(() => {
      format.value = 'csv';
      format.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await submit($(root, 'form.export'));
    await click(button(root, 'Full backup (JSON)'));
    expect(calls).toEqual(['export csv', 'backup']);
  });
});

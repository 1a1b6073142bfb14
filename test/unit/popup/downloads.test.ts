// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadBackup, downloadPapers } from '../../../lib/popup/downloads';
import { makePaper } from '../../support/papers';

const NOW = Date.UTC(2025, 2, 1, 12);

/** Captures what each download would save: its file name and its text. */
function captureDownloads(): { filename: string; text: Promise<string> }[] {
  const files: { filename: string; text: Promise<string> }[] = [];
  const blobs = new Map<string, Blob>();
  Object.assign(window.URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: () => undefined,
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    files.push({ filename: this.download, text: blobs.get(this.href)!.text() });
  });
  return files;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the downloads the popup and the options page share', () => {
  it('downloadBackup asks for the backup with the time it names the file after', async () => {
    const files = captureDownloads();
    const exportBackup = vi.fn(async (now: number) => ({ format: 'test', exportedAt: now }));
    await downloadBackup(document, exportBackup, NOW);
    expect(exportBackup).toHaveBeenCalledWith(NOW);
    expect(files.map((f) => f.filename)).toEqual(['daily-papers-companion-backup-2025-03-01.json']);
    expect(JSON.parse(await files[0]!.text)).toEqual({ format: 'test', exportedAt: NOW });
  });

  it('downloadPapers downloads the papers in the format, named after the scope', async () => {
    const files = captureDownloads();
    const paper = makePaper({ id: '2401.00001', title: 'A title', note: '<think> x < y' });
    await downloadPapers(document, 'csv', [paper], 'Saved', NOW);
    expect(files.map((f) => f.filename)).toEqual(['daily-papers-saved-2025-03-01.csv']);
    expect(await files[0]!.text).toContain('<think> x < y');
  });
});

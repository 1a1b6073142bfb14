// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from '../../../lib/export/files';
import { copyText } from '../../../lib/popup/clipboard';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('downloadFile', () => {
  it('downloads through a Blob and an <a download>, then frees the URL', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    const created = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:chrome-extension://id/123';
    });
    const revoked = vi.fn();
    Object.assign(window.URL, { createObjectURL: created, revokeObjectURL: revoked });
    const clicks: { href: string; download: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download, attached: this.isConnected });
    });

    downloadFile(document, {
      filename: 'daily-papers-saved-2025-03-01.bib',
      mimeType: 'application/x-bibtex; charset=utf-8',
      text: '@misc{x,}',
    });

    expect(clicks).toEqual([
      {
        href: 'blob:chrome-extension://id/123',
        download: 'daily-papers-saved-2025-03-01.bib',
        attached: true,
      },
    ]);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(blobs[0]?.type).toBe('application/x-bibtex; charset=utf-8');
    expect(await blobs[0]?.text()).toBe('@misc{x,}');
    expect(revoked).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(revoked).toHaveBeenCalledWith('blob:chrome-extension://id/123');
  });
});

describe('copyText', () => {
  it('uses the Clipboard API when it is allowed', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await copyText(document, '@misc{a,}');
    expect(writeText).toHaveBeenCalledWith('@misc{a,}');
  });

  it('falls back to a hidden field and execCommand when the Clipboard API refuses', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('Document is not focused.')) },
      configurable: true,
    });
    let copied = '';
    Object.assign(document, {
      execCommand: (command: string) => {
        copied =
          command === 'copy' ? ((document.activeElement as HTMLTextAreaElement | null)?.value ?? '') : '';
        return command === 'copy';
      },
    });
    await copyText(document, 'text to copy');
    expect(copied).toBe('text to copy');
    expect(document.querySelector('textarea')).toBeNull();
    Object.assign(document, { execCommand: () => false });
    await expect(copyText(document, 'x')).rejects.toThrow(
      'The browser did not allow copying to the clipboard.',
    );
  });
});

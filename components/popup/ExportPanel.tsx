import { useState } from 'preact/hooks';
import { EXPORT_FORMATS, type ExportFormat } from '../../lib/export/formats';
import { formatNumber, type Translate } from '../../lib/i18n';

/** One choice of what to export: a name for the file and how many papers it holds. */
export interface ExportScope {
  id: string;
  label: string;
  count: number;
}

/** Props of {@link ExportPanel}. */
export interface ExportPanelProps {
  t: Translate;
  /** What can be exported (e.g. the selection, this list, everything); the first is preselected. */
  scopes: readonly ExportScope[];
  /** Starts the download; rejects with a readable message when it cannot. */
  onExport: (format: ExportFormat, scopeId: string) => Promise<void>;
  /** When given, a button for the full JSON backup (same contract as `onExport`). */
  onBackup?: () => Promise<void>;
}

const FORMAT_LABELS = {
  bibtex: 'exportFormatBibtex',
  'csl-json': 'exportFormatCsl',
  ris: 'exportFormatRis',
  markdown: 'exportFormatMarkdown',
  csv: 'exportFormatCsv',
} as const satisfies Record<ExportFormat, string>;

type Status = { kind: 'info' | 'error'; text: string } | undefined;

/**
 * Export a list of papers as BibTeX, CSL-JSON, RIS, Markdown or CSV, or everything as a JSON backup.
 * What became of a download is said right under the buttons, where the eye is, in a polite live
 * region that is always in the page (so that screen readers hear each new message).
 */
export function ExportPanel({ t, scopes, onExport, onBackup }: ExportPanelProps) {
  const [format, setFormat] = useState<ExportFormat>('bibtex');
  const [scopeId, setScopeId] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<Status>(undefined);
  const [busy, setBusy] = useState(false);
  const scope = scopes.find((s) => s.id === scopeId) ?? scopes[0];
  const start = async (download: () => Promise<void>) => {
    setBusy(true);
    setStatus(undefined);
    try {
      await download();
      setStatus({ kind: 'info', text: t('exportDone') });
    } catch (error) {
      setStatus({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="export"
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        if (scope !== undefined && !busy) void start(() => onExport(format, scope.id));
      }}
    >
      <label>
        <span>{t('exportWhat')}</span>
        <select
          value={scope?.id}
          onChange={(event) => setScopeId((event.currentTarget as HTMLSelectElement).value)}
        >
          {scopes.map((s) => (
            <option key={s.id} value={s.id}>
              {t('exportScopeOption', [s.label, formatNumber(t, s.count)])}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('exportFormat')}</span>
        <select
          value={format}
          onChange={(event) => setFormat((event.currentTarget as HTMLSelectElement).value as ExportFormat)}
        >
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(FORMAT_LABELS[f])}
            </option>
          ))}
        </select>
      </label>
      <div class="export-buttons">
        <button type="submit" class="primary" disabled={scope === undefined || scope.count === 0}>
          {t('exportDownload')}
        </button>
        {onBackup !== undefined ? (
          <button type="button" onClick={() => void (busy ? undefined : start(onBackup))}>
            {t('exportBackup')}
          </button>
        ) : null}
      </div>
      <p class={`export-status ${status?.kind ?? ''}`} role="status" aria-live="polite">
        {status?.text}
      </p>
    </form>
  );
}

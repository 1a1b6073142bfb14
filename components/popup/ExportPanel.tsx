import { useState } from 'preact/hooks';
import { EXPORT_FORMATS, type ExportFormat } from '../../lib/export/files';
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
  onExport: (format: ExportFormat, scopeId: string) => void | Promise<void>;
  /** When given, a button for the full JSON backup. */
  onBackup?: () => void | Promise<void>;
}

const FORMAT_LABELS = {
  bibtex: 'exportFormatBibtex',
  'csl-json': 'exportFormatCsl',
  ris: 'exportFormatRis',
  markdown: 'exportFormatMarkdown',
  csv: 'exportFormatCsv',
} as const satisfies Record<ExportFormat, string>;

/** Export a list of papers as BibTeX, CSL-JSON, RIS, Markdown or CSV, or everything as a JSON backup. */
export function ExportPanel({ t, scopes, onExport, onBackup }: ExportPanelProps) {
  const [format, setFormat] = useState<ExportFormat>('bibtex');
  const [scopeId, setScopeId] = useState<string | undefined>(undefined);
  const scope = scopes.find((s) => s.id === scopeId) ?? scopes[0];
  return (
    <form
      class="export"
      onSubmit={(event) => {
        event.preventDefault();
        if (scope !== undefined) void onExport(format, scope.id);
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
      <button type="submit" disabled={scope === undefined || scope.count === 0}>
        {t('exportDownload')}
      </button>
      {onBackup !== undefined ? (
        <button type="button" onClick={() => void onBackup()}>
          {t('exportBackup')}
        </button>
      ) : null}
    </form>
  );
}

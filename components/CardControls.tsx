import { useEffect, useRef, useState } from 'preact/hooks';
import { formatCompactNumber, formatNumber, plural, type Translate } from '../lib/i18n';
import type { PaperState } from '../lib/model/paper';
import { TagEditor } from './TagEditor';

/** What one card's toolbar shows and does. */
export interface CardControlsProps {
  t: Translate;
  id: string;
  state: PaperState | undefined;
  /** The code repository to open, when known (canonical https URL). */
  codeUrl?: string;
  codeStars?: number;
  arxivUrl: string;
  pdfUrl: string;
  /** Whether the tag editor is open (the keyboard's `t` opens it too). */
  tagsOpen: boolean;
  /** Tags already used anywhere, for autocompletion. */
  knownTags: string[];
  /** An error to show next to the controls, e.g. when the store is unavailable. */
  error?: string;
  onToggleSaved: () => void;
  onToggleRead: () => void;
  onOpenCode: () => void;
  onTagsOpenChange: (open: boolean) => void;
  onTagsChange: (tags: string[]) => void;
  /**
   * Stores the paper's note (`''` removes it; reject when it was not stored). With it, the Tags panel
   * also edits the note, which comes from `state.note`, and the Tags button says when there is one;
   * without it, nothing about notes is drawn.
   */
  onNoteChange?: (note: string) => Promise<void> | void;
}

/** The toolbar added to every paper card: save, read, tags (and the note), code and the paper's links. */
export function CardControls(props: CardControlsProps) {
  const { t, state } = props;
  const saved = state?.saved ?? false;
  const read = state?.state === 'read';
  const tags = state?.tags ?? [];
  const note = props.onNoteChange ? state?.note : undefined;
  const tagsButton = useRef<HTMLButtonElement>(null);
  const [wasOpen, setWasOpen] = useState(false);

  // Give the focus back to the Tags button when the editor closes, as a menu would.
  useEffect(() => {
    if (wasOpen && !props.tagsOpen) tagsButton.current?.focus();
    setWasOpen(props.tagsOpen);
  }, [props.tagsOpen]);

  const codeReason = t('overlayNoCode');
  return (
    <div class="bar" role="toolbar" aria-label={t('extName')}>
      {state?.isNew && state.state !== 'read' ? <span class="badge new">{t('overlayNew')}</span> : null}
      <button
        type="button"
        class={saved ? 'on' : ''}
        aria-pressed={saved}
        title={`${saved ? t('overlaySaved') : t('overlaySave')} (s)`}
        onClick={props.onToggleSaved}
      >
        <span aria-hidden="true">{saved ? '★' : '☆'}</span> {saved ? t('overlaySaved') : t('overlaySave')}
      </button>
      <button type="button" class={read ? 'on' : ''} title="(r)" onClick={props.onToggleRead}>
        <span aria-hidden="true">{read ? '↺' : '✓'}</span>{' '}
        {read ? t('overlayMarkUnread') : t('overlayMarkRead')}
      </button>
      <button
        type="button"
        ref={tagsButton}
        aria-expanded={props.tagsOpen}
        title="(t)"
        onClick={() => props.onTagsOpenChange(!props.tagsOpen)}
      >
        <span aria-hidden="true">#</span> {t('overlayTags')}
        {tags.length ? ` (${formatNumber(t, tags.length)})` : ''}
        {note !== undefined ? ` · ${t('overlayHasNote')}` : ''}
      </button>
      {props.codeUrl ? (
        <button type="button" title={`${props.codeUrl} (g)`} onClick={props.onOpenCode}>
          <span aria-hidden="true">{'</>'}</span> {t('overlayOpenCode')}
          {props.codeStars !== undefined ? (
            <>
              <span class="stars" aria-hidden="true">
                ★ {formatCompactNumber(t, props.codeStars)}
              </span>
              <span class="sr-only">, {plural(t, 'overlayCodeStars', props.codeStars)}</span>
            </>
          ) : null}
        </button>
      ) : (
        <button type="button" disabled title={codeReason} aria-describedby="no-code">
          <span aria-hidden="true">{'</>'}</span> {t('overlayOpenCode')}
          <span id="no-code" class="sr-only">
            {codeReason}
          </span>
        </button>
      )}
      <a class="link" href={props.arxivUrl} target="_blank" rel="noopener noreferrer">
        arXiv
      </a>
      <a class="link" href={props.pdfUrl} target="_blank" rel="noopener noreferrer">
        PDF
      </a>
      {tags.length ? (
        <ul class="tags" aria-label={t('overlayTags')}>
          {tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      ) : null}
      {props.error ? (
        <span class="error" role="status">
          {props.error}
        </span>
      ) : null}
      {props.tagsOpen ? (
        <TagEditor
          t={t}
          tags={tags}
          knownTags={props.knownTags}
          onChange={props.onTagsChange}
          onClose={() => props.onTagsOpenChange(false)}
          note={note}
          onNoteChange={props.onNoteChange}
        />
      ) : null}
    </div>
  );
}

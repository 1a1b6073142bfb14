import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import { LIMITS } from '../../lib/model/limits';

/** Props of {@link RowNote}. */
export interface RowNoteProps {
  t: Translate;
  /** The paper's note; absent when it has none. */
  note: string | undefined;
  /** The paper's title, to name the controls for screen readers. */
  paperTitle: string;
  /** Whether the note is being written (the row's "+ Note" button opens it too). */
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
  /** Stores the note (`''` removes it). Rejects when it could not be stored; the popup says why. */
  onSave: (note: string) => Promise<void>;
}

/** A note longer than this many characters or lines shows its beginning until the user asks for all. */
const PREVIEW = { chars: 280, lines: 4 } as const;

/** The beginning of a long note, or `undefined` when the note is short enough to show whole. */
function preview(note: string): string | undefined {
  const lines = note.split('\n');
  if (note.length <= PREVIEW.chars && lines.length <= PREVIEW.lines) return undefined;
  return `${lines.slice(0, PREVIEW.lines).join('\n').slice(0, PREVIEW.chars).trimEnd()}…`;
}

/**
 * A paper's note under its title: the text (line breaks kept, rendered as text) with a button to edit
 * it, or, while editing, a field with Save, Cancel and Remove. Ctrl+Enter (⌘+Enter) saves and Escape
 * cancels; the field keeps what was typed when saving fails. Nothing is drawn for a paper without a
 * note until the row's "+ Note" button opens the field.
 */
export function RowNote({ t, note, paperTitle, editing, onEditingChange, onSave }: RowNoteProps) {
  const [draft, setDraft] = useState(note ?? '');
  const [saving, setSaving] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();

  // Out of the field, the draft follows the stored note, so each opening starts from it.
  useEffect(() => {
    if (!editing) setDraft(note ?? '');
  }, [editing, note]);
  useEffect(() => {
    if (!editing || field.current === null) return;
    const end = field.current.value.length;
    field.current.focus();
    field.current.setSelectionRange(end, end);
  }, [editing]);

  const save = async (text: string) => {
    if (saving) return;
    if (text === (note ?? '')) {
      onEditingChange(false);
      return;
    }
    setSaving(true);
    try {
      await onSave(text);
      onEditingChange(false);
    } catch {
      // The popup shows why; the draft stays for another try.
    } finally {
      setSaving(false);
    }
  };

  if (editing) {
    return (
      <form
        class="note-editor"
        onSubmit={(event) => {
          event.preventDefault();
          void save(draft);
        }}
      >
        <textarea
          ref={field}
          value={draft}
          rows={3}
          maxLength={LIMITS.note}
          aria-label={t('popupNoteFor', paperTitle)}
          aria-describedby={hintId}
          placeholder={t('popupNotePlaceholder')}
          onInput={(event) => setDraft((event.currentTarget as HTMLTextAreaElement).value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              onEditingChange(false);
            } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void save(draft);
            }
          }}
        />
        <div class="note-buttons">
          <button type="submit" disabled={saving}>
            {t('popupNoteSave')}
          </button>
          <button type="button" onClick={() => onEditingChange(false)}>
            {t('popupNoteCancel')}
          </button>
          {note !== undefined ? (
            <button
              type="button"
              class="danger"
              disabled={saving}
              aria-label={t('popupNoteRemoveFor', paperTitle)}
              onClick={() => void save('')}
            >
              {t('popupNoteRemove')}
            </button>
          ) : null}
          <span id={hintId} class="note-hint">
            {t('popupNoteHint')}
          </span>
        </div>
      </form>
    );
  }

  if (note === undefined) return null;
  const short = preview(note);
  return (
    <div class="note">
      <p class="note-text">
        <span class="visually-hidden">{t('popupNotePrefix')} </span>
        {short === undefined || expanded ? note : short}
      </p>
      <div class="note-buttons">
        <button
          type="button"
          data-note-focus
          aria-label={t('popupNoteEditFor', paperTitle)}
          onClick={() => onEditingChange(true)}
        >
          {t('popupNoteEdit')}
        </button>
        {short !== undefined ? (
          <button type="button" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
            {t(expanded ? 'popupNoteShowLess' : 'popupNoteShowAll')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

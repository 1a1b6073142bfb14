import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../lib/i18n';
import { LIMITS } from '../lib/model/limits';

/** Props of the tag editor. */
export interface TagEditorProps {
  tags: string[];
  knownTags: string[];
  onChange: (tags: string[]) => void;
  onClose: () => void;
  t: Translate;
  /** The paper's note; absent when it has none. */
  note?: string;
  /**
   * Stores the paper's note (`''` removes it); rejects when it was not stored (what was typed stays).
   * Without it, the editor has no note field.
   */
  onNoteChange?: (note: string) => Promise<void> | void;
}

/**
 * Adds and removes tags; suggests tags already in use. With `onNoteChange`, also writes the paper's note:
 * Save note (or Ctrl+Enter) stores it, Remove note deletes it, and Done stores a changed note before
 * closing. Escape closes without storing anything.
 */
export function TagEditor({ tags, knownTags, onChange, onClose, t, note, onNoteChange }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const noteField = useNoteDraft(note, onNoteChange, t);

  const add = () => {
    const tag = draft.trim().replace(/\s+/g, ' ');
    setDraft('');
    if (!tag || tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return;
    onChange([...tags, tag]);
  };
  const lower = draft.trim().toLowerCase();
  const suggestions = knownTags
    .filter((t) => !tags.includes(t) && (!lower || t.toLowerCase().includes(lower)))
    .slice(0, 8);

  return (
    <fieldset
      class="tag-editor"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <legend class="sr-only">{onNoteChange ? t('tagEditorLegendWithNote') : t('tagEditorLegend')}</legend>
      <ul class="chips">
        {tags.map((tag) => (
          <li key={tag}>
            {tag}
            <button
              type="button"
              aria-label={t('tagEditorRemoveTag', tag)}
              onClick={() => onChange(tags.filter((t) => t !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <label>
          <span class="sr-only">{t('tagEditorNewTag')}</span>
          <input
            ref={input}
            value={draft}
            maxLength={64}
            placeholder={t('tagEditorPlaceholder')}
            list="dpc-known-tags"
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
        </label>
        <datalist id="dpc-known-tags">
          {suggestions.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <button type="submit">{t('tagEditorAdd')}</button>
        <button type="button" onClick={() => void noteField.saveThen(onClose)}>
          {t('tagEditorDone')}
        </button>
      </form>
      {onNoteChange ? (
        <div class="note-field">
          <label>
            <span>{t('tagEditorNote')}</span>
            <textarea
              value={noteField.draft}
              rows={3}
              maxLength={LIMITS.note}
              placeholder={t('tagEditorNotePlaceholder')}
              onInput={(event) => noteField.setDraft(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  void noteField.save(noteField.draft);
                }
              }}
            />
          </label>
          <div class="note-actions">
            <button
              type="button"
              disabled={noteField.saving || noteField.draft === (note ?? '')}
              onClick={() => void noteField.save(noteField.draft)}
            >
              {t('tagEditorSaveNote')}
            </button>
            {note !== undefined ? (
              <button type="button" disabled={noteField.saving} onClick={() => void noteField.save('')}>
                {t('tagEditorRemoveNote')}
              </button>
            ) : null}
            <span class="note-status" aria-live="polite">
              {noteField.saved}
            </span>
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}

/**
 * The note being written: follows the stored note until the user types, and stores it through `store`.
 * `saveThen(next)` stores a changed note first (when there is a field), then runs `next` if that worked.
 */
function useNoteDraft(note: string | undefined, store: TagEditorProps['onNoteChange'], t: Translate) {
  const [draft, setDraft] = useState(note ?? '');
  const [base, setBase] = useState(note ?? '');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState('');
  // A change from elsewhere (another tab, sync) shows unless the user has typed something else.
  useEffect(() => {
    if (draft === base) setDraft(note ?? '');
    setBase(note ?? '');
  }, [note]);

  const save = async (text: string): Promise<boolean> => {
    if (store === undefined || saving) return false;
    setSaving(true);
    setSaved('');
    try {
      await store(text);
      setDraft(text.trim() === '' ? '' : text);
      setSaved(text.trim() === '' ? t('tagEditorNoteRemoved') : t('tagEditorNoteSaved'));
      return true;
    } catch {
      // The card shows why; what was typed stays for another try.
      return false;
    } finally {
      setSaving(false);
    }
  };
  const saveThen = async (next: () => void) => {
    if (store === undefined || draft === (note ?? '') || (await save(draft))) next();
  };
  return { draft, setDraft, saving, saved, save, saveThen };
}

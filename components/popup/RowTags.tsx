import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';

/** Props of {@link RowTags}. */
export interface RowTagsProps {
  t: Translate;
  tags: readonly string[];
  /** Tags in use anywhere, offered while typing. */
  knownTags: readonly string[];
  /** The paper's title, to name the controls for screen readers. */
  paperTitle: string;
  onChange: (tags: string[]) => void;
}

/**
 * A paper's tags, editable where they are shown: each tag has a remove button, and "Add tag" opens a
 * field (with the tags in use as suggestions) that adds on Enter and closes on Escape.
 */
export function RowTags({ t, tags, knownTags, paperTitle, onChange }: RowTagsProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing) input.current?.focus();
    // Give the focus back to the button that opened the field, as a menu would.
    else if (wasEditing.current) addButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const add = () => {
    const tag = draft.trim().replace(/\s+/g, ' ');
    setDraft('');
    if (tag === '' || tags.some((existing) => existing.toLowerCase() === tag.toLowerCase())) return;
    onChange([...tags, tag]);
  };
  const listId = useId();

  return (
    <div class="tags">
      {tags.length > 0 ? (
        <ul class="chips" aria-label={t('popupTagsOf', paperTitle)}>
          {tags.map((tag) => (
            <li key={tag}>
              <span>{tag}</span>
              <button
                type="button"
                class="remove"
                aria-label={t('popupRemoveTag', tag)}
                title={t('popupRemoveTag', tag)}
                onClick={() => onChange(tags.filter((other) => other !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {editing ? (
        <form
          class="add-tag"
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <input
            ref={input}
            type="text"
            value={draft}
            list={listId}
            maxLength={64}
            aria-label={t('popupNewTagFor', paperTitle)}
            placeholder={t('popupNewTagPlaceholder')}
            onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                setDraft('');
                setEditing(false);
              }
            }}
            onBlur={() => {
              if (draft.trim() === '') setEditing(false);
            }}
          />
          <datalist id={listId}>
            {knownTags
              .filter((known) => !tags.some((tag) => tag.toLowerCase() === known.toLowerCase()))
              .slice(0, 50)
              .map((known) => (
                <option key={known} value={known} />
              ))}
          </datalist>
          <button type="submit">{t('popupAddTagConfirm')}</button>
        </form>
      ) : (
        <button ref={addButton} type="button" class="add" onClick={() => setEditing(true)}>
          {t('popupAddTag')}
        </button>
      )}
    </div>
  );
}

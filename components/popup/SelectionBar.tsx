import { useState } from 'preact/hooks';
import { plural, type Translate } from '../../lib/i18n';

/** Props of {@link SelectionBar}. */
export interface SelectionBarProps {
  t: Translate;
  count: number;
  knownTags: readonly string[];
  onMarkRead: (read: boolean) => void;
  onUnsave: () => void;
  onAddTag: (tag: string) => void;
  onClear: () => void;
}

/** What can be done to the selected papers at once: tag, mark read or unread, unsave, or clear it. */
export function SelectionBar({
  t,
  count,
  knownTags,
  onMarkRead,
  onUnsave,
  onAddTag,
  onClear,
}: SelectionBarProps) {
  const [tag, setTag] = useState('');
  return (
    <section class="selection" aria-label={t('popupSelectionLabel')}>
      <strong class="selection-count" aria-live="polite">
        {plural(t, 'popupSelected', count)}
      </strong>
      <button type="button" onClick={() => onMarkRead(true)}>
        {t('popupMarkRead')}
      </button>
      <button type="button" onClick={() => onMarkRead(false)}>
        {t('popupMarkUnread')}
      </button>
      <button type="button" onClick={onUnsave}>
        {t('popupUnsave')}
      </button>
      <form
        class="add-tag"
        onSubmit={(event) => {
          event.preventDefault();
          const clean = tag.trim();
          if (clean === '') return;
          onAddTag(clean);
          setTag('');
        }}
      >
        <input
          type="text"
          value={tag}
          list="selection-tag-suggestions"
          maxLength={64}
          aria-label={t('popupTagSelected')}
          placeholder={t('popupNewTagPlaceholder')}
          onInput={(event) => setTag((event.currentTarget as HTMLInputElement).value)}
        />
        <datalist id="selection-tag-suggestions">
          {knownTags.slice(0, 50).map((known) => (
            <option key={known} value={known} />
          ))}
        </datalist>
        <button type="submit">{t('popupAddTagConfirm')}</button>
      </form>
      <button type="button" class="clear" onClick={onClear}>
        {t('popupClearSelection')}
      </button>
    </section>
  );
}

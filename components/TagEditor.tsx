import { useEffect, useRef, useState } from 'preact/hooks';

/** Props of the tag editor. */
export interface TagEditorProps {
  tags: string[];
  knownTags: string[];
  onChange: (tags: string[]) => void;
  onClose: () => void;
}

/** Adds and removes tags; suggests tags already in use. Escape closes it. */
export function TagEditor({ tags, knownTags, onChange, onClose }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

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
      <legend class="sr-only">Edit tags</legend>
      <ul class="chips">
        {tags.map((tag) => (
          <li key={tag}>
            {tag}
            <button
              type="button"
              aria-label={`Remove tag ${tag}`}
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
          <span class="sr-only">New tag</span>
          <input
            ref={input}
            value={draft}
            maxLength={64}
            placeholder="Add a tag…"
            list="dpc-known-tags"
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
        </label>
        <datalist id="dpc-known-tags">
          {suggestions.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <button type="submit">Add tag</button>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </form>
    </fieldset>
  );
}

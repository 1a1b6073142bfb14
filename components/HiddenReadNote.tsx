import type { Plural } from '../lib/i18n';

/** Props of the line that stands where a run of read papers is hidden. */
export interface HiddenReadNoteProps {
  count: number;
  /** Whether the reader showed the run again. */
  shown: boolean;
  onToggle: () => void;
  plural: Plural;
}

/** "3 read papers hidden · Show", or once shown "3 read papers shown · Hide". */
export function HiddenReadNote({ count, shown, onToggle, plural }: HiddenReadNoteProps) {
  return (
    <p class="hidden-note">
      <span>{plural(shown ? 'overlayShownRead' : 'overlayHiddenRead', count)}</span>
      <span aria-hidden="true"> · </span>
      <button type="button" class="quiet" aria-expanded={shown} onClick={onToggle}>
        {shown ? plural('overlayHideRead', count) : plural('overlayShowRead', count)}
      </button>
    </p>
  );
}

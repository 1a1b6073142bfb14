import { plural, type Translate } from '../lib/i18n';

/** Props of the line that stands where a run of read papers is hidden. */
export interface HiddenReadNoteProps {
  count: number;
  /** Whether the reader showed the run again. */
  shown: boolean;
  onToggle: () => void;
  t: Translate;
}

/** "3 read papers hidden · Show", or once shown "3 read papers shown · Hide". */
export function HiddenReadNote({ count, shown, onToggle, t }: HiddenReadNoteProps) {
  return (
    <p class="hidden-note">
      <span>{plural(t, shown ? 'overlayShownRead' : 'overlayHiddenRead', count)}</span>
      <span aria-hidden="true"> · </span>
      <button type="button" class="quiet" aria-expanded={shown} onClick={onToggle}>
        {shown ? plural(t, 'overlayHideRead', count) : plural(t, 'overlayShowRead', count)}
      </button>
    </p>
  );
}

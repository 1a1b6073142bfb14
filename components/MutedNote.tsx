import type { Translate } from '../lib/i18n';
import type { MuteReason } from '../lib/model/filters';
import { muteReasonText } from './filters/reason';

/** Props of the line that stands where a muted card is folded. */
export interface MutedNoteProps {
  /** The paper's title, so the line says which paper it folds. */
  title: string;
  reason: MuteReason;
  /** Whether the reader unfolded the card. */
  shown: boolean;
  onToggle: () => void;
  /** Takes away the rule just chosen from this card's menu; without it, no Undo. */
  onUndo?: () => void;
  t: Translate;
}

/** "Title — muted: keyword 'diffusion' · Show", or once shown "… · Hide again"; "· Undo" after a rule just chosen. */
export function MutedNote({ title, reason, shown, onToggle, onUndo, t }: MutedNoteProps) {
  return (
    <p class="hidden-note muted-note">
      <span class="muted-title">{title}</span>
      <span aria-hidden="true"> — </span>
      <span>{muteReasonText(t, reason)}</span>
      <span aria-hidden="true"> · </span>
      <button type="button" class="quiet" aria-expanded={shown} onClick={onToggle}>
        {shown ? t('filterHideAgain') : t('filterShow')}
      </button>
      {onUndo ? (
        <button type="button" class="quiet undo" onClick={onUndo}>
          {t('overlayUndo')}
        </button>
      ) : null}
    </p>
  );
}

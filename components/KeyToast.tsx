import type { Translate } from '../lib/i18n';

/** What the last key action did, for its confirmation. */
export interface KeyConfirmation {
  /** What happened, in a word or two ("Unsaved"). */
  what: string;
  /** The paper's title, when the page showed it. */
  title?: string;
  /** Undoes the action; absent once undone. */
  undo?: () => void;
}

/**
 * The short confirmation of a key action, with Undo (the `u` key does the same). Always in the page as
 * a polite live region, so screen readers hear each confirmation; empty, it draws nothing.
 */
export function KeyToast({ confirmation, t }: { confirmation: KeyConfirmation | undefined; t: Translate }) {
  return (
    <div class={confirmation ? 'toast shown' : 'toast'} role="status" aria-live="polite">
      {confirmation ? (
        <>
          <span class="toast-text">
            <strong>{confirmation.what}</strong>
            {confirmation.title ? <span class="toast-title"> · {confirmation.title}</span> : null}
          </span>
          {confirmation.undo ? (
            <button type="button" aria-keyshortcuts="u" onClick={confirmation.undo}>
              {t('overlayUndo')}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

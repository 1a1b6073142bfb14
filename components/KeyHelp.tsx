import type { MessageKey, Translate } from '../lib/i18n';

/** The keys of keyboard triage and what each does, for the help dialog. */
export const TRIAGE_KEYS: ReadonlyArray<readonly [string, MessageKey]> = [
  ['j / k', 'keysNext'],
  ['s', 'keysSave'],
  ['r', 'keysRead'],
  ['x', 'keysDismiss'],
  ['u', 'keysUndo'],
  ['o', 'keysOpen'],
  ['g', 'keysCode'],
  ['t', 'keysTags'],
  ['?', 'keysHelp'],
  ['Esc', 'keysClose'],
];

/** The `?` dialog listing the triage keys. */
export function KeyHelp({ onClose, t }: { onClose: () => void; t: Translate }) {
  return (
    <div
      class="help"
      role="dialog"
      aria-modal="true"
      aria-label={t('keysLabel')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <h2>{t('keysTitle')}</h2>
      <dl>
        {TRIAGE_KEYS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" ref={(el) => el?.focus()} onClick={onClose}>
        {t('keysClose')}
      </button>
    </div>
  );
}

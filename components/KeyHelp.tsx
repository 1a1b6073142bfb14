/** The keys of keyboard triage, for the help dialog and the README. */
export const TRIAGE_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['j / k', 'Next / previous paper'],
  ['s', 'Save or unsave'],
  ['r', 'Mark as read or unread'],
  ['o', "Open the paper's page"],
  ['g', 'Open the code'],
  ['t', 'Edit tags'],
  ['?', 'Show or hide these keys'],
  ['Esc', 'Close'],
];

/** The `?` dialog listing the triage keys. */
export function KeyHelp({ onClose }: { onClose: () => void }) {
  return (
    <div
      class="help"
      role="dialog"
      aria-modal="true"
      aria-label="Keyboard shortcuts"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <h2>Daily Papers Companion keys</h2>
      <dl>
        {TRIAGE_KEYS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" ref={(el) => el?.focus()} onClick={onClose}>
        Close
      </button>
    </div>
  );
}

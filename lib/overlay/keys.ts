/**
 * Keyboard triage: which key does what. Keys never act while the user types, nor with a modifier,
 * so the browser's and the site's own shortcuts keep working.
 */

/** What a key asks the overlay to do. */
export type TriageAction =
  | 'next'
  | 'previous'
  | 'save'
  | 'read'
  | 'dismiss'
  | 'undo'
  | 'open'
  | 'code'
  | 'tags'
  | 'help'
  | 'close';

const KEY_ACTIONS: Readonly<Record<string, TriageAction>> = {
  j: 'next',
  k: 'previous',
  s: 'save',
  r: 'read',
  x: 'dismiss',
  u: 'undo',
  o: 'open',
  g: 'code',
  t: 'tags',
  '?': 'help',
  Escape: 'close',
};

/** True when the event comes from a place where the user types (also inside shadow roots). */
export function isTyping(event: Event): boolean {
  const target = (event.composedPath?.()[0] ?? event.target) as Element | null;
  if (!target || typeof (target as Element).closest !== 'function') return false;
  if ((target as HTMLElement).isContentEditable) return true;
  return Boolean(target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'));
}

/** The triage action of a key press, or undefined when the key is not ours to take. */
export function triageAction(event: KeyboardEvent): TriageAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return undefined;
  if (isTyping(event)) return undefined;
  return KEY_ACTIONS[event.key];
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import type { FilterRule, RuleChoice } from '../../lib/model/filters';
import { PopOver } from '../PopOver';

/** Props of {@link RuleMenu}. */
export interface RuleMenuProps {
  t: Translate;
  /** The rules the card offers (`cardRuleChoices`); without any, no menu is drawn. */
  choices: readonly RuleChoice[];
  /** The reader chose a rule: put it in force, or take it away when it is `active` already. */
  onChoose: (choice: RuleChoice) => void;
}

/** A choice as words: "Mute this organization (Acme AI)", "Follow Ada Lovelace". */
export function ruleChoiceLabel(t: Translate, rule: FilterRule): string {
  if (rule.field === 'organization') {
    return t(rule.action === 'mute' ? 'filterMuteThisOrganization' : 'filterFollowThisOrganization', [
      rule.value,
    ]);
  }
  return t(rule.action === 'mute' ? 'filterMuteAuthor' : 'filterFollowAuthor', [rule.value]);
}

/**
 * A card's small menu of mute and follow rules: a button named "Mute or follow" opening a list of real
 * buttons, one per rule; a rule in force is pressed, and choosing it takes it away. The first choice takes
 * the focus; ↑/↓/Home/End move between choices; Escape closes and gives the focus back to the button.
 */
export function RuleMenu({ t, choices, onChoose }: RuleMenuProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (open) list.current?.querySelector('button')?.focus();
  }, [open]);
  if (choices.length === 0) return null;
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    let next: number | undefined;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      return close(true);
    }
    if (event.key === 'ArrowDown') next = (at + 1) % buttons.length;
    else if (event.key === 'ArrowUp') next = (at - 1 + buttons.length) % buttons.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    buttons[next]?.focus();
  };
  const label = t('filterRuleMenu');
  return (
    <>
      <button
        type="button"
        ref={button}
        class="rule-menu-button"
        aria-label={label}
        aria-expanded={open}
        title={label}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open ? (
        <PopOver anchor={button} class="rule-menu" onClose={() => close(false)}>
          <ul class="rule-menu-list" ref={list} aria-label={label} onKeyDown={onKeyDown}>
            {choices.map((choice) => (
              <li key={`${choice.rule.action}:${choice.rule.field}:${choice.rule.value}`}>
                <button
                  type="button"
                  aria-pressed={choice.active}
                  onClick={() => {
                    close(true);
                    onChoose(choice);
                  }}
                >
                  {ruleChoiceLabel(t, choice.rule)}
                </button>
              </li>
            ))}
          </ul>
        </PopOver>
      ) : null}
    </>
  );
}

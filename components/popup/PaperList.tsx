import type { ComponentChild, Ref } from 'preact';
import { VList, type VListHandle } from 'virtua';

/** Props of {@link PaperList}. */
export interface PaperListProps {
  ids: readonly string[];
  /** The list's accessible name. */
  label: string;
  renderRow: (id: string, index: number) => ComponentChild;
  listRef?: Ref<VListHandle>;
}

/** Rows are about this tall before they are measured. */
const ROW_ESTIMATE = 104;
/** Rows that fill the popup at its full height. */
const FIRST_ROWS = 6;

/**
 * The virtualized list of papers (virtua): only the rows near the viewport are in the page, so ten
 * thousand papers scroll and update as fast as ten.
 */
export function PaperList({ ids, label, renderRow, listRef }: PaperListProps) {
  return (
    <VList
      ref={listRef}
      data={ids}
      class="list"
      role="list"
      aria-label={label}
      data-count={ids.length}
      itemSize={ROW_ESTIMATE}
      // The first rows are in the very first render, laid out in normal flow, instead of one frame later
      // once the viewport is measured.
      ssrCount={Math.min(ids.length, FIRST_ROWS)}
    >
      {(id: string, index: number) => renderRow(id, index)}
    </VList>
  );
}

/** Scrolls row `index` into view and focuses its title link (a folded row's Show) once it is rendered. */
export function focusRow(handle: VListHandle | null, container: ParentNode | null, index: number): void {
  handle?.scrollToIndex(index, { align: 'nearest' });
  let attempts = 0;
  const tryFocus = () => {
    // A muted row folded to one line has no title link: its Show button takes the focus.
    const target = container?.querySelector<HTMLElement>(
      `[data-index="${index}"] [data-row-focus], [data-index="${index}"][data-muted] button`,
    );
    if (target) target.focus();
    else if (attempts++ < 5) requestAnimationFrame(tryFocus);
  };
  tryFocus();
}

import type { ComponentChildren, RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Shows its children over the page, next to `anchor`, in the browser's top layer (the site's cards clip
 * what overflows them, and an editor in the card's flow would stretch the whole grid row). A pointer
 * press outside closes it. Where the Popover API is missing, the children stay in the toolbar's flow.
 */
export function PopOver(props: {
  anchor: RefObject<HTMLElement | null>;
  onClose: () => void;
  /** A class besides `pop`, for the look of what it holds. */
  class?: string;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  useLayoutEffect(() => {
    const pop = ref.current;
    const view = pop?.ownerDocument.defaultView;
    if (!pop || !view || typeof pop.showPopover !== 'function') return;
    try {
      pop.showPopover();
    } catch {
      return;
    }
    const place = () => {
      const anchor = props.anchor.current?.getBoundingClientRect();
      if (!anchor) return;
      const { offsetWidth: width, offsetHeight: height } = pop;
      const below = anchor.bottom + 6;
      const top =
        below + height > view.innerHeight - 8 && anchor.top - height - 6 >= 8
          ? anchor.top - height - 6
          : below;
      pop.style.top = `${Math.max(8, top)}px`;
      pop.style.left = `${Math.max(8, Math.min(anchor.left, view.innerWidth - width - 8))}px`;
    };
    place();
    const outside = (event: Event) => {
      const path = event.composedPath();
      if (!path.includes(pop) && !(props.anchor.current && path.includes(props.anchor.current)))
        onClose.current();
    };
    view.addEventListener('scroll', place, { capture: true, passive: true });
    view.addEventListener('resize', place);
    view.addEventListener('pointerdown', outside, true);
    return () => {
      view.removeEventListener('scroll', place, { capture: true });
      view.removeEventListener('resize', place);
      view.removeEventListener('pointerdown', outside, true);
      if (pop.matches(':popover-open')) pop.hidePopover();
    };
  }, []);
  return (
    <div class={props.class ? `pop ${props.class}` : 'pop'} popover="manual" ref={ref}>
      {props.children}
    </div>
  );
}

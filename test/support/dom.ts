/**
 * What component tests need from a DOM without layout (jsdom): a ResizeObserver that reports a fixed
 * size, so the virtualized list (virtua) knows how many rows fit, and a `t()` over the English
 * messages, formatted as the browser formats them.
 */
import { act } from 'preact/test-utils';
import { catalogTranslator, type Translate } from '../../lib/i18n';
import catalog from '../../public/_locales/en/messages.json';

/** `t()` over `public/_locales/en/messages.json`, for an English UI. */
export const t: Translate = catalogTranslator(catalog, 'en');

/** Every observed element measures `width` × `height` (jsdom lays nothing out). */
export function installResizeObserver(width = 480, height = 600): void {
  class FixedSizeObserver {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      queueMicrotask(() =>
        this.callback(
          [{ target, contentRect: { width, height } } as unknown as ResizeObserverEntry],
          this as never,
        ),
      );
    }
    unobserve() {}
    disconnect() {}
  }
  globalThis.ResizeObserver = FixedSizeObserver as unknown as typeof ResizeObserver;
}

/** Lets pending effects, microtasks and timers run, inside `act`. */
export async function settle(ms = 5): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

/** Types `text` into a field as a person would (the `input` event), and lets the page react. */
export async function typeInto(field: HTMLInputElement, text: string): Promise<void> {
  await act(() => {
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await settle();
}

/** Clicks an element (with modifier keys if given) and lets the page react. */
export async function click(element: Element, init: MouseEventInit = {}): Promise<void> {
  await act(() => {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));
  });
  await settle();
}

/** The element matching `selector` inside `root`; fails the test when there is none. */
export function $(root: ParentNode, selector: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(selector);
  if (found === null) throw new Error(`No element matches ${selector}`);
  return found;
}

/** The button whose text is exactly `label`. */
export function button(root: ParentNode, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
  if (found === undefined) throw new Error(`No button labelled ${label}`);
  return found;
}

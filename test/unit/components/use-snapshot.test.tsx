// @vitest-environment jsdom
/**
 * useSnapshot (components/use-snapshot.ts): the popup and the inbox draw a snapshot and redraws
 * it on each change, including a change made before its effects first ran.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { type Snapshotted, useSnapshot } from '../../../components/use-snapshot';

/** A source whose value the test changes, telling its listeners. */
function source(initial: string): Snapshotted<string> & { set(value: string): void; listeners: number } {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    snapshot: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      value = next;
      for (const listener of listeners) listener();
    },
    get listeners() {
      return listeners.size;
    },
  };
}

function Shown(props: { of: Snapshotted<string> }) {
  return <p>{useSnapshot(props.of)}</p>;
}

const root = document.createElement('div');
afterEach(() => render(null, root));

describe('useSnapshot', () => {
  it('shows a change made after the first render but before the effects ran (the kept first rows)', async () => {
    const list = source('starting');
    // Rendered without act: the effects wait for the next frame, as in the browser.
    render(<Shown of={list} />, root);
    expect(root.textContent).toBe('starting');
    list.set('partial');
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
    });
    expect(root.textContent).toBe('partial');
  });

  it('listens from the first render on, before a frame is painted, so the first change draws at once', () => {
    const list = source('starting');
    render(<Shown of={list} />, root);
    // No frame, no timer: a listener added by a plain effect would not be there yet.
    expect(list.listeners).toBe(1);
  });

  it('follows later changes, and stops listening when unmounted', async () => {
    const list = source('starting');
    await act(async () => render(<Shown of={list} />, root));
    await act(async () => list.set('ready'));
    expect(root.textContent).toBe('ready');
    expect(list.listeners).toBe(1);
    await act(async () => render(null, root));
    expect(list.listeners).toBe(0);
  });
});

import { useLayoutEffect, useState } from 'preact/hooks';

/** What {@link useSnapshot} follows: a value that can be read now and says when it changed. */
export interface Snapshotted<T> {
  snapshot(): T;
  subscribe(listener: () => void): () => void;
}

/**
 * The source's snapshot, redrawn on each change. The listener is added before the first frame is painted
 * (a layout effect): with a plain effect, added after that frame, the popup's kept first rows, which
 * arrive about then, waited for it and one more render, ~15-30 ms. The snapshot is read again when the
 * listener is added, for a change made between the first render and then.
 */
export function useSnapshot<T>(source: Snapshotted<T>): T {
  const [snapshot, setSnapshot] = useState(() => source.snapshot());
  useLayoutEffect(() => {
    const stop = source.subscribe(() => setSnapshot(source.snapshot()));
    setSnapshot(source.snapshot());
    return stop;
  }, [source]);
  return snapshot;
}

import { useEffect, useState } from 'preact/hooks';

/** What {@link useSnapshot} follows: a value that can be read now and says when it changed. */
export interface Snapshotted<T> {
  snapshot(): T;
  subscribe(listener: () => void): () => void;
}

/**
 * The source's snapshot, redrawn on each change. Effects run after the first frame: a change made before
 * then (the popup's kept first rows arrive that soon) had no listener yet, and the popup said "Loading…"
 * until the next change, up to a second later. The snapshot is read again when the listener is added.
 */
export function useSnapshot<T>(source: Snapshotted<T>): T {
  const [snapshot, setSnapshot] = useState(() => source.snapshot());
  useEffect(() => {
    const stop = source.subscribe(() => setSnapshot(source.snapshot()));
    setSnapshot(source.snapshot());
    return stop;
  }, [source]);
  return snapshot;
}

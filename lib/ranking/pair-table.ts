/**
 * Numbers for pairs of word numbers (a, b), in typed arrays with open addressing: counting the bigrams of
 * 10,000 abstracts (1.4 million pairs) through a `Map` took most of a retrain's second, mostly in garbage
 * collection; this table allocates once.
 */
export class PairTable {
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  private readonly ids: Int32Array;
  private readonly mask: number;
  /** How many distinct pairs it holds; their ids are 0 … size − 1 in order of first insertion. */
  size = 0;

  /** A table for up to `capacity` distinct pairs. */
  constructor(capacity: number) {
    let slots = 16;
    while (slots * 0.7 < capacity) slots *= 2;
    this.first = new Int32Array(slots).fill(-1);
    this.second = new Int32Array(slots);
    this.ids = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** The id of (a, b), or −1 when it is not there. */
  get(a: number, b: number): number {
    for (let slot = this.slotOf(a, b); ; slot = (slot + 1) & this.mask) {
      const held = this.first[slot] as number;
      if (held === -1) return -1;
      if (held === a && this.second[slot] === b) return this.ids[slot] as number;
    }
  }

  /** The id of (a, b), given a new one if it is not there yet (the capacity must allow it). */
  add(a: number, b: number): number {
    for (let slot = this.slotOf(a, b); ; slot = (slot + 1) & this.mask) {
      const held = this.first[slot] as number;
      if (held === -1) {
        this.first[slot] = a;
        this.second[slot] = b;
        this.ids[slot] = this.size;
        return this.size++;
      }
      if (held === a && this.second[slot] === b) return this.ids[slot] as number;
    }
  }

  private slotOf(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) & this.mask;
  }
}

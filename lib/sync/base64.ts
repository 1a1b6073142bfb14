/**
 * The number coding of the sync items: base-64 digits (`A-Z a-z 0-9 - _`), none of which JSON escapes, so
 * a coded value costs exactly its length in `storage.sync`'s quota.
 *
 * Two forms: fixed-width numbers (an arXiv number in three digits) and variable-length numbers, five bits
 * per digit with the sixth bit saying "more digits follow" (a stamp delta of a few seconds is one digit,
 * of a quarter of an hour two, of nine hours three).
 */

/** The 64 digits, in value order. */
export const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const VALUE_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGITS.length; i++) VALUE_OF[DIGITS.charCodeAt(i)] = i;

/** Digits of a variable-length number past which the input is not ours (11 × 5 bits covers 2^53). */
const MAX_VARINT_DIGITS = 11;

/** Thrown by {@link Reader} on input it cannot read; the codec turns it into a warning. */
export class CodedTextError extends Error {
  override name = 'CodedTextError';
}

/** `n` (a non-negative safe integer) as a variable-length number, low five bits first. */
export function varint(n: number): string {
  let out = '';
  let rest = n;
  while (rest >= 32) {
    out += DIGITS[32 + (rest % 32)];
    rest = Math.floor(rest / 32);
  }
  return out + DIGITS[rest];
}

/** `n` (0 ≤ n < 64^width) in exactly `width` digits, most significant first. */
export function fixed(n: number, width: number): string {
  let out = '';
  let rest = n;
  for (let i = 0; i < width; i++) {
    out = DIGITS[rest % 64] + out;
    rest = Math.floor(rest / 64);
  }
  return out;
}

/** Reads coded text from left to right; every method throws {@link CodedTextError} on bad input. */
export class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** Whether everything has been read. */
  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** The next variable-length number. */
  varint(): number {
    let value = 0;
    let scale = 1;
    for (let count = 0; count < MAX_VARINT_DIGITS; count++) {
      const digit = this.digit();
      value += (digit % 32) * scale;
      if (digit < 32) {
        if (!Number.isSafeInteger(value)) throw new CodedTextError('a number is too large');
        return value;
      }
      scale *= 32;
    }
    throw new CodedTextError('a number is too long');
  }

  /** The next fixed-width number of `width` digits. */
  fixed(width: number): number {
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 64 + this.digit();
    return value;
  }

  /** The next `length` characters, as they are. */
  chars(length: number): string {
    if (length > this.text.length - this.pos) throw new CodedTextError('the text is cut short');
    const out = this.text.slice(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  private digit(): number {
    if (this.pos >= this.text.length) throw new CodedTextError('the text is cut short');
    const code = this.text.charCodeAt(this.pos++);
    const value = code < 128 ? VALUE_OF[code]! : -1;
    if (value < 0) throw new CodedTextError(`an unexpected character at ${this.pos - 1}`);
    return value;
  }
}

/**
 * Text to (Bib)TeX. A title like `50% of {x} & $y$ in C#` must reach LaTeX as text, never as markup:
 * every TeX special is escaped, braces included (so a value can never end its own `{…}` early), and
 * accented Latin letters become TeX accent commands, which BibTeX sorts and abbreviates correctly and
 * every BibTeX or biber setup reads. Other scripts (Greek, CJK, emoji …) are kept as UTF-8: the file
 * is written as UTF-8, which biber and BibTeX with `inputenc`/`fontenc` read.
 */

/** TeX specials and what a TeX document needs instead. */
const SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Letters without a decomposition, as TeX commands. */
const LETTERS: Readonly<Record<string, string>> = {
  ß: '{\\ss}',
  æ: '{\\ae}',
  Æ: '{\\AE}',
  œ: '{\\oe}',
  Œ: '{\\OE}',
  ø: '{\\o}',
  Ø: '{\\O}',
  ł: '{\\l}',
  Ł: '{\\L}',
  ı: '{\\i}',
  ȷ: '{\\j}',
  å: '{\\aa}',
  Å: '{\\AA}',
  đ: '{\\dj}',
  Đ: '{\\DJ}',
  þ: '{\\th}',
  Þ: '{\\TH}',
  ð: '{\\dh}',
  Ð: '{\\DH}',
};

/** Combining marks (after NFD) and their TeX accent commands. */
const ACCENTS: Readonly<Record<string, string>> = {
  '\u0300': '`',
  '\u0301': "'",
  '\u0302': '^',
  '\u0303': '~',
  '\u0304': '=',
  '\u0306': 'u',
  '\u0307': '.',
  '\u0308': '"',
  '\u030A': 'r',
  '\u030B': 'H',
  '\u030C': 'v',
  '\u0323': 'd',
  '\u0327': 'c',
  '\u0328': 'k',
  '\u0331': 'b',
};

// A Latin letter followed by one or more combining marks (after NFD).
const ACCENTED = /([A-Za-z])([\u0300-\u036f]+)/g;

function accent(base: string, marks: string): string | undefined {
  // `\"{i}` rather than the older `\"{\i}`: LaTeX's T1 and UTF-8 set-ups typeset both as ï, but
  // Better BibTeX's parser reads the older form back as ı plus a combining mark instead of ï.
  let inner = base;
  for (const mark of marks) {
    const command = ACCENTS[mark];
    if (command === undefined) return undefined;
    // Letter commands (\u, \v, \H …) need a brace group; symbol commands (\' \" …) too, for safety.
    inner = `\\${command}{${inner}}`;
  }
  return `{${inner}}`;
}

/**
 * Escapes text for a brace-delimited BibTeX value: TeX specials, accented Latin letters as accent
 * commands (`é` → `{\'{e}}`), special Latin letters (`ß` → `{\ss}`), whitespace collapsed. Anything
 * else is kept as is. The result never contains an unbalanced brace.
 */
export function escapeLatex(text: string): string {
  let out = '';
  for (const char of text.replace(/\s+/g, ' ').trim()) {
    const special = SPECIALS[char] ?? LETTERS[char];
    if (special !== undefined) {
      out += special;
      continue;
    }
    const decomposed = char.normalize('NFD');
    if (decomposed !== char) {
      const converted = decomposed.replace(
        ACCENTED,
        (whole, base: string, marks: string) => accent(base, marks) ?? whole,
      );
      // An accent TeX has no command for stays as the original character.
      out += /[\u0300-\u036f]/.test(converted) ? char : converted;
      continue;
    }
    out += char;
  }
  return out;
}

/**
 * Escapes a title and protects words with a capital after their first character (`LLaMA`, `GPT-4o`,
 * `ImageNet`, `3D`) in braces, so that bibliography styles that lower-case titles keep them.
 */
export function escapeTitle(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => {
      const escaped = escapeLatex(word);
      const afterFirst = [...word].slice(1).join('');
      return /\p{Lu}/u.test(afterFirst) ? `{${escaped}}` : escaped;
    })
    .join(' ');
}

import type { Random } from './prng.js';
import type { SupplierStyle } from './types.js';

/**
 * Demo Kommune's text habits (another profile brings its own). The mess real invoice texts
 * carry: empty texts, item numbers in front, upper case from old systems, truncation at 40
 * characters, typos, lost Danish letters, credit-note wording, and the odd semicolon or line
 * break that forces CSV quoting.
 */

export const EMPTY_TEXT_SHARE = 0.05;
const TYPO_SHARE = 0.02;
const SEMICOLON_SHARE = 0.003;
const LINE_BREAK_SHARE = 0.0003;

const LETTER = /[A-Za-zÆØÅæøå]/;

export function typo(rng: Random, text: string): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5 && /^[A-Za-zÆØÅæøå-]+$/.test(w));
  if (candidates.length === 0) return text;
  const [word, index] = rng.pick(candidates);
  const kind = rng.int(0, 4);
  const pos = rng.int(1, word.length - 2);
  let changed: string;
  if (kind === 0 && LETTER.test(word[pos + 1] ?? '')) changed = word.slice(0, pos) + word[pos + 1] + word[pos] + word.slice(pos + 2);
  else if (kind === 1) changed = word.slice(0, pos) + word.slice(pos + 1);
  else if (kind === 2) changed = word.slice(0, pos) + word[pos] + word.slice(pos);
  else if (kind === 3) changed = word.replaceAll('æ', 'ae').replaceAll('ø', 'oe').replaceAll('å', 'aa');
  else changed = word.toLowerCase();
  words[index] = changed;
  return words.join(' ');
}

export interface TextInput {
  rng: Random;
  base: string;
  style: SupplierStyle;
  itemNo: string;
  credit: boolean;
  /** A text that carries a CPR number is never emptied or cut, so the manifest's count holds. */
  keepWhole: boolean;
  /** The invoice date (days since 1970), for texts that carry a delivery date. */
  day: number;
}

export function invoiceText(input: TextInput): string {
  const { rng, style } = input;
  if (!input.keepWhole && rng.chance(EMPTY_TEXT_SHARE)) return '';
  let text = input.base;
  if (rng.chance(TYPO_SHARE)) text = typo(rng, text);
  if (style.itemNoInText && input.itemNo) text = rng.chance(0.5) ? `${input.itemNo} ${text}` : `Varenr. ${input.itemNo} ${text}`;
  if (input.credit) {
    const r = rng.next();
    if (r < 0.4) text = `Kreditering: ${text}`;
    else if (r < 0.6) text = `Retur ${text}`;
  }
  if (style.upperText) text = text.toUpperCase();
  if (style.truncate40 && !input.keepWhole && text.length > 40) text = text.slice(0, 40).trimEnd();
  if (rng.chance(SEMICOLON_SHARE)) text = `${text}; jf. aftale`;
  else if (rng.chance(LINE_BREAK_SHARE)) text = `${text}\r\nBemærk: se bilag`;
  return text;
}

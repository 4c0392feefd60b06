// SQL expressions that turn a line's columns into the values rules are matched against.
// Built by code from fixed names (never from data), so they are trusted SQL fragments.
import { literal, quoteIdent } from '../sql/escape.js';

/**
 * A word is a run of letters and digits (RE2 Unicode classes: æ, ø, å, ä, ö, é...); "§" is a word
 * of its own, so "§ 85", "§85" and "jf. §85" all read as the words "§", "85".
 */
export const TOKEN_RE = literal('[\\pL\\pN]+|§');

/** The words of a lowercase text. */
export function tokensSql(text: string): string {
  return `regexp_extract_all(${text}, ${TOKEN_RE})`;
}

/**
 * The "skeleton" of a lowercase word: æ/ø/å and their transliterations (ae, oe, aa) and plain
 * a/o folded together, so "rengøring", "rengoering" and "rengoring" (lost æøå) meet.
 */
export function skeletonSql(word: string): string {
  let s = word;
  for (const [from, to] of [['æ', 'a'], ['ø', 'o'], ['å', 'a'], ['ä', 'a'], ['ö', 'o'], ['é', 'e'], ['aa', 'a'], ['ae', 'a'], ['oe', 'o']] as const) {
    s = `replace(${s}, ${literal(from)}, ${literal(to)})`;
  }
  return s;
}

/** JavaScript twin of skeletonSql (for compiling patterns). */
export function skeleton(word: string): string {
  return word.replaceAll('æ', 'a').replaceAll('ø', 'o').replaceAll('å', 'a').replaceAll('ä', 'a').replaceAll('ö', 'o').replaceAll('é', 'e')
    .replaceAll('aa', 'a').replaceAll('ae', 'a').replaceAll('oe', 'o');
}

/** JavaScript twin of tokensSql. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+|§/gu) ?? [];
}

/**
 * A keyword is compared on skeletons when its skeleton has at least this many characters; shorter
 * words stay exact, because folding makes them ambiguous ("kød" would become "kod", the start of "kode").
 */
export const SKELETON_MIN = 5;

/** Where a rule's field comes from: a spend_line column, the item code with its scheme, or the art. */
export type Field = string;
export const ITEM_FIELD = 'item';
export const ART_FIELD = 'art';

export function columnField(column: string): Field {
  return `col:${column}`;
}

/** The normalised value of a field for the line aliased `l` (NULL when empty). */
export function fieldSql(field: Field, alias = 'l'): string {
  const a = alias ? `${alias}.` : '';
  if (field === ITEM_FIELD) {
    return `CASE WHEN ${a}item_code IS NOT NULL THEN lower(coalesce(${a}item_scheme, 'unspsc')) || ':' || regexp_replace(split_part(${a}item_code, '-', 1), '[^0-9]', '', 'g') END`;
  }
  // "2,2" and " 2.2 " are the art 2.2; digits are not split ("50" is not "5.0": "5" never catches "50").
  if (field === ART_FIELD) return `nullif(replace(replace(trim(${a}account), ',', '.'), ' ', ''), '')`;
  const column = field.slice('col:'.length);
  return `nullif(lower(trim(CAST(${a}${quoteIdent(column)} AS VARCHAR))), '')`;
}

/** The spend_line columns a field reads, raw (to check they exist, group by them and hash them). */
export function fieldColumns(field: Field): string[] {
  if (field === ITEM_FIELD) return ['item_scheme', 'item_code'];
  if (field === ART_FIELD) return ['account'];
  return [field.slice('col:'.length)];
}

/**
 * A line's field as a number: the hash of its raw columns. Lines are joined to rule decisions on
 * these integers (cheap), while normalising and matching happen once per distinct value.
 */
export function fieldHashSql(field: Field, alias = 'l'): string {
  const a = alias ? `${alias}.` : '';
  return `hash(${fieldColumns(field).map((c) => `${a}${quoteIdent(c)}`).join(', ')})`;
}

/** The column of cls_line that holds a field's hash. */
export function hashColumn(field: Field): string {
  return quoteIdent(`h:${field}`);
}

import { literal } from '../sql/escape.js';
import { cleanCvr, isValidCvr, validCvrSql } from './cvr.js';

/**
 * Supplier keys: `cvr:NNNNNNNN` for a valid CVR, else `name:<normalised name>`. The name is
 * normalised so that the spellings finance systems hold side by side meet: case, æøå and accents,
 * punctuation, "&"/"og"/"and", legal forms (A/S, AS, ApS, I/S, IVS, K/S, P/S, a.m.b.a. and foreign ones),
 * the owner after "v/" and the word "Danmark".
 *
 * The same steps exist twice, in TypeScript (`supplierNameKey`) and as SQL
 * (`supplierNameKeySql`), built from one list of regular expressions so the two cannot drift
 * (both engines use the same RE2-compatible subset; a test compares them name by name).
 */

interface Step {
  pattern: string;
  replacement: string;
}

/** Before the steps: lower case, æ/ø/å spelt out, accents stripped. */
const STEPS: readonly Step[] = [
  // "Bager Hansen v/ Jens Hansen" → "Bager Hansen": a sole trader's owner is not part of the trade name.
  { pattern: '(^|[^a-z0-9])v ?/.*$', replacement: '' },
  // Legal forms written with a slash or dots become one token before punctuation goes.
  { pattern: '(^|[^a-z0-9])([aikp]) ?/ ?s([^a-z0-9]|$)', replacement: '$1$2s$3' },
  { pattern: '(^|[^a-z0-9])([afs])\\.m\\.b\\.a\\.?', replacement: '$1$2mba' },
  { pattern: '&', replacement: ' og ' },
  { pattern: '[^a-z0-9]+', replacement: ' ' },
  // "&", "og" and "and" are one word ("Health & Social Care" = "Health and Social Care").
  { pattern: ' and ', replacement: ' og ' },
  { pattern: ' (danmark|denmark)( |$)', replacement: '$2' },
  { pattern: '^(danmark|denmark) ', replacement: '' },
  { pattern: '^ +| +$', replacement: '' },
  // Legal forms at the end, repeatedly ("... aps as"); Danish, Nordic, German and English ones.
  {
    pattern: '( (as|aps|is|ivs|ks|ps|amba|fmba|smba|ab|asa|oy|oyj|gmbh|ag|bv|nv|sa|ltd|limited|plc|llc|inc|co))+$',
    replacement: '',
  },
];

/** What is left when only punctuation goes (used when the steps leave nothing, e.g. "ApS"). */
const FALLBACK: readonly Step[] = [
  { pattern: '&', replacement: ' og ' },
  { pattern: '[^a-z0-9]+', replacement: ' ' },
  { pattern: '^ +| +$', replacement: '' },
];

const FOLD: readonly [string, string][] = [
  ['æ', 'ae'],
  ['ø', 'oe'],
  ['å', 'aa'],
];

function foldTs(name: string): string {
  let s = name.toLowerCase();
  for (const [from, to] of FOLD) s = s.replaceAll(from, to);
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}

function runTs(text: string, steps: readonly Step[]): string {
  let s = text;
  // JavaScript writes a group reference as $1 just like RE2 (DuckDB's regexp_replace uses \1).
  for (const step of steps) s = s.replace(new RegExp(step.pattern, 'g'), step.replacement);
  return s;
}

/** The normalised name ("Kontorland Danmark A/S" → "kontorland"), or null for an empty name. */
export function supplierNameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const folded = foldTs(name);
  const key = runTs(folded, STEPS);
  if (key) return key;
  return runTs(folded, FALLBACK) || null;
}

/** `cvr:NNNNNNNN` for a valid CVR (DK prefix, spaces allowed), else `name:<normalised name>`. */
export function supplierKey(cvr: string | null | undefined, name: string | null | undefined): string | null {
  const clean = cleanCvr(cvr);
  if (clean && isValidCvr(clean)) return `cvr:${clean}`;
  const key = supplierNameKey(name) ?? (cvr?.trim() ? cvr.trim().toLowerCase() : null);
  return key ? `name:${key}` : null;
}

function foldSql(expr: string): string {
  let s = `lower(${expr})`;
  for (const [from, to] of FOLD) s = `replace(${s}, ${literal(from)}, ${literal(to)})`;
  return `strip_accents(${s})`;
}

function runSql(expr: string, steps: readonly Step[]): string {
  let s = expr;
  for (const step of steps) {
    const replacement = step.replacement.replace(/\$(\d)/g, '\\$1');
    s = `regexp_replace(${s}, ${literal(step.pattern)}, ${literal(replacement)}, 'g')`;
  }
  return s;
}

/** SQL for `supplierNameKey` over a text expression (NULL for NULL or empty). */
export function supplierNameKeySql(nameExpr: string): string {
  const folded = foldSql(nameExpr);
  return `nullif(coalesce(nullif(${runSql(folded, STEPS)}, ''), ${runSql(folded, FALLBACK)}), '')`;
}

/**
 * SQL for `supplierKey` over a cleaned CVR column (as the import stores it: digits, no DK) and a
 * name column. Use it per distinct (CVR, name) pair, not per line: it is a long expression.
 */
export function supplierKeySql(cvrExpr: string, nameExpr: string): string {
  return `CASE WHEN ${validCvrSql(cvrExpr)} THEN 'cvr:' || ${cvrExpr}
               ELSE 'name:' || coalesce(${supplierNameKeySql(nameExpr)}, nullif(lower(trim(${cvrExpr})), '')) END`;
}

/** True for a key built from a valid CVR. */
export function isCvrKey(key: string): boolean {
  return key.startsWith('cvr:');
}

// Set-based rule matching. Rules are matched against the DISTINCT values of the fields they read
// (descriptions, suppliers, arts and item codes repeat a lot), never line by line and never one
// query per rule: every kind of match is one join between the distinct values and the rule table.
// Lines meet the result through the integer hashes of cls_line (lines-sql.ts).
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal, quoteIdent } from '../sql/escape.js';
import type { CompiledRule, Kind } from './rule-table.js';
import { REFINABLE_TIERS, TIERS } from './rules.js';
import { fieldColumns, hashColumn, skeletonSql, tokensSql, type Field } from './text-sql.js';

/** Which lines a run looks at: all of them, or those listed in the temp table cls_scope(line_id). */
export type Scope = 'all' | 'scoped';

export function scopeWhere(scope: Scope, alias = 'l'): string {
  return scope === 'all' ? '' : `WHERE ${alias}.line_id IN (SELECT line_id FROM cls_scope)`;
}

/** The value table a run matches: the whole dictionary, or the scoped part of it. */
export function valueTable(scope: Scope): string {
  return scope === 'all' ? 'cls_dict' : 'cls_val';
}

export interface MatchShape {
  /** Every field some enabled rule reads. */
  fields: Field[];
  /** Fields read by exact rules only: their dictionary keeps just the values a rule names. */
  exactOnly: Field[];
  wordFields: Field[];
  kinds: Set<Kind>;
}

export function matchShape(compiled: readonly CompiledRule[]): MatchShape {
  const active = compiled.filter((c) => c.rule.enabled);
  const uniq = (list: Field[]): Field[] => [...new Set(list)].sort();
  const fields = uniq(active.map((c) => c.field));
  const inexact = new Set(active.filter((c) => c.kind !== 'exact').map((c) => c.field));
  return {
    fields,
    exactOnly: fields.filter((f) => !inexact.has(f)),
    wordFields: uniq(active.filter((c) => c.kind === 'word').map((c) => c.field)),
    kinds: new Set(active.map((c) => c.kind)),
  };
}

/** Fails early, in Danish, when a rule reads a column spend_line does not have. */
export async function checkFields(db: DbConnector, fields: readonly Field[]): Promise<void> {
  const rows = await queryRows(db, `SELECT column_name FROM (DESCRIBE spend_line)`);
  const have = new Set(rows.map((r) => String(r.column_name)));
  const missing = [...new Set(fields.flatMap(fieldColumns))].filter((c) => !have.has(c));
  if (missing.length) throw new Error(`Reglerne læser kolonner, som fakturalinjerne ikke har: ${missing.join(', ')}`);
}

/**
 * Word tables of the values in cls_dv: `<set>_vt` (value → words), `<set>_tok` (one row per word) and
 * `<set>_form` (distinct word → skeleton). The full run's set ('cls') is kept for incremental runs,
 * which build their own ('cls_s').
 */
export type TokenSet = 'cls' | 'cls_s';

export async function buildTokens(db: DbConnector, wordFields: readonly Field[], set: TokenSet): Promise<void> {
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${set}_vt AS
     SELECT field, val, ${tokensSql('val')} AS toks FROM cls_dv WHERE field IN (${wordFields.map(literal).join(', ') || 'NULL'})`,
  );
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${set}_tok AS
     SELECT field, val, generate_subscripts(toks, 1) AS pos, unnest(toks) AS tok FROM ${set}_vt`,
  );
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${set}_form AS SELECT tok, ${skeletonSql('tok')} AS sk FROM (SELECT DISTINCT tok FROM ${set}_tok)`);
}

const LIVE = `r.rk IS NOT NULL`;

function exactSql(rt: string): string {
  return `SELECT v.field, v.val, r.rk, r.rule_id FROM cls_dv v JOIN ${rt} r ON r.field = v.field AND r.norm = v.val AND r.kind = 'exact' AND ${LIVE}`;
}

/** Prefixes by equality: each value is cut at the pattern lengths in use, then hash-joined. */
function prefixSql(rt: string): string {
  return `SELECT p.field, p.val, r.rk, r.rule_id
    FROM (SELECT v.field, v.val, left(v.val, n.n) AS pfx
            FROM cls_dv v JOIN (SELECT DISTINCT field, length(norm) AS n FROM ${rt} r WHERE r.kind IN ('prefix', 'art') AND ${LIVE}) n
              ON n.field = v.field AND length(v.val) >= n.n) p
    JOIN ${rt} r ON r.field = p.field AND r.norm = p.pfx AND r.kind IN ('prefix', 'art') AND ${LIVE}
   -- An art catches itself, its dotted sub-arts ("5" → "5.2") and digits after a dot ("2.2" → "2.21"), never "50".
   WHERE r.kind = 'prefix' OR p.val = r.norm OR starts_with(p.val, r.norm || '.') OR contains(r.norm, '.')`;
}

function containsSql(rt: string): string {
  return `SELECT v.field, v.val, r.rk, r.rule_id FROM cls_dv v
    JOIN ${rt} r ON r.field = v.field AND r.kind = 'contains' AND ${LIVE} AND contains(v.val, r.norm)`;
}

/**
 * Numbers and words under three letters are matched whole, never as a word prefix: "§ 8" must not
 * catch "§ 85", nor "el" catch "elev".
 */
const WHOLE = (expr: string): string => `(length(${expr}) < 3 OR regexp_full_match(${expr}, '[0-9]+'))`;

/**
 * Word rules: the pattern's words must start words of the value, in order; all but the last
 * exactly, the last as a word prefix ("kuglepen" catches "kuglepenne"). Candidates come from the
 * distinct words (hash-joined on their first three letters, then checked as prefixes); phrases are
 * then checked against the word list of the value. Skeleton rules compare skeletons throughout.
 */
function wordSql(rt: string, set: TokenSet): string {
  const lst = `CASE WHEN c.sm THEN list_transform(v.toks, t -> ${skeletonSql('t')}) ELSE v.toks END`;
  return `WITH forms AS (SELECT tok, tok AS form, FALSE AS sm FROM ${set}_form UNION ALL SELECT tok, sk, TRUE FROM ${set}_form),
    rw AS (SELECT r.field, r.rk, r.rule_id, r.words, len(r.words) AS nw, r.skel_mode AS sm, r.words[1] AS first,
                  left(r.words[1], 3) AS k3, ${WHOLE('r.words[1]')} AS whole
             FROM ${rt} r WHERE r.kind = 'word' AND ${LIVE}),
    fh AS (SELECT f.tok, rw.* FROM forms f JOIN rw ON rw.sm = f.sm AND rw.k3 = left(f.form, 3) AND starts_with(f.form, rw.first)
            -- The first word of a phrase is a whole word; a single word may be a prefix unless it is short or a number.
            WHERE f.form = rw.first OR (rw.nw = 1 AND NOT rw.whole)),
    cand AS (SELECT t.field, t.val, t.pos, fh.rk, fh.rule_id, fh.words, fh.nw, fh.sm
               FROM ${set}_tok t JOIN fh ON fh.tok = t.tok AND fh.field = t.field),
    -- Phrases: the second word is checked by a join first (cheap), longer phrases then against the word list.
    two AS (SELECT c.*, CASE WHEN c.sm THEN f2.sk ELSE t2.tok END AS w2
              FROM cand c JOIN ${set}_tok t2 ON t2.field = c.field AND t2.val = c.val AND t2.pos = c.pos + 1
              JOIN ${set}_form f2 ON f2.tok = t2.tok
             WHERE c.nw > 1)
  SELECT field, val, rk, rule_id FROM cand WHERE nw = 1
  UNION ALL
  SELECT field, val, rk, rule_id FROM two
   WHERE nw = 2 AND starts_with(w2, words[2]) AND (NOT ${WHOLE('words[2]')} OR w2 = words[2])
  UNION ALL
  SELECT field, val, rk, rule_id FROM (
    SELECT c.*, ${lst} AS lst FROM two c JOIN ${set}_vt v ON v.field = c.field AND v.val = c.val WHERE c.nw > 2 AND c.w2 = c.words[2])
   WHERE list_slice(lst, pos, pos + nw - 2) = list_slice(words, 1, nw - 1)
     AND starts_with(coalesce(lst[pos + nw - 1], ''), words[nw])
     AND (NOT ${WHOLE('words[nw]')} OR lst[pos + nw - 1] = words[nw])`;
}

/** The union of all matches of the rules in `rt` against cls_dv: (field, val, rk, rule_id). */
export function hitsSql(rt: string, kinds: ReadonlySet<Kind>, set: TokenSet = 'cls'): string {
  const parts: string[] = [];
  if (kinds.has('exact')) parts.push(exactSql(rt));
  if (kinds.has('prefix') || kinds.has('art')) parts.push(prefixSql(rt));
  if (kinds.has('contains')) parts.push(containsSql(rt));
  if (kinds.has('word')) parts.push(wordSql(rt, set));
  if (!parts.length) return `SELECT NULL::VARCHAR AS field, NULL::VARCHAR AS val, NULL::INTEGER AS rk, NULL::VARCHAR AS rule_id WHERE FALSE`;
  return parts.map((p) => `SELECT * FROM (${p})`).join('\nUNION ALL\n');
}

/**
 * Matches the rules in table `rt` against the distinct values in `values` (cls_dict or cls_val):
 * cls_hit(field, val, rk, rule_id), then cls_best(field, h, rk, rf): per value hash the best rank and
 * the best keyword rank (which may refine a coarse decision). Word tables are built into `tokens`
 * unless `reuse` says the full run's tables already hold every value of the word fields.
 */
export async function buildHits(db: DbConnector, rt: string, shape: MatchShape, values: string, tokens: TokenSet, reuse = false): Promise<void> {
  const fields = shape.fields.map(literal).join(', ') || 'NULL';
  const tokenise = shape.wordFields.length > 0 && !reuse;
  // Word rules read the token tables; only the other kinds and tokenising read the distinct values
  // (over the whole dictionary, 30–40 ms of a one-word rule edit at 1M lines).
  if (tokenise || [...shape.kinds].some((k) => k !== 'word')) {
    await db.exec(`CREATE OR REPLACE TEMP TABLE cls_dv AS SELECT DISTINCT field, val FROM ${quoteIdent(values)} WHERE field IN (${fields})`);
  }
  if (tokenise) await buildTokens(db, shape.wordFields, tokens);
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_hit AS ${hitsSql(quoteIdent(rt), shape.kinds, tokens)}`);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_best AS
     SELECT v.field, v.h, min(x.rk) AS rk, min(x.rk) FILTER (WHERE r.tier = ${TIERS.keyword}) AS rf
       FROM ${quoteIdent(values)} v JOIN cls_hit x ON x.field = v.field AND x.val = v.val JOIN ${quoteIdent(rt)} r ON r.rk = x.rk
      GROUP BY v.field, v.h`,
  );
}

/**
 * The winning rule rank of each line in scope (rk), and the best keyword rank (rf): one pass over
 * cls_line (scoped: cls_line_s, left by scopedValues) with one integer hash join per field.
 */
export function lineRankSql(fields: readonly Field[], scope: Scope): string {
  const joins = fields.map(
    (f, i) => `LEFT JOIN (SELECT h, rk, rf FROM cls_best WHERE field = ${literal(f)}) b${i} ON b${i}.h = cl.${hashColumn(f)}`,
  );
  const list = (col: string): string => (fields.length ? `least(${fields.map((_, i) => `b${i}.${col}`).join(', ')})` : 'NULL::INTEGER');
  // Scoped, the lines are those scopedValues took out of cls_line (cls_line_s): no scan of every line.
  return `SELECT cl.line_id, ${list('rk')} AS rk, ${list('rf')} AS rf FROM ${scope === 'all' ? 'cls_line' : 'cls_line_s'} cl ${joins.join('\n')}`;
}
/**
 * Lines' decisions from their ranks: the winning rule decides; when it is a coarse signal (item
 * code, supplier, non-addressable art) and a keyword names a level-2 category under the same
 * level-1 category, the keyword picks the level 2 (refine_rule_id records it).
 */
export function decisionSql(rankSql: string): string {
  const refines = `(w.tier IN (${REFINABLE_TIERS.join(', ')}) AND fc.level = 2 AND f.category_id <> w.category_id
                    AND fc.parent_id = coalesce(wc.parent_id, wc.category_id))`;
  // Decided once per distinct (rk, rf) pair, then joined to the lines on the two integers.
  return `WITH x AS (${rankSql}),
    d AS (SELECT x.rk, x.rf, CASE WHEN ${refines} THEN f.category_id ELSE w.category_id END AS category_id,
                 w.rule_id, w.method, CASE WHEN ${refines} THEN f.rule_id END AS refine_rule_id
            FROM (SELECT DISTINCT rk, rf FROM x WHERE rk IS NOT NULL) x JOIN rule w ON w.rk = x.rk
            LEFT JOIN rule f ON f.rk = x.rf
            LEFT JOIN cls_category wc ON wc.category_id = w.category_id
            LEFT JOIN cls_category fc ON fc.category_id = f.category_id)
    SELECT x.line_id, d.category_id, d.rule_id, d.method, 1.0 AS confidence, TRUE AS accepted, d.refine_rule_id
      FROM x JOIN d ON d.rk = x.rk AND d.rf IS NOT DISTINCT FROM x.rf`;
}

// Supplier profiles: a supplier whose lines decided by strong signals (a person, an item code, the
// user's rules, an accepted supplier rule, built-in keywords) lie clearly in one category lends
// that category to its other lines: those without a description, with generic text ("Ophold maj
// jf. kontrakt", "Faktura 2025-04") or with only a broad art. Explained as "the supplier sells
// mostly X". Profiles are rules (origin 'profile', tier supplierProfile), derived anew in each run
// and never saved with the user's rules, so they follow the decisions they come from.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { ensureSupplierTables } from '../suppliers/tables.js';
import type { Rule } from './rules.js';

/** The category must hold at least this share of the supplier's decided spend (absolute amounts)… */
export const PROFILE_MIN_SHARE = 0.8;
/** …over at least this many decided lines… */
export const PROFILE_MIN_LINES = 3;
/**
 * …that are at least this share of all the supplier's lines: a placeholder "supplier" with thousands
 * of lines ("REDACTED PERSONAL DATA" in Sheffield's spend file, 13,000 lines of which 2 % decided)
 * must not lend the category of its few decided lines to all the rest.
 */
export const PROFILE_MIN_DECIDED_SHARE = 0.1;

/** Methods whose decisions make a profile: never the art, the model, or a profile itself. */
const STRONG_METHODS = ['manual', 'item_code', 'user_rule', 'supplier', 'keyword'];

export interface SupplierProfile {
  /** The supplier key as written on the lines (spend_line.supplier_key). */
  key: string;
  categoryId: string;
  /** Share of the (merged) supplier's decided spend in the category, and its decided lines. */
  share: number;
  lines: number;
}

/**
 * A keyword that points a supplier's line away from everything else the supplier sells is more
 * often a collision of words ("Rengøringshjælp" from a home-care provider, "Sengebund" from an aids
 * supplier, "Sygeplejerske via bureau" from a temp agency) than a real second line of business:
 * measured on Demo Kommune and Fjordby's tuning seeds, such keyword decisions were right at level 1
 * for under 2 % of their spend (docs/classification.md). A group of a supplier's keyword decisions
 * in one main category is overruled by the supplier's profile when all of these hold:
 * - it holds at most this share of the supplier's decided spend…
 */
export const CONFLICT_MAX_SHARE = 1 / 3;
/** - …it comes from at most this many keyword rules (more distinct words mean a real line of business)… */
export const CONFLICT_MAX_RULES = 2;
/** - …and the supplier's other decided spend lies at least this much in one other main category, */
export const CONFLICT_REST_SHARE = 0.9;
/** - over at least this many decided lines. */
export const CONFLICT_REST_LINES = 5;

/**
 * The strong decisions as (raw_key, key, line_id, method, rule_id, c2, c1, w). A keyword decision a
 * profile overruled counts as the keyword's (so the conflict stays visible to the next run); a level
 * 2 the model picked under a rule's level 1 counts as the level 1 (the model's guess must not make a
 * profile). `lines` gives (line_id, raw_key, key, w), `decisions` classification's columns.
 */
function strongDecisionsSql(lines: string, decisions: string): string {
  return `SELECT l.raw_key, l.key, c.line_id,
                 CASE WHEN c.overruled_rule_id IS NOT NULL THEN 'keyword' ELSE c.method END AS method,
                 coalesce(c.overruled_rule_id, c.rule_id) AS rule_id,
                 CASE WHEN c.overruled_rule_id IS NOT NULL THEN o.category_id
                      WHEN c.refine_rule_id = 'learned' THEN coalesce(cat.parent_id, c.category_id) ELSE c.category_id END AS c2,
                 l.w
            FROM ${lines} l JOIN ${decisions} c USING (line_id)
            JOIN cls_category cat ON cat.category_id = c.category_id
            LEFT JOIN rule o ON o.rule_id = c.overruled_rule_id
           WHERE c.accepted AND (c.method IN (${STRONG_METHODS.map((m) => `'${m}'`).join(', ')}) OR c.overruled_rule_id IS NOT NULL)`;
}

/** Every line with a supplier as (line_id, raw_key, key, w): the key with the accepted merges followed. */
const ALL_LINES = `(SELECT l.line_id, l.supplier_key AS raw_key, coalesce(mm.to_key, l.supplier_key) AS key, abs(l.amount) AS w
                      FROM spend_line l LEFT JOIN supplier_merge_map mm ON mm.from_key = l.supplier_key WHERE l.supplier_key IS NOT NULL)`;

/**
 * Profiles from the decisions in `classification`. A supplier is taken with its accepted merges
 * (supplier_merge_map), so every spelling of it shares the profile. A level-2 category wins when it
 * is clear; else a clear level-1 category (the model then suggests the level 2). Keyword decisions
 * that conflict with the rest of the supplier (CONFLICT_*) do not count towards its profile; they
 * are left in the TEMP table cls_conflict (line_id) for the engine to overrule.
 */
export async function supplierProfiles(db: DbConnector, scoped = false): Promise<SupplierProfile[]> {
  await ensureSupplierTables(db);
  // A rule edit touches few suppliers: scoped, only the lines scopeSupplierKeys left in cls_pl are
  // read, and their decisions are taken out of classification by line first (a semi-join that builds
  // on the few lines), instead of a join that built its hash table on 700k decisions: 0.3–0.6 s of a
  // rule edit at 1M lines, and as much when no supplier was touched at all.
  if (scoped) {
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE cls_pl_c AS
       SELECT line_id, accepted, category_id, method, rule_id, overruled_rule_id, refine_rule_id FROM classification SEMI JOIN cls_pl USING (line_id)`,
    );
  }
  const lines = scoped ? 'cls_pl' : ALL_LINES;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_strong AS
     SELECT s.*, coalesce(cat.parent_id, s.c2) AS c1 FROM (${strongDecisionsSql(lines, scoped ? 'cls_pl_c' : 'classification')}) s
       JOIN cls_category cat ON cat.category_id = s.c2`,
  );
  // The decisions per supplier, category and rule: a small table both levels read instead of the lines.
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_strong_g AS
     SELECT key, c1, c2, rule_id, bool_and(method = 'keyword') AS kw, sum(w) AS w, count(*) AS n FROM cls_strong GROUP BY ALL`,
  );
  // Level 1: a group in one main category against a main category; level 2: a group in one
  // subcategory against a sibling subcategory ("Reparation af redskabsbærer" from a workshop).
  const groups = (level: 1 | 2) => {
    const cat = level === 1 ? 'c1' : 'c2';
    const rival = level === 1 ? `x.c1 <> y.c` : `x.c2 <> y.c AND x.c2 <> x.c1 AND x.c1 = y.c1`;
    return `WITH g AS (SELECT key, ${cat} AS c, any_value(c1) AS c1, sum(w) AS w, sum(n) AS n, count(DISTINCT rule_id) AS rules, bool_and(kw) AS kw
                    FROM cls_strong_g ${level === 2 ? 'WHERE c2 <> c1' : ''} GROUP BY key, ${cat}),
          x AS (SELECT key, ${level === 1 ? 'c1' : 'c2, any_value(c1) AS c1'}, sum(w) AS w FROM cls_strong_g GROUP BY key, ${cat}),
          tot AS (SELECT key, sum(w) AS w, sum(n) AS n FROM cls_strong_g GROUP BY key HAVING sum(w) > 0),
          y AS (SELECT g.key, g.c, g.c1, g.w, t.w AS tw FROM g JOIN tot t USING (key)
                 WHERE g.kw AND g.rules <= ${CONFLICT_MAX_RULES} AND g.w <= ${CONFLICT_MAX_SHARE} * t.w AND t.n - g.n >= ${CONFLICT_REST_LINES} AND t.w > g.w)
     SELECT y.key, y.c, ${level} AS lvl FROM y JOIN x ON x.key = y.key AND ${rival}
      GROUP BY y.key, y.c, y.w, y.tw HAVING max(x.w) >= ${CONFLICT_REST_SHARE} * (y.tw - y.w)`;
  };
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_conflict_g AS SELECT * FROM (${groups(1)}) UNION ALL SELECT * FROM (${groups(2)})`);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_conflict AS
     SELECT s.line_id, s.raw_key, g.c, g.lvl FROM cls_strong s
       JOIN cls_conflict_g g ON g.key = s.key AND g.c = CASE WHEN g.lvl = 1 THEN s.c1 ELSE s.c2 END`,
  );
  const rows = await queryRows(
    db,
    `WITH d AS (SELECT * FROM cls_strong WHERE line_id NOT IN (SELECT line_id FROM cls_conflict)),
     all_lines AS (SELECT key, count(*) AS n FROM ${lines} GROUP BY key),
     tot AS (SELECT d.key, sum(d.w) AS w, count(*) AS n FROM d JOIN all_lines a USING (key) GROUP BY d.key, a.n
              HAVING count(*) >= ${PROFILE_MIN_LINES} AND count(*) >= ${PROFILE_MIN_DECIDED_SHARE} * a.n AND sum(d.w) > 0),
     by2 AS (SELECT key, c2 AS cat, sum(w) AS w FROM d WHERE c2 <> c1 GROUP BY ALL),
     by1 AS (SELECT key, c1 AS cat, sum(w) AS w FROM d GROUP BY ALL),
     best AS (
       SELECT key, arg_max(cat, w) AS cat, max(w) AS w, 2 AS level FROM by2 GROUP BY key
       UNION ALL SELECT key, arg_max(cat, w), max(w), 1 FROM by1 GROUP BY key),
     pick AS (
       SELECT b.key, arg_max(b.cat, b.level) AS cat, arg_max(b.w / t.w, b.level) AS share, any_value(t.n) AS n
         FROM best b JOIN tot t USING (key) WHERE b.w / t.w >= ${PROFILE_MIN_SHARE} GROUP BY b.key)
     SELECT DISTINCT raw.raw_key, p.cat, p.share::DOUBLE AS share, p.n
       FROM pick p JOIN (SELECT DISTINCT raw_key, key FROM ${lines}) raw USING (key)
      ORDER BY 1`,
  );
  return rows.map((r) => ({ key: String(r.raw_key), categoryId: String(r.cat), share: Number(r.share), lines: Number(r.n) }));
}

/**
 * Overrules the keyword decisions in cls_conflict (left by supplierProfiles) with their supplier's
 * profile rule, when the profile lies in another main category (or, for a subcategory group, in a
 * sibling subcategory); the keyword rule is kept in
 * overruled_rule_id so "why this category?" can say what lost and why.
 */
export async function overruleConflicts(db: DbConnector): Promise<void> {
  // Most runs find no conflict: counting cls_conflict first spares a scan of every decision.
  const [any] = await queryRows(db, `SELECT count(*) AS n FROM cls_conflict`);
  if (!Number(any?.n ?? 0)) return;
  const [row] = await queryRows(db, `SELECT count(*) AS n FROM cls_conflict x JOIN classification c USING (line_id) WHERE c.method = 'keyword'`);
  if (!Number(row?.n ?? 0)) return;
  // The profile rule per line first, then an UPDATE from that one table (an UPDATE with joins in its
  // FROM ran several times slower in DuckDB).
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_overrule AS
     SELECT x.line_id, r.category_id, r.rule_id
       FROM cls_conflict x
       JOIN rule r ON r.rule_id = 'profile:' || x.raw_key AND r.origin = 'profile'
       JOIN cls_category rc ON rc.category_id = r.category_id
       JOIN cls_category xc ON xc.category_id = x.c
      WHERE CASE WHEN x.lvl = 1 THEN coalesce(rc.parent_id, rc.category_id) <> x.c ELSE rc.category_id <> x.c AND rc.parent_id = xc.parent_id END`,
  );
  await db.exec(
    `UPDATE classification SET category_id = o.category_id, rule_id = o.rule_id, method = 'supplier_profile',
            overruled_rule_id = coalesce(classification.overruled_rule_id, classification.rule_id), refine_rule_id = NULL,
            suggested_category_id = NULL, suggested_confidence = NULL, confidence = 1.0
       FROM cls_overrule o
      WHERE classification.line_id = o.line_id
        -- Lines overruled before and not decided again since are already right (a changed profile re-decides its lines).
        AND classification.method = 'keyword'`,
  );
}

/**
 * Every line of the suppliers with a line in `scope` (a table of line_id), merges followed, into the
 * TEMP table cls_pl (line_id, raw_key, key, w) for a scoped supplierProfiles; their spellings (raw
 * supplier keys) into the TEMP table `into` (column raw_key), and returned as a set as well.
 */
export async function scopeSupplierKeys(db: DbConnector, scope: string, into: string): Promise<Set<string>> {
  await ensureSupplierTables(db);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_pl AS
     WITH k AS (SELECT DISTINCT coalesce(mm.to_key, l.supplier_key) AS key FROM ${scope} x JOIN spend_line l USING (line_id)
                  LEFT JOIN supplier_merge_map mm ON mm.from_key = l.supplier_key WHERE l.supplier_key IS NOT NULL)
     SELECT * FROM ${ALL_LINES} WHERE key IN (SELECT key FROM k)`,
  );
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${into} AS SELECT DISTINCT raw_key FROM cls_pl`);
  const rows = await queryRows(db, `SELECT raw_key FROM ${into}`);
  return new Set(rows.map((r) => String(r.raw_key)));
}

/** A profile as a rule: the supplier key, exactly; the note says why, in Danish (the rule list shows it). */
export function profileRule(p: SupplierProfile): Rule {
  return {
    id: `profile:${p.key}`,
    signal: 'supplier',
    pattern: p.key,
    match: 'exact',
    categoryId: p.categoryId,
    priority: 0,
    origin: 'profile',
    enabled: true,
    note: `Leverandøren sælger mest i denne kategori (${Math.round(p.share * 100)} % af ${p.lines} afgjorte linjer)`,
  };
}

/** The profile rules written by the last run (kept in the `rule` table). */
export async function currentProfileRules(db: DbConnector): Promise<Rule[]> {
  const rows = await queryRows(db, `SELECT rule_id, pattern, category_id, note FROM rule WHERE origin = 'profile' ORDER BY rule_id`);
  return rows.map((r) => ({
    id: String(r.rule_id), signal: 'supplier', pattern: String(r.pattern), match: 'exact', categoryId: String(r.category_id),
    priority: 0, origin: 'profile', enabled: true, note: r.note === null ? undefined : String(r.note),
  }));
}

/** Supplier keys whose profile differs between two rule lists (added, removed or another category). */
export function changedProfiles(before: readonly Rule[], after: readonly Rule[]): string[] {
  const a = new Map(before.map((r) => [r.pattern, r.categoryId]));
  const b = new Map(after.map((r) => [r.pattern, r.categoryId]));
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}

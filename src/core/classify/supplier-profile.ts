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
/** …over at least this many decided lines. */
export const PROFILE_MIN_LINES = 3;

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
 * Profiles from the decisions in `classification`. A supplier is taken with its accepted merges
 * (supplier_merge_map), so every spelling of it shares the profile. A level-2 category wins when it
 * is clear; else a clear level-1 category (the model then suggests the level 2).
 */
export async function supplierProfiles(db: DbConnector, keys?: string): Promise<SupplierProfile[]> {
  await ensureSupplierTables(db);
  // A rule edit touches few suppliers: with `keys` (a table of raw_key, scopeSupplierKeys), only
  // their profiles are computed instead of aggregating every decided line again.
  const only = keys ? `AND l.supplier_key IN (SELECT raw_key FROM ${keys})` : '';
  const rows = await queryRows(
    db,
    `WITH d AS (
       SELECT l.supplier_key AS raw_key, coalesce(mm.to_key, l.supplier_key) AS key, c.category_id AS c2,
              coalesce(cat.parent_id, c.category_id) AS c1, abs(l.amount) AS w
         FROM classification c JOIN spend_line l USING (line_id)
         JOIN cls_category cat ON cat.category_id = c.category_id
         LEFT JOIN supplier_merge_map mm ON mm.from_key = l.supplier_key
        WHERE c.accepted AND c.method IN (${STRONG_METHODS.map((m) => `'${m}'`).join(', ')}) AND l.supplier_key IS NOT NULL ${only}),
     tot AS (SELECT key, sum(w) AS w, count(*) AS n FROM d GROUP BY key HAVING count(*) >= ${PROFILE_MIN_LINES} AND sum(w) > 0),
     by2 AS (SELECT key, c2 AS cat, sum(w) AS w FROM d WHERE c2 <> c1 GROUP BY ALL),
     by1 AS (SELECT key, c1 AS cat, sum(w) AS w FROM d GROUP BY ALL),
     best AS (
       SELECT key, arg_max(cat, w) AS cat, max(w) AS w, 2 AS level FROM by2 GROUP BY key
       UNION ALL SELECT key, arg_max(cat, w), max(w), 1 FROM by1 GROUP BY key),
     pick AS (
       SELECT b.key, arg_max(b.cat, b.level) AS cat, arg_max(b.w / t.w, b.level) AS share, any_value(t.n) AS n
         FROM best b JOIN tot t USING (key) WHERE b.w / t.w >= ${PROFILE_MIN_SHARE} GROUP BY b.key)
     SELECT DISTINCT raw.raw_key, p.cat, p.share::DOUBLE AS share, p.n
       FROM pick p JOIN (SELECT DISTINCT l.supplier_key AS raw_key, coalesce(mm.to_key, l.supplier_key) AS key
                           FROM spend_line l LEFT JOIN supplier_merge_map mm ON mm.from_key = l.supplier_key
                          WHERE true ${only}) raw USING (key)
      ORDER BY 1`,
  );
  return rows.map((r) => ({ key: String(r.raw_key), categoryId: String(r.cat), share: Number(r.share), lines: Number(r.n) }));
}

/**
 * Every spelling (raw supplier key) of the suppliers with a line in `scope` (a table of line_id),
 * merges followed, into the TEMP table `into` (column raw_key); returned as a set as well.
 */
export async function scopeSupplierKeys(db: DbConnector, scope: string, into: string): Promise<Set<string>> {
  await ensureSupplierTables(db);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${into} AS
     WITH k AS (SELECT DISTINCT coalesce(mm.to_key, l.supplier_key) AS key FROM ${scope} x JOIN spend_line l USING (line_id)
                  LEFT JOIN supplier_merge_map mm ON mm.from_key = l.supplier_key WHERE l.supplier_key IS NOT NULL)
     SELECT DISTINCT l.supplier_key AS raw_key FROM spend_line l LEFT JOIN supplier_merge_map mm ON mm.from_key = l.supplier_key
      WHERE l.supplier_key IS NOT NULL AND coalesce(mm.to_key, l.supplier_key) IN (SELECT key FROM k)`,
  );
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

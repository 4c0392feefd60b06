import type { DbConnector } from '../db/connector.js';
import { ensureSchema } from '../workspace/schema.js';

/**
 * Classification's own tables and columns, added next to the workspace schema (never changing it):
 * - `rule`: the rule set (all rules, enabled or not) and what the compiler derived from each rule;
 * - `classification.accepted`: FALSE for a learned suggestion nobody accepted yet (TRUE otherwise);
 * - `classification.refine_rule_id`: the keyword rule that picked the level-2 category under the
 *   level-1 category a coarser rule (item code, supplier, art) decided, or 'learned' when an
 *   accepted model suggestion picked the level 2 under a rule's level-1 decision;
 * - `classification.suggested_category_id` / `suggested_confidence`: that level-2 suggestion while
 *   it waits for acceptance;
 * - `classification.overruled_rule_id`: the keyword rule a supplier profile overruled on the line
 *   (supplier-profile.ts, overruleConflicts);
 * Readers that want decided lines only filter `accepted` (see docs/classification.md).
 */
export const CLASSIFY_SCHEMA_SQL = [
  `CREATE TABLE IF NOT EXISTS rule (
    rule_id VARCHAR NOT NULL,
    signal VARCHAR NOT NULL,
    column_name VARCHAR,
    pattern VARCHAR NOT NULL,
    match_kind VARCHAR NOT NULL,
    category_id VARCHAR NOT NULL,
    priority DOUBLE NOT NULL,
    origin VARCHAR NOT NULL,
    enabled BOOLEAN NOT NULL,
    note VARCHAR,
    ordinal INTEGER NOT NULL,
    field VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    norm VARCHAR NOT NULL,
    tier INTEGER NOT NULL,
    method VARCHAR NOT NULL,
    skel_mode BOOLEAN NOT NULL,
    words VARCHAR[],
    rk INTEGER
  )`,
  `ALTER TABLE classification ADD COLUMN IF NOT EXISTS accepted BOOLEAN DEFAULT TRUE`,
  `ALTER TABLE classification ADD COLUMN IF NOT EXISTS refine_rule_id VARCHAR`,
  `ALTER TABLE classification ADD COLUMN IF NOT EXISTS suggested_category_id VARCHAR`,
  `ALTER TABLE classification ADD COLUMN IF NOT EXISTS suggested_confidence DOUBLE`,
  `ALTER TABLE classification ADD COLUMN IF NOT EXISTS overruled_rule_id VARCHAR`,
] as const;

export async function ensureClassifySchema(db: DbConnector): Promise<void> {
  await ensureSchema(db);
  await db.exec(CLASSIFY_SCHEMA_SQL.join(';\n'));
}

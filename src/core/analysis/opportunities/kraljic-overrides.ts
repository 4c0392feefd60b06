import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { literal } from '../../sql/escape.js';
import { SettingsError } from '../../workspace/settings-error.js';

/**
 * A person's own judgement of a category's supply risk in the Kraljic matrix ("we know this market
 * is thin"), kept as workspace configuration like the opportunity settings: one row per overridden
 * level-2 category, kept when a new analysis starts (category ids belong to the tree, not the data).
 */

export type RiskLevel = 'low' | 'high';

export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'high'];

export const KRALJIC_OVERRIDE_TABLE_SQL = `CREATE TABLE IF NOT EXISTS kraljic_risk_override (
  category_id VARCHAR NOT NULL,
  risk VARCHAR NOT NULL
)`;

/** Category id → the level the person chose; unknown levels in the table are ignored. */
export async function loadKraljicOverrides(db: DbConnector): Promise<Map<string, RiskLevel>> {
  await db.exec(KRALJIC_OVERRIDE_TABLE_SQL);
  const rows = await queryRows(db, 'SELECT category_id, risk FROM kraljic_risk_override ORDER BY category_id');
  const out = new Map<string, RiskLevel>();
  for (const r of rows) {
    const risk = String(r.risk) as RiskLevel;
    if (RISK_LEVELS.includes(risk)) out.set(String(r.category_id), risk);
  }
  return out;
}

/** Sets (or with null removes) the override of one category. */
export async function saveKraljicOverride(db: DbConnector, categoryId: string, risk: RiskLevel | null): Promise<void> {
  if (!categoryId.trim()) {
    throw new SettingsError('Invalid Kraljic override', [{ field: 'categoryId', da: 'kategori mangler', en: 'category missing' }]);
  }
  if (risk !== null && !RISK_LEVELS.includes(risk)) {
    throw new SettingsError('Invalid Kraljic override', [{ field: 'risk', da: 'skal være lav eller høj', en: 'must be low or high' }]);
  }
  await db.exec(KRALJIC_OVERRIDE_TABLE_SQL);
  await db.exec(`DELETE FROM kraljic_risk_override WHERE category_id = ${literal(categoryId)}`);
  if (risk !== null) await db.exec(`INSERT INTO kraljic_risk_override VALUES (${literal(categoryId)}, ${literal(risk)})`);
}

/** Removes every override: the computed risk applies everywhere again. */
export async function resetKraljicOverrides(db: DbConnector): Promise<void> {
  await db.exec(KRALJIC_OVERRIDE_TABLE_SQL);
  await db.exec('DELETE FROM kraljic_risk_override');
}

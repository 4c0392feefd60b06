import { exportRules, importRules, type Rule } from '../classify/index.js';
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';

/**
 * The rules people made (user, supplier and manual rules), kept with the analysis as the same
 * JSON a consultant exports and carries to the next municipality.
 */
const TABLE = `CREATE TABLE IF NOT EXISTS user_rules (json VARCHAR NOT NULL)`;

export async function loadUserRules(db: DbConnector, tree?: CategoryTree): Promise<Rule[]> {
  await db.exec(TABLE);
  const [row] = await queryRows(db, 'SELECT json FROM user_rules LIMIT 1');
  return row ? importRules(String(row.json), tree) : [];
}

export async function saveUserRules(db: DbConnector, rules: readonly Rule[]): Promise<void> {
  await db.exec(TABLE);
  await db.exec('DELETE FROM user_rules');
  await db.exec(`INSERT INTO user_rules VALUES (${literal(exportRules(rules))})`);
}

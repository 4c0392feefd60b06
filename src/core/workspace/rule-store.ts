import { builtinRules, exportRules, importRules, type Rule } from '../classify/index.js';
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

/**
 * Built-in rules come with the category tree, so only the ids a person switched off are kept
 * (a rule whose keyword leaves the tree simply stops existing).
 */
const BUILTIN_OFF = `CREATE TABLE IF NOT EXISTS builtin_rule_off (rule_id VARCHAR NOT NULL)`;

export async function loadBuiltinOff(db: DbConnector): Promise<Set<string>> {
  await db.exec(BUILTIN_OFF);
  const rows = await queryRows(db, 'SELECT DISTINCT rule_id FROM builtin_rule_off');
  return new Set(rows.map((r) => String(r.rule_id)));
}

export async function saveBuiltinOff(db: DbConnector, ids: Iterable<string>): Promise<void> {
  await db.exec(BUILTIN_OFF);
  await db.exec('DELETE FROM builtin_rule_off');
  const list = [...new Set(ids)];
  if (list.length) await db.exec(`INSERT INTO builtin_rule_off VALUES ${list.map((id) => `(${literal(id)})`).join(', ')}`);
}

/** The tree's built-in rules with the ones switched off in this workspace marked `enabled: false`. */
export async function loadBuiltinRules(db: DbConnector, tree: CategoryTree): Promise<Rule[]> {
  const off = await loadBuiltinOff(db);
  return builtinRules(tree).map((r) => (off.has(r.id) ? { ...r, enabled: false } : r));
}

/** Drops the rules that name single lines (manual overrides by line id); returns how many. */
export async function forgetLineRules(db: DbConnector): Promise<number> {
  const rules = await loadUserRules(db);
  const kept = rules.filter((r) => !(r.signal === 'column' && r.column === 'line_id'));
  if (kept.length !== rules.length) await saveUserRules(db, kept);
  return rules.length - kept.length;
}

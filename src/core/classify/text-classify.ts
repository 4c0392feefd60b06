// Free texts (an agreement's name, a category written in a register's own words) classified by the
// same engine as a line's description: the description rules of the `rule` table (user rules and
// built-in keywords), the same matching SQL and the same precedence.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { buildHits, type MatchShape } from './match-sql.js';
import { ensureClassifySchema } from './schema.js';
import type { Kind } from './rule-table.js';
import { columnField } from './text-sql.js';

export interface TextHit {
  categoryId: string;
  ruleId: string;
  /** The rule's pattern as written (the keyword that matched). */
  pattern: string;
  origin: string;
}

const DESCRIPTION = columnField('description');

/**
 * The winning description rule for each text (texts no rule catches are left out). Reads the rule
 * set the last classification wrote; call after classifyAll (or writeRules).
 */
export async function classifyTexts(db: DbConnector, texts: readonly string[], options: { categories?: ReadonlySet<string> } = {}): Promise<Map<string, TextHit>> {
  const out = new Map<string, TextHit>();
  const distinct = [...new Set(texts.map((t) => t.trim()).filter((t) => t !== ''))];
  if (!distinct.length) return out;
  await ensureClassifySchema(db);
  // Only the rules that may answer: the description's, and (when asked) those naming the given categories.
  const only = options.categories ? ` AND category_id IN (${[...options.categories].map(literal).join(', ') || 'NULL'})` : '';
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_rule_txt AS SELECT * FROM rule WHERE field = ${literal(DESCRIPTION)}${only}`);
  const kinds = await queryRows(db, `SELECT DISTINCT kind FROM cls_rule_txt WHERE rk IS NOT NULL`);
  if (!kinds.length) {
    await db.exec('DROP TABLE cls_rule_txt');
    return out;
  }
  const shape: MatchShape = {
    fields: [DESCRIPTION],
    exactOnly: [],
    wordFields: [DESCRIPTION],
    kinds: new Set(kinds.map((k) => String(k.kind) as Kind)),
  };
  // Normalised like a line's description (fieldSql): lowercase, trimmed.
  const values = distinct.map((t, i) => `(${literal(DESCRIPTION)}, ${i}::UBIGINT, ${literal(t.toLowerCase())})`).join(', ');
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_txt AS SELECT * FROM (VALUES ${values}) v(field, h, val)`);
  await buildHits(db, 'cls_rule_txt', shape, 'cls_txt', 'cls_s');
  const rows = await queryRows(
    db,
    `SELECT b.h, r.category_id, r.rule_id, r.pattern, r.origin FROM cls_best b JOIN cls_rule_txt r ON r.rk = b.rk ORDER BY b.h`,
  );
  await db.exec('DROP TABLE IF EXISTS cls_txt');
  await db.exec('DROP TABLE IF EXISTS cls_rule_txt');
  for (const r of rows) {
    out.set(distinct[Number(r.h)]!, { categoryId: String(r.category_id), ruleId: String(r.rule_id), pattern: String(r.pattern), origin: String(r.origin) });
  }
  return out;
}

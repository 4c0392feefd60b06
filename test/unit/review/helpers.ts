import { coverage, type Coverage } from '../../../src/core/classify/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';

/** line id → "category|rule|method|accepted" for every line with a decision. */
export async function snapshot(db: DbConnector): Promise<Map<number, string>> {
  const rows = await queryRows(db, `SELECT line_id, category_id, rule_id, method, accepted FROM classification ORDER BY line_id`);
  return new Map(rows.map((r) => [Number(r.line_id), `${String(r.category_id)}|${String(r.rule_id)}|${String(r.method)}|${String(r.accepted)}`]));
}

export async function covered(db: DbConnector): Promise<Coverage> {
  return coverage(db);
}

/** Decisions that differ between two snapshots (for readable failures). */
export function diff(a: Map<number, string>, b: Map<number, string>): string[] {
  const out: string[] = [];
  for (const id of new Set([...a.keys(), ...b.keys()])) if (a.get(id) !== b.get(id)) out.push(`${id}: ${a.get(id)} ≠ ${b.get(id)}`);
  return out.slice(0, 10);
}

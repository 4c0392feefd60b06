import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import type { Rule } from '../../../src/core/classify/rules.js';
import { literal } from '../../../src/core/sql/escape.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';

export interface TestLine {
  id: number;
  description?: string | null;
  supplier_key?: string | null;
  supplier_name?: string | null;
  account?: string | null;
  account_no?: string | null;
  unit?: string | null;
  item_code?: string | null;
  item_scheme?: string | null;
  amount?: number;
}

const COLUMNS = ['description', 'supplier_key', 'supplier_name', 'account', 'account_no', 'unit', 'item_code', 'item_scheme'] as const;

/** A fresh workspace holding exactly these lines. */
export async function loadLines(db: DbConnector, lines: readonly TestLine[]): Promise<void> {
  await clearWorkspace(db);
  const values = lines.map((l) =>
    `(${[l.id, 1, 'test.csv', l.id, 'invoice', ...COLUMNS.map((c) => l[c] ?? null), l.amount ?? 100].map(literal).join(', ')})`,
  );
  await db.exec(
    `INSERT INTO spend_line (line_id, file_id, file, "row", source_kind, ${COLUMNS.join(', ')}, amount) VALUES ${values.join(', ')}`,
  );
}

export interface Decision {
  category: string;
  rule: string | null;
  method: string;
  refine: string | null;
}

/** line id → decision (accepted or not). */
export async function decisions(db: DbConnector): Promise<Map<number, Decision>> {
  const rows = await queryRows(db, `SELECT line_id, category_id, rule_id, method, refine_rule_id FROM classification ORDER BY line_id`);
  return new Map(rows.map((r) => [Number(r.line_id), {
    category: String(r.category_id), rule: r.rule_id === null ? null : String(r.rule_id), method: String(r.method),
    refine: r.refine_rule_id === null ? null : String(r.refine_rule_id),
  }]));
}

export function rule(id: string, partial: Partial<Rule> & Pick<Rule, 'signal' | 'pattern' | 'categoryId'>): Rule {
  return { id, match: partial.signal === 'keyword' ? 'word' : partial.signal === 'supplier' ? 'exact' : 'prefix', priority: 0, origin: 'user', enabled: true, ...partial };
}

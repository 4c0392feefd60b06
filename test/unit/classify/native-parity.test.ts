import { describe, expect, it } from 'vitest';
import { bothEngines } from '../../support/engines.js';
import { classifyAll, reclassifyForRule } from '../../../src/core/classify/engine.js';
import { explainLine } from '../../../src/core/classify/explain.js';
import { builtinRules, type Rule } from '../../../src/core/classify/rules.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { loadLines, rule, type TestLine } from './helpers.js';

const LINES: TestLine[] = [
  { id: 1, description: 'Kuglepenne blå 50 stk', supplier_key: 'cvr:1', unit: 'Skolen' },
  { id: 2, description: 'Rengoering af kontor', supplier_key: 'cvr:2' },
  { id: 3, description: 'Vikar sygeplejerske nattevagt', supplier_key: 'cvr:3', account: '4.9' },
  { id: 4, description: 'Kaffe 500 g', item_code: '50121500', item_scheme: 'UNSPSC' },
  { id: 5, description: 'Løn januar', account: '1.0' },
  { id: 6, description: 'Ukendt vare', supplier_key: 'cvr:1', unit: 'Skolen' },
  { id: 7, description: 'Støtte jf. § 85', account: '5.2' },
];

const USER: Rule[] = [rule('skole', { signal: 'column', column: 'unit', match: 'contains', pattern: 'skole', categoryId: 'learning.materials' })];

async function run(db: DbConnector): Promise<unknown[]> {
  await loadLines(db, LINES);
  const rules = [...builtinRules(defaultCategoryTree()), ...USER];
  await classifyAll(db, rules);
  await reclassifyForRule(db, rules.map((r) => (r.id === 'skole' ? { ...r, pattern: 'skolen' } : r)), { ...USER[0]!, pattern: 'skolen' });
  const rows = await queryRows(db, `SELECT line_id, category_id, rule_id, method, round(confidence, 6) AS confidence, accepted, refine_rule_id FROM classification ORDER BY line_id`);
  const explained = await explainLine(db, 1);
  return [rows, explained.matches.map((m) => m.ruleId)];
}

describe('the same SQL on native DuckDB (the command line) and DuckDB-WASM', () => {
  const engines = bothEngines();

  it('classifies, re-classifies and explains identically', async () => {
    const fromWasm = await run(engines.wasm);
    expect(fromWasm[0]).toHaveLength(LINES.length);
    expect(await run(engines.native)).toEqual(fromWasm);
  });
});

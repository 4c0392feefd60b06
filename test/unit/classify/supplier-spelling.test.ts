import { describe, expect, it } from 'vitest';
import { classifyAll } from '../../../src/core/classify/engine.js';
import { proposeSupplierRules } from '../../../src/core/classify/suppliers.js';
import { builtinRules } from '../../../src/core/classify/rules.js';
import { skeleton } from '../../../src/core/classify/text-sql.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { bothEngines } from '../../support/engines.js';
import { loadLines, type TestLine } from './helpers.js';

// One supplier, two spellings: the first line read says "Zeta Vikarservice", two later ones "Alfa
// Rengoering". The model's name words come from the spelling most lines give, on both engines; it
// used to be whichever line a thread met first (any_value), which differed between runs natively.
const LINES: TestLine[] = [
  { id: 1, description: 'Ydelse uge 12', supplier_key: 'cvr:1', supplier_name: 'Zeta Vikarservice' },
  { id: 2, description: 'Rengoering af kontor', supplier_key: 'cvr:1', supplier_name: 'Alfa Rengoering' },
  { id: 3, description: 'Rengoering af skole', supplier_key: 'cvr:1', supplier_name: 'Alfa Rengoering' },
  { id: 4, description: 'Kuglepenne blå 50 stk', supplier_key: 'cvr:2', supplier_name: 'Kontorland' },
];

async function nameFeatures(db: DbConnector): Promise<string[]> {
  await loadLines(db, LINES);
  await classifyAll(db, builtinRules(defaultCategoryTree()));
  const rows = await queryRows(db, `SELECT f FROM cls_nb_sup WHERE h = hash('cvr:1') ORDER BY f`);
  return rows.map((r) => String(r.f));
}

describe("the learned model's supplier name words", () => {
  const engines = bothEngines();

  it('come from the spelling most of the supplier’s lines give', async () => {
    for (const db of [engines.wasm, engines.native]) {
      const features = await nameFeatures(db);
      expect(features).toContain('s:cvr:1');
      expect(features).toContain(`n:${skeleton('alfa')}`);
      expect(features).toContain(`n:${skeleton('rengoering')}`);
      expect(features).not.toContain(`n:${skeleton('zeta')}`);
      expect(features).not.toContain(`n:${skeleton('vikarservice')}`);
    }
  });
});

// Six cleaning lines, the last spelled otherwise: the supplier-rule proposal names the supplier as
// most of its lines do (any_value() gave that line's name in DuckDB-WASM).
const CLEANING: TestLine[] = [1, 2, 3, 4, 5, 6].map((id) => ({
  id, description: `Rengoering af kontor uge ${id}`, supplier_key: 'cvr:9', supplier_name: id === 6 ? 'Zeta Service' : 'Alfa Rengoering', amount: 1000,
}));

describe('a supplier-rule proposal', () => {
  const engines = bothEngines();

  it('names the supplier by its most frequent spelling', async () => {
    for (const db of [engines.wasm, engines.native]) {
      await loadLines(db, CLEANING);
      // Without supplier profiles, which would make the rule themselves.
      await classifyAll(db, builtinRules(defaultCategoryTree()), { learn: false, profiles: false });
      const proposal = (await proposeSupplierRules(db)).find((p) => p.supplierKey === 'cvr:9');
      expect(proposal?.supplierName).toBe('Alfa Rengoering');
    }
  });
});

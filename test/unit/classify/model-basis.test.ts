import { describe, expect, it } from 'vitest';
import { classifyAll, MIN_RULE_SHARE_TO_ACCEPT, modelBasis } from '../../../src/core/classify/index.js';
import { builtinRules } from '../../../src/core/classify/rules.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { bothEngines } from '../../support/engines.js';
import { loadLines, type TestLine } from './helpers.js';

// One line the rules decide, three they do not: the model learned from a quarter of the lines.
const LINES: TestLine[] = [
  { id: 1, description: 'Rengoering af kontor', supplier_key: 'cvr:1' },
  { id: 2, description: 'Other agencies', supplier_key: 'cvr:2' },
  { id: 3, description: 'Miscellaneous expenses', supplier_key: 'cvr:3' },
  { id: 4, description: 'NNDR grant', supplier_key: 'cvr:4' },
];

describe('the learned model’s basis', () => {
  const engines = bothEngines();

  it('counts the lines rules decided of all lines, learned suggestions not among them', async () => {
    for (const db of [engines.wasm, engines.native]) {
      await loadLines(db, LINES);
      await classifyAll(db, builtinRules(defaultCategoryTree()));
      const basis = await modelBasis(db);
      expect(basis).toEqual({ lines: 4, decided: 1, share: 0.25, enough: false });
      expect(basis.share).toBeLessThan(MIN_RULE_SHARE_TO_ACCEPT);
    }
  });
});

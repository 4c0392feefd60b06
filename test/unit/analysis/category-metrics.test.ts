import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { categoryMetrics, groupMetrics, prepareAnalysisLines } from '../../../src/core/analysis/fragmentation/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { openCoreDemo } from '../../support/core-demo.js';

/**
 * Both category levels' figures come from one query (categoryMetrics) that sums level 1 from the
 * level-2 parts; they must be exactly the figures of the per-level query (groupMetrics), with the
 * register's on-contract figures, unclassified lines, lines classified to level 1 only, and filters.
 */
describe('category figures of both levels in one query (Demo Kommune, 5,000 lines)', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openCoreDemo(5000);
  });
  afterAll(() => db?.close());

  it('equal the per-level figures, unfiltered and under filters', async () => {
    const [unit] = await queryRows(db, 'SELECT unit FROM spend_line WHERE counted AND unit IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
    const filters = [
      EMPTY_FILTERS,
      { ...EMPTY_FILTERS, from: '2024-07-01' },
      { ...EMPTY_FILTERS, unit: String(unit?.unit) },
      { ...EMPTY_FILTERS, source: 'ecommerce' as const },
    ];
    for (const f of filters) {
      const lines = await prepareAnalysisLines(db, { where: filtersWhere(f) });
      try {
        const both = await categoryMetrics(db, lines, { smallOrderLimit: 400 });
        expect(both.category1, JSON.stringify(f)).toEqual(await groupMetrics(db, lines, 'category1', { smallOrderLimit: 400 }));
        expect(both.category2, JSON.stringify(f)).toEqual(await groupMetrics(db, lines, 'category2', { smallOrderLimit: 400 }));
        if (f === EMPTY_FILTERS) {
          // What makes the comparison worth it: every kind of group and figure is there.
          expect(lines.hasContracts).toBe(true);
          expect(both.category1.some((m) => m.id === null)).toBe(true);
          expect(both.category1.some((m) => (m.onContractShare ?? 0) > 0)).toBe(true);
          expect(both.category2.some((m) => m.smallOrders > 0 && m.topSupplier?.name)).toBe(true);
          expect(both.category2.length).toBeGreaterThan(both.category1.length);
        }
      } finally {
        await lines.close();
      }
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import {
  findOpportunities, KRALJIC_QUADRANTS, loadKraljic, resetKraljicOverrides, resetOpportunitySettings,
} from '../../../src/core/analysis/opportunities/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryValue } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { resetThresholds } from '../../../src/core/thresholds/index.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';

/** Demo Kommune as the app loads it: the Kraljic matrix covers every addressable category once. */
describe('Demo Kommune: the Kraljic matrix', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadDemo(db, 30_000);
    await refreshAnalysis(db);
    await resetOpportunitySettings(db);
    await resetThresholds(db);
    await resetKraljicOverrides(db);
  }, 300_000);
  afterAll(() => db?.close());

  it('every quadrant has categories; spend adds up to the window; opportunities link', async () => {
    const opp = await findOpportunities(db);
    const m = await loadKraljic(db, { opportunities: opp.opportunities });
    console.log('demo kraljic', m.counts, m.impactCut, m.categories.map((c) => `${c.quadrant} ${c.categoryId} ${Math.round(c.annualSpend)} risk ${c.risk} [${c.opportunities.map((o) => o.kind).join(',')}]`));
    for (const q of KRALJIC_QUADRANTS) expect(m.counts[q], q).toBeGreaterThan(0);
    expect(new Set(m.categories.map((c) => c.categoryId)).size).toBe(m.categories.length);
    // The addressable, level-2 classified spend of the window, straight from the tables.
    const w = m.window!;
    const expected = Number(await queryValue(db, `
      WITH cls AS (SELECT line_id, arg_max(category_id, confidence) AS category_id FROM classification WHERE accepted IS NOT FALSE GROUP BY line_id)
      SELECT sum(s.amount)::DOUBLE FROM spend_line s JOIN cls USING (line_id)
       WHERE s.counted AND contains(cls.category_id, '.') AND NOT starts_with(cls.category_id, 'nonaddr.')
         AND coalesce(s.document_date, s.posting_date) BETWEEN DATE '${w.from}' AND DATE '${w.to}'`));
    expect(m.annualSpend).toBeCloseTo(expected * w.factor, 0);
    expect(m.categories.reduce((a, c) => a + c.annualSpend, 0)).toBeCloseTo(m.annualSpend, 0);
    const by = new Map(m.categories.map((c) => [c.categoryId, c]));
    for (const o of opp.opportunities) {
      expect(by.get(o.categoryId)?.opportunities.map((x) => x.id)).toContain(o.id);
      expect(by.get(o.categoryId)!.annualSpend).toBeCloseTo(o.categoryAnnualSpend, 0);
    }
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { loadFragmentation } from '../../../src/core/analysis/fragmentation/index.js';
import { analysisForContract } from '../../../src/core/analysis/opportunities/index.js';
import { loadTotals } from '../../../src/core/analysis/totals.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryValue } from '../../../src/core/db/rows.js';
import { buildSuppliers, listMergeProposals } from '../../../src/core/suppliers/index.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { fixtureBytes } from '../../support/fixtures.js';
import { importFiles } from './helpers.js';

const FILE = 'uk_sheffield_spend_2017q1.csv';

/** A real council's payments with nothing classified: the analysis runs and its totals are the import's. */
describe(`real file without classification: ${FILE}`, () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await clearWorkspace(db);
  });
  afterAll(() => db?.close());

  it('runs suppliers, fragmentation and opportunities; totals match the import to the penny', async () => {
    const [summary] = await importFiles(db, [{ name: FILE, bytes: fixtureBytes(`real/${FILE}`) }]);
    expect(summary!.rowsLoaded).toBe(22_388);
    const timings: Record<string, number> = {};
    let t = performance.now();
    const suppliers = await buildSuppliers(db);
    timings.buildSuppliers = performance.now() - t;
    t = performance.now();
    const frag = await loadFragmentation(db);
    timings.fragmentation = performance.now() - t;
    t = performance.now();
    const analysis = await analysisForContract(db);
    timings.opportunities = performance.now() - t;

    // Nothing is classified: everything is one unclassified group, no category and no opportunity.
    expect(frag.totals.lines).toBe(summary!.rowsLoaded);
    expect(Math.round(frag.totals.spend * 100)).toBe(Math.round(summary!.amountLoaded * 100));
    expect(frag.totals.classifiedSpend).toBe(0);
    expect(frag.totals.unclassifiedSpend).toBe(frag.totals.spend);
    expect(frag.category2.map((m) => m.id)).toEqual([null]);
    expect(analysis.categories).toEqual([]);
    expect(analysis.opportunities).toEqual([]);
    // Units and months add up to the total; the lead's totals agree.
    const cents = (xs: number[]) => xs.reduce((a, x) => a + Math.round(x * 100), 0);
    expect(cents(frag.units.map((u) => u.spend))).toBe(Math.round(summary!.amountLoaded * 100));
    expect(cents(frag.trend.map((m) => m.spend))).toBe(Math.round(summary!.amountLoaded * 100));
    const lead = await loadTotals(db);
    expect(lead.spend).toBe(frag.totals.spend);
    expect(lead.lines).toBe(frag.totals.lines);
    // Supplier keys: no valid CVR in a UK file, so every key is a normalised name; proposals pair spellings.
    expect(suppliers.withValidCvr).toBe(0);
    expect(Number(await queryValue(db, `SELECT count(*) FROM spend_line WHERE supplier_key NOT LIKE 'name:%'`))).toBe(0);
    const proposals = await listMergeProposals(db);
    expect(proposals.length).toBeGreaterThan(10);
    console.log(`${FILE}:`, frag.totals, {
      suppliers: suppliers.suppliers, proposals: proposals.length, window: analysis.result.window,
      timingsMs: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
    });
    console.log('Units:', frag.units.map((u) => ({ unit: u.id, spend: u.spend, suppliers: u.suppliers, s80: u.suppliers80, hhi: u.hhi })));
    console.log('Sample proposals:', proposals.slice(0, 6).map((p) => `${p.fromName} → ${p.toName} (${p.reason}, ${p.score})`));
  });
});

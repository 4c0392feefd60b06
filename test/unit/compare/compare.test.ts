import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToDirectory } from '../../../src/cli/gen.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { JOINT_TENDER_RULES, loadComparison, loadFileLabels, saveFileLabels, standOut } from '../../../src/core/compare/index.js';
import { prepareAnalysisLines } from '../../../src/core/analysis/fragmentation/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { list } from '../../../src/core/sql/escape.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';
import { importFiles } from '../analysis/helpers.js';

const tree = defaultCategoryTree();

/** A second generated municipality's invoices and e-commerce, imported beside the demo and labelled. */
async function addMunicipality(db: DbConnector, seed: string, lines: number, spend: number, name: string, inhabitants: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'overblik-compare-'));
  try {
    await generateToDirectory({ lines, seed, out: dir, formats: ['csv', 'ecommerce'], spend, truth: false });
    const summaries = await importFiles(db, ['fakturalinjer.csv', 'ehandel.csv'].map((n) => ({ name: `${seed}-${n}`, bytes: new Uint8Array(readFileSync(path.join(dir, n))) })));
    await saveFileLabels(db, summaries.map((s) => ({ fileId: s.fileId, municipality: name, inhabitants })));
    return summaries;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Annual addressable spend of one category in some files and dates, straight from the prepared lines. */
async function categorySpend(db: DbConnector, where: string, from: string, to: string, factor: number) {
  const lines = await prepareAnalysisLines(db, { where, tree });
  try {
    const rows = await queryRows(
      db,
      `SELECT cat2, sum(amount)::DOUBLE AS spend, count(DISTINCT supplier_key) AS suppliers FROM "${lines.table}"
        WHERE addressable AND cat2 IS NOT NULL AND date BETWEEN '${from}' AND '${to}' GROUP BY cat2`,
    );
    return new Map(rows.map((r) => [String(r.cat2), { spend: Number(r.spend) * factor, suppliers: Number(r.suppliers) }]));
  } finally {
    await lines.close();
  }
}

// One workspace: first Demo Kommune alone (split into years), then other municipalities beside it.
describe('Sammenlign on Demo Kommune: two years, a second municipality, a neighbour', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadDemo(db, 20_000);
    await refreshAnalysis(db);
  });
  afterAll(() => db?.close());

  it('labels default to the demo, and by year the two periods line up per category with the change between them', async () => {
    const labels = await loadFileLabels(db);
    expect(labels.map((l) => [l.name, l.municipality, l.period, l.inhabitants])).toEqual([
      ['fakturalinjer.csv', 'Demo Kommune', '2024–2025', 60_000],
      ['ehandel.csv', 'Demo Kommune', '2024–2025', 60_000],
    ]);
    const byLabel = await loadComparison(db, { by: 'label', tree });
    expect(byLabel.datasets.map((d) => d.key)).toEqual(['Demo Kommune|2024–2025']);
    expect(byLabel.changes).toEqual([]);

    const c = await loadComparison(db, { by: 'year', tree });
    expect(c.datasets.map((d) => [d.municipality, d.period, d.from, d.to, d.months])).toEqual([
      ['Demo Kommune', '2024', '2024-01-01', expect.stringMatching(/^2024-12-/), 12],
      ['Demo Kommune', '2025', expect.stringMatching(/^2025-01-/), expect.stringMatching(/^2025-12-/), 12],
    ]);
    // Per category: the year's addressable spend (independently summed), per inhabitant, suppliers.
    for (const [i, d] of c.datasets.entries()) {
      const y = d.period;
      const expected = await categorySpend(db, `year(coalesce(document_date, posting_date)) = ${y}`, d.from!, d.to!, 1);
      const rows = c.rows.filter((r) => r.level === 2 && r.values[i]);
      expect(rows.length).toBe(expected.size);
      for (const r of rows) {
        const v = r.values[i]!;
        expect(v.spend).toBeCloseTo(expected.get(r.id!)!.spend, 1);
        expect(v.suppliers).toBe(expected.get(r.id!)!.suppliers);
        expect(v.perInhabitant).toBeCloseTo(v.spend / 60_000, 6);
      }
    }
    expect(c.changes).toHaveLength(1);
    const change = c.changes[0]!;
    expect([change.from.period, change.to.period]).toEqual(['2024', '2025']);
    const office = change.categories.find((x) => x.categoryId === 'office.supplies')!;
    const before = c.rows.find((r) => r.id === 'office.supplies')!.values;
    expect(office.before).toBe(before[0]!.spend);
    expect(office.after).toBe(before[1]!.spend);
    expect(office.change).toBeCloseTo(office.after - office.before, 2);
    // New suppliers: bought from in 2025 and not in 2024 (addressable, classified lines).
    const keys = async (y: number) => {
      const lines = await prepareAnalysisLines(db, { where: `year(coalesce(document_date, posting_date)) = ${y}`, tree });
      const rows = await queryRows(db, `SELECT DISTINCT supplier_key FROM "${lines.table}" WHERE addressable AND cat2 IS NOT NULL`);
      await lines.close();
      return new Set(rows.map((r) => String(r.supplier_key)));
    };
    const [k24, k25] = [await keys(2024), await keys(2025)];
    const fresh = change.newSuppliers.filter((s) => s.spend > 0).map((s) => s.key);
    expect(fresh.length).toBeGreaterThan(0);
    for (const key of fresh) expect(k25.has(key) && !k24.has(key)).toBe(true);
    for (const s of change.lostSuppliers) expect(k24.has(s.key) && !k25.has(s.key)).toBe(true);
    // Compliance trend: the data set's on-agreement compliance each year.
    expect(change.compliance.before).toBeGreaterThan(0.5);
    expect(change.compliance.after).toBeGreaterThan(0.5);
    expect(change.compliance.categories.find((x) => x.categoryId === 'it.hardware')?.after).toBeLessThan(0.9);
    // One municipality: no joint tender.
    expect(c.jointTenders).toEqual([]);
  });

  it('a second generated municipality (other seed, other spend): per category side by side, per inhabitant, differences marked', async () => {
    const files = await addMunicipality(db, 'anden', 12_000, 400_000_000, 'Anden Kommune', 25_000);
    await refreshAnalysis(db);
    const c = await loadComparison(db, { by: 'label', tree });
    expect(c.datasets.map((d) => [d.municipality, d.inhabitants])).toEqual([['Anden Kommune', 25_000], ['Demo Kommune', 60_000]]);
    const [anden, demo] = c.datasets;
    // Annual spend per data set: its last 12 months of addressable spend.
    const ids = list(files.map((f) => f.fileId));
    const expected = await categorySpend(db, `file_id IN (${ids})`, anden!.from!, anden!.to!, 1);
    for (const r of c.rows.filter((x) => x.level === 2 && x.values[0])) expect(r.values[0]!.spend).toBeCloseTo(expected.get(r.id!)!.spend, 1);
    expect(anden!.spend).toBeGreaterThan(0.3e9);
    expect(demo!.spend).toBeGreaterThan(0.8e9);
    expect(anden!.perInhabitant).toBeCloseTo(anden!.spend / 25_000, 6);
    // Level-1 rows add up to the data set's annual addressable spend.
    for (const i of [0, 1]) {
      const total = c.rows.filter((r) => r.level === 1).reduce((a, r) => a + (r.values[i]?.spend ?? 0), 0);
      expect(total).toBeCloseTo(c.datasets[i]!.spend, 0);
    }
    // Spend per inhabitant differs: Anden spends 400 mio. kr. on 25,000, Demo 1 mia. kr. on 60,000.
    expect(standOut([anden!.perInhabitant, demo!.perInhabitant], 'perInhabitant')).toEqual([null, null]);
    const shares = standOut([0.9, 0.6, 0.88], 'onAgreementShare');
    expect(shares).toEqual([null, 'low', null]);
    expect(standOut([100, 300], 'spend')).toEqual(['low', 'high']);
    for (const s of c.sharedSuppliers) expect(s.spend.filter((v) => v > 0).length).toBeGreaterThanOrEqual(2);
    expect(c.sharedCategories.total).toBeGreaterThanOrEqual(c.sharedCategories.several);
    expect(c.sharedCategories.several).toBeGreaterThan(50);
  });

  it('a neighbour buying from the same suppliers: joint-tender candidates below or near the threshold', async () => {
    // The same generated supplier universe (seed), a smaller municipality: the suppliers are shared.
    await addMunicipality(db, 'demo', 8_000, 150_000_000, 'Naboby Kommune', 15_000);
    await refreshAnalysis(db);
    const c = await loadComparison(db, { by: 'label', tree });
    expect(c.datasets.map((d) => d.municipality)).toEqual(['Anden Kommune', 'Demo Kommune', 'Naboby Kommune']);
    expect(c.jointTenders.length).toBeGreaterThan(0);
    for (const j of c.jointTenders) {
      expect(j.participants.length).toBeGreaterThanOrEqual(2);
      expect(j.sharedSuppliers.length).toBeGreaterThan(0);
      for (const p of j.participants) expect(p.annualSpend).toBeLessThanOrEqual(JOINT_TENDER_RULES.nearThreshold * j.threshold);
      expect(j.jointSpend).toBeGreaterThanOrEqual(JOINT_TENDER_RULES.minJointShare * j.threshold);
      expect(j.jointSpend).toBeCloseTo(j.participants.reduce((a, p) => a + p.annualSpend, 0), 1);
      expect(tree.categories.find((x) => x.id === j.categoryId)?.sourcing ?? 'pooled').toBe('pooled');
    }
    expect(c.jointTenders.some((j) => j.participants.some((p) => p.municipality === 'Naboby Kommune'))).toBe(true);
  });
});

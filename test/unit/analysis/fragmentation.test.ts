import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import {
  analysisTotals, groupMetrics, loadFragmentation, monthlyTrend, prepareAnalysisLines, type GroupMetrics,
} from '../../../src/core/analysis/fragmentation/index.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { loadTotals } from '../../../src/core/analysis/totals.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { insertLines } from './helpers.js';

const A = '10000009';
const B = '10000017';
const C = '10000025';
const D = '10000033';
const E = '10000041';
const F = '10000068';

/** Hand-made lines whose figures are worked out by hand in the comments. */
async function seed(db: DbConnector): Promise<void> {
  await clearWorkspace(db);
  await insertLines(db, [
    // office.supplies: A 500 (one invoice of two lines), B 300, C 150 (via e-commerce), D 50 → 1000
    { amount: 400, supplier: 'A A/S', cvr: A, unit: 'U1', date: '2025-01-10', doc: 'doc1', category: 'office.supplies' },
    { amount: 100, supplier: 'A A/S', cvr: A, unit: 'U1', date: '2025-01-10', doc: 'doc1', category: 'office.supplies' },
    { amount: 300, supplier: 'B ApS', cvr: B, unit: 'U2', date: '2025-02-10', doc: 'doc2', category: 'office.supplies' },
    { amount: 150, supplier: 'C I/S', cvr: C, unit: 'U1', date: '2025-02-20', doc: 'doc3', category: 'office.supplies', orderRef: 'O1' },
    { amount: 150, supplier: 'C I/S', cvr: C, unit: 'U1', date: '2025-02-18', doc: 'O1', category: 'office.supplies', orderRef: 'O1',
      source: 'ecommerce', counted: false, item: 'X1', price: 15, qty: 10 },
    { amount: 50, supplier: 'D', cvr: D, unit: 'U3', date: '2025-03-01', doc: 'doc4', category: 'office.supplies' },
    // it.hardware: E 200, F a credit note of -50 → 150
    { amount: 200, supplier: 'E A/S', cvr: E, unit: 'U2', date: '2025-03-05', doc: 'doc5', category: 'it.hardware' },
    { amount: -50, supplier: 'F A/S', cvr: F, unit: 'U2', date: '2025-03-06', doc: 'doc6', category: 'it.hardware' },
    // salaries (non-addressable) and an unclassified line
    { amount: 1000, supplier: 'Lønkørsel', unit: 'U1', account: '1.0', doc: 'doc7', category: 'nonaddr.payroll' },
    { amount: 77, supplier: 'Ukendt ApS', unit: 'U3', doc: 'doc8' },
  ]);
  await db.exec(`INSERT INTO contract (contract_id, name, supplier_cvr, supplier_name, category_text, valid_from, valid_to, framework) VALUES ('K1', 'Kontorartikler', '${A}', 'A A/S', 'office.supplies', DATE '2024-01-01', DATE '2026-12-31', 'SKI')`);
}

const byId = (list: GroupMetrics[], id: string | null) => list.find((m) => m.id === id)!;

describe('fragmentation metrics on hand-made lines', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await seed(db);
  });
  afterAll(() => db?.close());

  it('computes every figure of a level-2 category as worked out by hand', async () => {
    const f = await loadFragmentation(db);
    const office = byId(f.category2, 'office.supplies');
    expect(office).toMatchObject({
      parentId: 'office', level: 2, spend: 1000, addressableSpend: 1000, lines: 5, suppliers: 4,
      // shares 50/30/15/5 %: A and B reach 80 %; C and D are the tail
      suppliers80: 2, tailSuppliers: 2, tailSpend: 200, hhi: 3650, topSupplierShare: 0.5,
      units: 3, documents: 4, medianDocument: 225, smallOrders: 2, smallOrderShare: 0.5,
      ecommerceShare: 0.15, onContractShare: 0.5, offAgreementSpend: 500,
    });
    expect(office.topSupplier).toEqual({ key: `cvr:${A}`, name: 'A A/S' });
    expect(office.name.da).toBe('Kontorartikler');
    // A credit note: F's net spend is negative, so its share is 0 and it sits in the tail.
    expect(byId(f.category2, 'it.hardware')).toMatchObject({
      spend: 150, suppliers: 2, suppliers80: 1, tailSuppliers: 1, tailSpend: -50, hhi: 10000, topSupplierShare: 1,
      documents: 2, medianDocument: 75, smallOrders: 1, smallOrderShare: 1, onContractShare: 0, offAgreementSpend: 0,
    });
    const payroll = byId(f.category2, 'nonaddr.payroll');
    expect(payroll).toMatchObject({ spend: 1000, addressableSpend: 0 });
    expect(byId(f.category2, null)).toMatchObject({ spend: 77, name: { da: 'Ikke klassificeret', en: 'Unclassified' } });
  });

  it('sums level 1 from level 2, and units, categories and totals reconcile with the import totals', async () => {
    const f = await loadFragmentation(db);
    expect(byId(f.category1, 'office')).toMatchObject({ level: 1, parentId: null, spend: 1000, suppliers: 4, hhi: 3650 });
    expect(byId(f.category1, 'it').spend).toBe(150);
    expect(f.totals).toMatchObject({ spend: 2227, addressableSpend: 1227, classifiedSpend: 2150, unclassifiedSpend: 77, lines: 9, units: 3 });
    const sum = (list: GroupMetrics[], pick: (m: GroupMetrics) => number) => Math.round(list.reduce((s, m) => s + pick(m), 0) * 100) / 100;
    expect(sum(f.category2, (m) => m.spend)).toBe(2227);
    expect(sum(f.category1, (m) => m.spend)).toBe(2227);
    expect(sum(f.units, (m) => m.spend)).toBe(2227);
    expect(byId(f.units, 'U1').spend).toBe(1650);
    const lead = await loadTotals(db);
    expect(lead.spend).toBe(f.totals.spend);
    expect(lead.addressableSpend).toBe(f.totals.addressableSpend);
    expect(sum(f.category2, (m) => m.addressableSpend)).toBe(lead.addressableSpend);
  });

  it('does not count a learned suggestion nobody accepted', async () => {
    await db.exec(`INSERT INTO classification (line_id, category_id, rule_id, method, confidence, accepted)
      SELECT line_id, 'office.paper', NULL, 'learned', 0.6, FALSE FROM spend_line WHERE supplier_name = 'Ukendt ApS'`);
    const f = await loadFragmentation(db);
    expect(byId(f.category2, null)).toMatchObject({ spend: 77 });
    expect(f.category2.find((m) => m.id === 'office.paper')).toBeUndefined();
    await db.exec(`UPDATE classification SET accepted = TRUE WHERE method = 'learned'`);
    expect(byId((await loadFragmentation(db)).category2, 'office.paper')).toMatchObject({ spend: 77 });
    await db.exec(`DELETE FROM classification WHERE method = 'learned'`);
  });

  it('counts a line with two accepted decisions once, in its most confident category', async () => {
    const before = await loadFragmentation(db);
    // The engine writes one decision per line; rows written otherwise must not count a line twice.
    for (const [category, confidence] of [['office.paper', 0.6], ['office.supplies', 0.9]] as const) {
      await db.exec(`INSERT INTO classification (line_id, category_id, rule_id, method, confidence, accepted)
        SELECT line_id, '${category}', NULL, 'learned', ${confidence}, TRUE FROM spend_line WHERE supplier_name = 'Ukendt ApS'`);
    }
    try {
      const f = await loadFragmentation(db);
      expect(f.totals.spend).toBe(before.totals.spend);
      expect(f.totals.lines).toBe(before.totals.lines);
      expect(byId(f.category2, null)).toBeUndefined();
      expect(byId(f.category2, 'office.supplies')?.spend).toBe((byId(before.category2, 'office.supplies')?.spend ?? 0) + 77);
      expect(byId(f.category2, 'office.paper')?.spend ?? 0).toBe(byId(before.category2, 'office.paper')?.spend ?? 0);
    } finally {
      await db.exec(`DELETE FROM classification WHERE method = 'learned'`);
    }
  });

  it('respects the global filters and gives a monthly trend', async () => {
    const lines = await prepareAnalysisLines(db, { where: filtersWhere({ ...EMPTY_FILTERS, unit: 'U2' }) });
    try {
      const m = await groupMetrics(db, lines, 'category2');
      expect(byId(m, 'office.supplies')).toMatchObject({ spend: 300, suppliers: 1, units: 1 });
      expect((await analysisTotals(db, lines)).spend).toBe(450);
    } finally {
      await lines.close();
    }
    const all = await prepareAnalysisLines(db, { where: filtersWhere({ ...EMPTY_FILTERS, category: 'office' }) });
    try {
      expect((await analysisTotals(db, all)).spend).toBe(1000);
      expect(await monthlyTrend(db, all)).toEqual([
        { id: null, month: '2025-01', spend: 500, addressableSpend: 500 },
        { id: null, month: '2025-02', spend: 450, addressableSpend: 450 },
        { id: null, month: '2025-03', spend: 50, addressableSpend: 50 },
      ]);
      const perUnit = await monthlyTrend(db, all, { groupBy: 'unit', id: 'U3' });
      expect(perUnit).toEqual([{ id: 'U3', month: '2025-03', spend: 50, addressableSpend: 50 }]);
    } finally {
      await all.close();
    }
  });

  it('leaves on-contract figures empty without a contract register, and a level-1 agreement covers its children', async () => {
    await db.exec('DELETE FROM contract');
    let f = await loadFragmentation(db);
    expect(byId(f.category2, 'office.supplies')).toMatchObject({ onContractShare: null, offAgreementSpend: null });
    await db.exec(`INSERT INTO contract (contract_id, name, supplier_cvr, supplier_name, category_text, valid_from, valid_to, framework) VALUES ('K2', 'IT', '${E}', 'E A/S', 'it', NULL, NULL, NULL)`);
    f = await loadFragmentation(db);
    expect(byId(f.category2, 'it.hardware')).toMatchObject({ offAgreementSpend: -50 });
    expect(byId(f.category2, 'office.supplies')).toMatchObject({ onContractShare: 0, offAgreementSpend: 0 });
    await seed(db);
  });
});

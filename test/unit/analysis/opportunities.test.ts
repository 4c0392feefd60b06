import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { findOpportunities, type Opportunity, type OpportunityOptions } from '../../../src/core/analysis/opportunities/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { defaultCategoryTree, sourcingOf, validateTree } from '../../../src/core/taxonomy/category-tree.js';
import { buildSuppliers } from '../../../src/core/suppliers/index.js';
import { THRESHOLD_REGIMES, type Threshold } from '../../../src/core/thresholds/index.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { insertLines, type LineSpec } from './helpers.js';

const CVR = ['10000009', '10000017', '10000025', '10000033', '10000041', '10000068', '13748136', '10000076', '10000084', '10000092'];

/** Small thresholds so a handful of lines can be above them. */
const THRESHOLDS: Threshold[] = THRESHOLD_REGIMES.map((regime) => ({
  regime, validFrom: '2020-01-01', validTo: '2030-12-31', eur: 1, dkk: regime === 'small-lots' ? 1000 : 5000, estimate: false, source: 'test',
}));

const RULES: OpportunityOptions['rules'] = { priceMinAnnual: 1, agreementMinAnnual: 100, consolidateMinAnnual: 100 };

function lines(): LineSpec[] {
  const out: LineSpec[] = [];
  const add = (category: string, supplier: number, amount: number, extra: Partial<LineSpec> = {}) =>
    out.push({ category, supplier: `Leverandør ${supplier}`, cvr: CVR[supplier]!, amount, ...extra });
  // Cleaning, no agreement: 6,000 on invoices + 350 on an e-commerce item bought at 10 and 15 kr.
  add('facility.cleaning', 0, 1000, { date: '2025-01-01' });
  add('facility.cleaning', 0, 1000);
  add('facility.cleaning', 0, 1000, { date: '2025-12-31' });
  add('facility.cleaning', 1, 2000, { unit: 'U2' });
  add('facility.cleaning', 2, 1000, { unit: 'U3' });
  for (const [price, unit] of [[10, 'U1'], [15, 'U2'], [10, 'U3']] as const) {
    add('facility.cleaning', 0, price * 10, { source: 'ecommerce', item: 'P1', price, qty: 10, unit });
  }
  // Office supplies on agreement K1 with supplier 3; suppliers 4 and 5 buy beside it.
  add('office.supplies', 3, 4000);
  add('office.supplies', 4, 1000, { unit: 'U2' });
  add('office.supplies', 5, 500, { unit: 'U3' });
  // Toys, below the threshold, six suppliers and three units.
  [1000, 800, 600, 400, 300, 200].forEach((amount, i) => add('learning.toys', i, amount, { unit: `U${(i % 3) + 1}` }));
  // Groceries: 30 orders of 100 kr. and 10 of 1,000 kr.
  for (let i = 0; i < 30; i++) add('food.groceries', 6, 100);
  for (let i = 0; i < 10; i++) add('food.groceries', 7, 1000, { unit: 'U2' });
  // Well bought: one supplier on an agreement all year. Non-addressable and unclassified spend.
  add('energy.electricity', 8, 20_000);
  add('nonaddr.public', 1, 30_000);
  add('nonaddr.public', 2, 20_000, { account: '4.7' });
  add('office.supplies', 9, 9999, { category: null });
  return out;
}

const find = (list: Opportunity[], kind: string, categoryId: string) => list.find((o) => o.kind === kind && o.categoryId === categoryId);

describe('opportunities on hand-made lines', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await clearWorkspace(db);
    await insertLines(db, lines());
    await db.exec(`INSERT INTO contract (contract_id, name, supplier_cvr, supplier_name, category_text, valid_from, valid_to, framework) VALUES
      ('K1', 'Kontorartikler', '${CVR[3]}', 'Leverandør 3', 'office.supplies', DATE '2024-01-01', DATE '2026-12-31', 'SKI'),
      ('K2', 'El', '${CVR[8]}', 'Leverandør 8', 'energy.electricity', DATE '2021-01-01', DATE '2026-12-31', 'SKI')`);
    await buildSuppliers(db);
  });
  afterAll(() => db?.close());

  it('raises each kind where it belongs, with the spend that moves and the savings from the rates', async () => {
    const { opportunities, window, totals } = await findOpportunities(db, { thresholds: THRESHOLDS, rules: RULES });
    expect(window).toMatchObject({ from: '2025-01-01', to: '2025-12-31', months: 12, factor: 1 });
    expect(opportunities.map((o) => o.id).sort()).toEqual([
      'agreement:office.supplies', 'consolidate:learning.toys', 'price-variance:facility.cleaning',
      'small-orders:food.groceries', 'tender:facility.cleaning', 'tender:food.groceries',
    ]);
    const tender = find(opportunities, 'tender', 'facility.cleaning')!;
    // The item bought at two prices is claimed by price variance, so the tender moves 6,000, not 6,350.
    expect(tender).toMatchObject({
      annualSpend: 6000, categoryAnnualSpend: 6350, threshold: 5000, spendMoving: 6000, savingsLow: 300, savingsBase: 600, savingsHigh: 1200,
    });
    expect(tender.suppliers).toEqual([
      { key: `cvr:${CVR[0]}`, name: 'Leverandør 0', spend: 3000 },
      { key: `cvr:${CVR[1]}`, name: 'Leverandør 1', spend: 2000 },
      { key: `cvr:${CVR[2]}`, name: 'Leverandør 2', spend: 1000 },
    ]);
    expect(tender.units).toEqual([{ name: 'U1', spend: 3000 }, { name: 'U2', spend: 2000 }, { name: 'U3', spend: 1000 }]);
    expect(tender.rationale.da).toContain('§ 30, stk. 2');
    const price = find(opportunities, 'price-variance', 'facility.cleaning')!;
    expect(price).toMatchObject({ annualSpend: 350, spendMoving: 350, savingsLow: 50, savingsBase: 50, savingsHigh: 50 });
    expect(price.details.items).toEqual([expect.objectContaining({ itemNumber: 'P1', prices: 2, minPrice: 10, maxPrice: 15, units: 3, overpaid: 50 })]);
    const agreement = find(opportunities, 'agreement', 'office.supplies')!;
    expect(agreement).toMatchObject({ annualSpend: 1500, categoryAnnualSpend: 5500, spendMoving: 1500, savingsBase: 150 });
    expect(agreement.suppliers.map((s) => s.key)).toEqual([`cvr:${CVR[4]}`, `cvr:${CVR[5]}`]);
    expect(agreement.details.agreements).toEqual([{ id: 'K1', name: 'Kontorartikler', supplierName: 'Leverandør 3', validTo: '2026-12-31' }]);
    expect(agreement.rationale.da).toContain('K1');
    const consolidate = find(opportunities, 'consolidate', 'learning.toys')!;
    expect(consolidate).toMatchObject({ annualSpend: 3300, spendMoving: 900, savingsBase: 90, details: { supplierCount: 6, unitCount: 3 } });
    const small = find(opportunities, 'small-orders', 'food.groceries')!;
    expect(small).toMatchObject({ savingsLow: 930, savingsBase: 1395, savingsHigh: 1860, spendMoving: 0, details: { smallOrders: 30, invoices: 40 } });
    expect(find(opportunities, 'tender', 'food.groceries')).toMatchObject({ spendMoving: 13000 });
    // Ranked by base savings; each line's spend feeds at most one saving.
    expect(opportunities.map((o) => o.savingsBase)).toEqual([...opportunities.map((o) => o.savingsBase)].sort((a, b) => b - a));
    expect(opportunities.map((o) => o.rank)).toEqual(opportunities.map((_, i) => i + 1));
    expect(totals.spendMoving).toBe(6000 + 350 + 1500 + 900 + 13000);
    for (const o of opportunities) expect(o.assumptions.length).toBeGreaterThanOrEqual(2);
  });

  it('uses edited rates, and without a contract register asks for a spread over suppliers', async () => {
    const edited = await findOpportunities(db, { thresholds: THRESHOLDS, rules: RULES, rates: { base: 0.2, perInvoice: 100 } });
    expect(find(edited.opportunities, 'tender', 'facility.cleaning')?.savingsBase).toBe(1200);
    expect(find(edited.opportunities, 'small-orders', 'food.groceries')?.savingsBase).toBe(2250);
    await db.exec('CREATE TEMP TABLE saved_contract AS SELECT * FROM contract; DELETE FROM contract');
    try {
      const bare = await findOpportunities(db, { thresholds: THRESHOLDS, rules: RULES });
      expect(find(bare.opportunities, 'tender', 'office.supplies')).toMatchObject({ spendMoving: 5500 });
      // One supplier and no register: nothing says the purchase was split.
      expect(bare.opportunities.filter((o) => o.categoryId === 'energy.electricity')).toEqual([]);
      expect(find(bare.opportunities, 'tender', 'office.supplies')!.assumptions.some((a) => a.da.includes('aftaleoversigt'))).toBe(true);
    } finally {
      await db.exec('INSERT INTO contract SELECT * FROM saved_contract; DROP TABLE saved_contract');
    }
  });

  it('annualises a shorter period and honours the global filters', async () => {
    const half = await findOpportunities(db, { thresholds: THRESHOLDS, rules: RULES, where: filtersWhere({ ...EMPTY_FILTERS, to: '2025-06-30' }) });
    // The window ends on the last date of the filtered data, not on the filter's end.
    expect(half.window).toMatchObject({ from: '2025-01-01', to: '2025-06-15' });
    expect(half.window!.factor).toBeCloseTo(365 / 166, 6);
    const tender = find(half.opportunities, 'tender', 'facility.cleaning')!;
    expect(tender.annualSpend).toBeCloseTo(5000 * (365 / 166), 1);
    expect(tender.assumptions[0]!.da).toContain('opregnet');
    const unit = await findOpportunities(db, { thresholds: THRESHOLDS, rules: RULES, where: filtersWhere({ ...EMPTY_FILTERS, unit: 'U3' }) });
    for (const o of unit.opportunities) for (const u of o.units) expect(u.name).toBe('U3');
  });

  it('pools volume (tender, consolidate) only where the tree says the category is bought that way', async () => {
    const tree = defaultCategoryTree();
    expect(sourcingOf(tree.categories.find((c) => c.id === 'facility.rent'))).toBe('excluded');
    expect(sourcingOf(tree.categories.find((c) => c.id === 'works.construction'))).toBe('per-project');
    expect(sourcingOf(tree.categories.find((c) => c.id === 'social.residential'))).toBe('individual');
    expect(sourcingOf(tree.categories.find((c) => c.id === 'food.groceries'))).toBe('pooled');
    for (const [id, sourcing] of [['food.groceries', 'excluded'], ['learning.toys', 'individual'], ['office.supplies', 'per-project']] as const) {
      tree.categories.find((c) => c.id === id)!.sourcing = sourcing;
    }
    expect(validateTree(tree)).toEqual([]);
    const { opportunities } = await findOpportunities(db, { thresholds: THRESHOLDS, rules: RULES, tree });
    expect(opportunities.map((o) => o.id).sort()).toEqual([
      // No tender on groceries, no consolidate on toys; small orders and the agreement stay.
      'agreement:office.supplies', 'price-variance:facility.cleaning', 'small-orders:food.groceries', 'tender:facility.cleaning',
    ]);
    const bad = defaultCategoryTree();
    (bad.categories[1] as { sourcing?: string }).sourcing = 'sometimes';
    expect(validateTree(bad)).toContainEqual(expect.stringContaining('unknown sourcing "sometimes"'));
  });

  it('never raises an opportunity on non-addressable or well-bought spend', async () => {
    const { opportunities } = await findOpportunities(db, { thresholds: THRESHOLDS, rules: RULES });
    expect(opportunities.filter((o) => o.categoryId.startsWith('nonaddr') || o.categoryId === 'energy.electricity')).toEqual([]);
  });
});

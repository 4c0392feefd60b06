import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import {
  buildKraljicMatrix, findOpportunities, loadKraljic, loadKraljicFigures, loadKraljicOverrides, resetKraljicOverrides,
  riskScore, saveKraljicOverride, type KraljicMatrix,
} from '../../../src/core/analysis/opportunities/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryValue } from '../../../src/core/db/rows.js';
import { SettingsError } from '../../../src/core/workspace/settings-error.js';
import { THRESHOLD_REGIMES, type Threshold } from '../../../src/core/thresholds/index.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { insertLines, type LineSpec } from './helpers.js';

const THRESHOLDS: Threshold[] = THRESHOLD_REGIMES.map((regime) => ({
  regime, validFrom: '2020-01-01', validTo: '2030-12-31', eur: 1, dkk: 5000, estimate: false, source: 'test',
}));

function lines(): LineSpec[] {
  const out: LineSpec[] = [];
  const add = (category: string | null, supplier: string, amount: number, extra: Partial<LineSpec> = {}) =>
    out.push({ category, supplier, amount, ...extra });
  // Big, ten similar suppliers, pooled: leverage. The first and last day make the window a full year.
  for (let i = 0; i < 10; i++) add('office.supplies', `Kontor ${i}`, 100_000, { unit: `U${i % 4}`, date: i === 0 ? '2025-01-01' : i === 1 ? '2025-12-31' : '2025-06-15' });
  // Big, one supplier, bought per citizen (sourcing 'individual'): strategic.
  add('social.residential', 'Opholdssted A/S', 900_000);
  // Small, one supplier: bottleneck.
  add('facility.pest', 'Skadedyr ApS', 5000);
  // Small, six equal suppliers: non-critical.
  for (let i = 0; i < 6; i++) add('learning.toys', `Legetøj ${i}`, 1000);
  // Outside the matrix: before the window, non-addressable account, non-addressable category,
  // level-1 only, unclassified.
  add('office.supplies', 'Kontor 0', 50_000, { date: '2024-06-01' });
  add('office.supplies', 'Kontor 0', 30_000, { account: '4.7' });
  add('nonaddr.public', 'Staten', 70_000);
  add('office', 'Kontor 1', 20_000);
  add(null, 'Ukendt', 10_000);
  return out;
}

const quadrants = (m: KraljicMatrix) => Object.fromEntries(m.categories.map((c) => [c.categoryId, c.quadrant]));

describe('Kraljic matrix on hand-made lines', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await clearWorkspace(db);
    await resetKraljicOverrides(db);
    await insertLines(db, lines());
  });
  afterAll(() => db?.close());

  it('puts the constructed categories in their quadrants, each addressable category once, spend adding up to the window', async () => {
    const m = await loadKraljic(db);
    expect(m.window).toMatchObject({ from: '2025-01-01', to: '2025-12-31', factor: 1 });
    expect(quadrants(m)).toEqual({
      'office.supplies': 'leverage',
      'social.residential': 'strategic',
      'learning.toys': 'non-critical',
      'facility.pest': 'bottleneck',
    });
    expect(m.categories.map((c) => c.categoryId)).toEqual(['office.supplies', 'social.residential', 'learning.toys', 'facility.pest']);
    expect(new Set(m.categories.map((c) => c.categoryId)).size).toBe(m.categories.length);
    // 1,000,000 + 900,000 + 6,000 + 5,000: nothing before the window, nothing non-addressable or unclassified.
    expect(m.annualSpend).toBe(1_911_000);
    expect(m.categories.reduce((a, c) => a + c.annualSpend, 0)).toBe(1_911_000);
    expect(m.counts).toEqual({ strategic: 1, leverage: 1, bottleneck: 1, 'non-critical': 1 });
    // The 80 % cut falls between 900,000 and 6,000.
    expect(m.impactCut).toEqual({ high: 900_000, low: 6000 });
  });

  it('shows why: the risk components and the score', async () => {
    const m = await loadKraljic(db);
    const by = new Map(m.categories.map((c) => [c.categoryId, c]));
    const office = by.get('office.supplies')!;
    expect(office).toMatchObject({ suppliers: 10, suppliers80: 8, hhi: 1000, units: 4, sourcing: 'pooled', regime: 'standard' });
    expect(office.components).toEqual({ suppliers: 0, concentration: 0.1, market: 0, regime: 0 });
    expect(office.risk).toBe(0.02);
    const residential = by.get('social.residential')!;
    expect(residential).toMatchObject({ sourcing: 'individual', regime: 'light', suppliers80: 1, topSupplier: 'Opholdssted A/S', topSupplierShare: 1 });
    expect(residential.components).toEqual({ suppliers: 1, concentration: 1, market: 1, regime: 1 });
    expect(residential.risk).toBe(1);
    const pest = by.get('facility.pest')!;
    expect(pest.risk).toBe(riskScore(pest.components));
    // One supplier alone is enough for high risk: 0.3 + 0.2.
    expect(pest.risk).toBe(0.5);
    expect(pest).toMatchObject({ computedRisk: 'high', override: null, riskLevel: 'high', impact: 'low' });
  });

  it('an override moves a category, persists, and survives a new analysis (clearWorkspace)', async () => {
    await saveKraljicOverride(db, 'facility.pest', 'low');
    await saveKraljicOverride(db, 'office.supplies', 'high');
    try {
      const m = await loadKraljic(db);
      expect(quadrants(m)).toMatchObject({ 'facility.pest': 'non-critical', 'office.supplies': 'strategic' });
      expect(m.counts).toEqual({ strategic: 2, leverage: 0, bottleneck: 0, 'non-critical': 2 });
      const pest = m.categories.find((c) => c.categoryId === 'facility.pest')!;
      expect(pest).toMatchObject({ computedRisk: 'high', override: 'low', riskLevel: 'low' });
      // Saving again replaces; null removes.
      await saveKraljicOverride(db, 'office.supplies', 'low');
      expect([...(await loadKraljicOverrides(db))]).toEqual([['facility.pest', 'low'], ['office.supplies', 'low']]);
      await saveKraljicOverride(db, 'office.supplies', null);
      expect(Number(await queryValue(db, 'SELECT count(*) FROM kraljic_risk_override'))).toBe(1);
      await expect(saveKraljicOverride(db, 'office.supplies', 'medium' as never)).rejects.toBeInstanceOf(SettingsError);
      // A new analysis keeps the judgement (category ids belong to the tree), the data goes.
      await clearWorkspace(db);
      expect([...(await loadKraljicOverrides(db))]).toEqual([['facility.pest', 'low']]);
      expect((await loadKraljic(db)).categories).toEqual([]);
    } finally {
      await resetKraljicOverrides(db);
      await clearWorkspace(db);
      await insertLines(db, lines());
    }
    expect(quadrants(await loadKraljic(db))['facility.pest']).toBe('bottleneck');
  });

  it('lists the opportunities raised on each category', async () => {
    const opp = await findOpportunities(db, { thresholds: THRESHOLDS });
    expect(opp.opportunities.length).toBeGreaterThan(0);
    const m = await loadKraljic(db, { opportunities: opp.opportunities });
    const by = new Map(m.categories.map((c) => [c.categoryId, c]));
    for (const o of opp.opportunities) {
      const c = by.get(o.categoryId)!;
      expect(c.opportunities.map((x) => x.id)).toContain(o.id);
      // The same annual value the opportunity compared with the threshold.
      expect(c.annualSpend).toBeCloseTo(o.categoryAnnualSpend, 2);
    }
    expect(by.get('office.supplies')!.opportunities.map((o) => o.kind)).toContain('tender');
    expect(m.categories.reduce((a, c) => a + c.opportunities.length, 0)).toBe(opp.opportunities.length);
  });

  it('the filters apply, and the pure builder honours its cuts', async () => {
    const m = await loadKraljic(db, { where: `supplier_name <> 'Opholdssted A/S'` });
    expect(m.categories.map((c) => c.categoryId)).not.toContain('social.residential');
    expect(m.annualSpend).toBe(1_011_000);
    const data = await loadKraljicFigures(db);
    // Everything high impact and everything low risk: leverage everywhere.
    const all = buildKraljicMatrix(data, { impactShare: 1, riskCut: 1.01 });
    expect(all.counts).toEqual({ strategic: 0, leverage: 4, bottleneck: 0, 'non-critical': 0 });
  });
});

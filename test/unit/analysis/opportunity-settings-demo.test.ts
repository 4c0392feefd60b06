import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import {
  buildActionPlan, defaultOpportunitySettings, findOpportunities, resetOpportunitySettings, saveOpportunitySettings,
  WAVE_OF, type Opportunity, type OpportunityResult,
} from '../../../src/core/analysis/opportunities/index.js';
import { analysisForContract } from '../../../src/core/analysis/opportunities/contract.js';
import { loadOverview } from '../../../src/core/analysis/overview.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { defaultThresholds, resetThresholds, saveThresholds, thresholdFor } from '../../../src/core/thresholds/index.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';

/**
 * Demo Kommune as the app loads it (generated, imported, classified by the built-in rules):
 * edited rates, rules and thresholds change the opportunities exactly as they should, and the
 * action plan puts every opportunity in exactly one wave.
 */

const byId = (r: OpportunityResult) => new Map(r.opportunities.map((o) => [o.id, o]));
const ofKind = (r: OpportunityResult, ...kinds: Opportunity['kind'][]) => r.opportunities.filter((o) => kinds.includes(o.kind));
/** Re-tenders of agreements that end follow the agreement's date, not the rates or the threshold (they are tested apart). */
const ofRateKind = (r: OpportunityResult) => ofKind(r, 'tender', 'agreement', 'consolidate').filter((o) => !o.details.retender);

describe('Demo Kommune: editable rates, rules and thresholds; the action plan', () => {
  let db: DbConnector;
  let base: OpportunityResult;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadDemo(db, 30_000);
    await refreshAnalysis(db);
    await resetOpportunitySettings(db);
    await resetThresholds(db);
    base = await findOpportunities(db);
  }, 300_000);
  afterAll(() => db?.close());

  it('the demo has opportunities of every kind to test against', () => {
    const kinds = new Set(base.opportunities.map((o) => o.kind));
    console.log('demo opportunities', base.window, Object.fromEntries([...kinds].map((k) => [k, ofKind(base, k).length])), base.totals);
    expect([...kinds].sort()).toEqual(['agreement', 'consolidate', 'price-variance', 'small-orders', 'tender']);
  });

  it('a saved base rate of 15 % instead of 10 % multiplies the percentage savings by 1.5, everywhere', async () => {
    const s = defaultOpportunitySettings();
    s.rates.base = 0.15;
    await saveOpportunitySettings(db, s);
    try {
      const after = await findOpportunities(db);
      const now = byId(after);
      expect(now.size).toBe(base.opportunities.length);
      for (const o of ofRateKind(base)) {
        const n = now.get(o.id)!;
        expect(n.spendMoving).toBe(o.spendMoving);
        // Each figure is rounded to the krone: the exact product is within a krone of 1.5 × the rounded one.
        expect(Math.abs(n.savingsBase - o.savingsBase * 1.5)).toBeLessThanOrEqual(1);
        expect(Math.abs(n.savingsBase - Math.round(o.spendMoving * 0.15))).toBeLessThanOrEqual(1);
        expect([n.savingsLow, n.savingsHigh]).toEqual([o.savingsLow, o.savingsHigh]);
        expect(n.assumptions.map((a) => a.da).join(' ')).toContain('5/15/20 %');
      }
      // Small orders and price variance do not use the share rate.
      for (const o of ofKind(base, 'small-orders', 'price-variance')) expect(now.get(o.id)!.savingsBase).toBe(o.savingsBase);
      const pct = ofRateKind(base);
      const delta = pct.reduce((a, o) => a + now.get(o.id)!.savingsBase - o.savingsBase, 0);
      expect(Math.abs(after.totals.savingsBase - base.totals.savingsBase - delta)).toBeLessThan(1e-6);
      expect(Math.abs(delta - 0.5 * pct.reduce((a, o) => a + o.savingsBase, 0))).toBeLessThanOrEqual(pct.length);
      // The Overview and the command line use the same saved settings …
      const overview = await loadOverview(db, '');
      expect(overview.opportunities[0]!.savingsBase).toBe(after.opportunities[0]!.savingsBase);
      const cli = await analysisForContract(db);
      expect(cli.result.totals).toEqual(after.totals);
      // … and explicit options still win.
      const explicit = await findOpportunities(db, { rates: { base: 0.1 } });
      expect(explicit.totals).toEqual(base.totals);
    } finally {
      await resetOpportunitySettings(db);
    }
  });

  it('a saved small-order limit changes the small-orders findings; per-invoice kr. scales their savings', async () => {
    // Demo Kommune's invoices are either under 250 kr. or well above 500 kr.: a lower limit tells them apart.
    const s = defaultOpportunitySettings();
    s.rules.smallOrderLimit = 100;
    s.rates.perInvoice = 124;
    await saveOpportunitySettings(db, s);
    try {
      const after = await findOpportunities(db);
      const count = (r: OpportunityResult) => ofKind(r, 'small-orders').reduce((a, o) => a + o.details.smallOrders!, 0);
      expect(count(base)).toBeGreaterThan(0);
      expect(count(after)).toBeLessThan(count(base));
      const before = byId(base);
      for (const o of ofKind(after, 'small-orders')) {
        const b = before.get(o.id);
        expect(b, o.id).toBeDefined();
        expect(o.details.smallOrders!).toBeLessThanOrEqual(b!.details.smallOrders!);
        expect(o.annualSpend).toBeLessThan(b!.annualSpend);
        expect(o.rationale.da).toContain('under 100 kr.');
        // Savings = small orders × share removed (75 %) × kr. per invoice; smallOrders is rounded for display.
        expect(Math.abs(o.savingsBase - o.details.smallOrders! * 0.75 * 124)).toBeLessThanOrEqual(124 * 0.75);
      }
      for (const o of ofKind(base, 'small-orders')) expect(Math.abs(o.savingsBase - o.details.smallOrders! * 0.75 * 62)).toBeLessThanOrEqual(62 * 0.75);
    } finally {
      await resetOpportunitySettings(db);
    }
  });

  it('an edited threshold changes which categories are tenders and which are negotiated below it', async () => {
    const to = base.window!.to;
    const standard = thresholdFor(defaultThresholds(), 'standard', to)!;
    const regime = new Map(defaultCategoryTree().categories.map((c) => [c.id, c.regime]));
    const tenders = (r: OpportunityResult) =>
      new Set(ofKind(r, 'tender').filter((o) => regime.get(o.categoryId) === 'standard' && !o.details.retender).map((o) => o.categoryId));
    const consolidates = (r: OpportunityResult) => new Set(ofKind(r, 'consolidate').map((o) => o.categoryId));
    const edit = (dkk: number) =>
      saveThresholds(db, defaultThresholds().map((t) => (t.regime === 'standard' && t.validFrom === standard.validFrom ? { ...t, dkk, source: 'Test' } : t)));
    try {
      // A much higher threshold: no standard-regime category is a tender any more; some become "negotiate".
      await edit(1e12);
      const high = await findOpportunities(db);
      expect(tenders(base).size).toBeGreaterThan(0);
      expect(tenders(high).size).toBe(0);
      const moved = [...tenders(base)].filter((c) => consolidates(high).has(c));
      expect(moved.length).toBeGreaterThan(0);
      for (const o of ofKind(high, 'consolidate')) if (regime.get(o.categoryId) === 'standard') expect(o.threshold).toBe(1e12);
      // A lower one: categories that were negotiated below it become tenders.
      await edit(200_000);
      const low = await findOpportunities(db);
      const became = [...consolidates(base)].filter((c) => tenders(low).has(c));
      expect(became.length).toBeGreaterThan(0);
      for (const c of became) expect(low.opportunities.find((o) => o.id === `tender:${c}`)!.threshold).toBe(200_000);
    } finally {
      await resetThresholds(db);
    }
  });

  it('the action plan: every opportunity in exactly one wave, the waves add up to the totals', () => {
    const plan = buildActionPlan(base);
    expect(plan.waves.map((w) => w.wave)).toEqual([1, 2, 3]);
    const ids = plan.waves.flatMap((w) => w.opportunities.map((o) => o.id));
    expect(ids.length).toBe(base.opportunities.length);
    expect(new Set(ids)).toEqual(new Set(base.opportunities.map((o) => o.id)));
    for (const w of plan.waves) {
      for (const o of w.opportunities) expect(WAVE_OF[o.kind]).toBe(w.wave);
      expect(w.opportunities.length).toBeGreaterThan(0);
      expect(w.savingsBase).toBe(w.opportunities.reduce((a, o) => a + o.savingsBase, 0));
      expect(w.savingsLow).toBeLessThanOrEqual(w.savingsBase);
      expect(w.savingsBase).toBeLessThanOrEqual(w.savingsHigh);
      const bases = w.opportunities.map((o) => o.savingsBase);
      expect(bases).toEqual([...bases].sort((a, b) => b - a));
      expect(w.timing.da.length).toBeGreaterThan(10);
    }
    expect(plan.waves[0]!.kinds).toEqual(['agreement', 'small-orders', 'price-variance']);
    expect(plan.waves[1]!.kinds).toEqual(['consolidate']);
    expect(plan.waves[2]!.kinds).toEqual(['tender']);
    expect(plan.totals.savingsLow).toBe(base.totals.savingsLow);
    expect(plan.totals.savingsBase).toBe(base.totals.savingsBase);
    expect(plan.totals.savingsHigh).toBe(base.totals.savingsHigh);
    expect(plan.totals.spendMoving).toBeCloseTo(base.totals.spendMoving, 2);
    // A tender in a category whose agreement ends is noted with the date.
    const withEnding = plan.waves[2]!.opportunities.filter((o) => (o.details.agreements ?? []).some((a) => a.validTo));
    expect(plan.waves[2]!.notes.length).toBe(withEnding.reduce((a, o) => a + o.details.agreements!.filter((x) => x.validTo).length, 0));
    for (const n of plan.waves[2]!.notes) expect(n.text.da).toMatch(/aftalen .* (udløber|udløb) \d\d\.\d\d\.\d{4}/);
  });

  it('the action plan of a hand-made result: notes for an agreement that ended and one that ends', () => {
    const o = (kind: Opportunity['kind'], id: string, savingsBase: number, agreements: { id: string; validTo: string | null }[] = []): Opportunity => ({
      id: `${kind}:${id}`, rank: 0, categoryId: id, categoryName: { da: `Kat ${id}`, en: `Cat ${id}` }, regime: 'standard', kind,
      action: { da: '', en: '' }, annualSpend: 0, categoryAnnualSpend: 0, threshold: 1, thresholdEstimate: false, thresholdPeriod: null,
      spendMoving: savingsBase * 10, suppliers: [], units: [], savingsLow: savingsBase / 2, savingsBase, savingsHigh: savingsBase * 2,
      rationale: { da: '', en: '' }, assumptions: [],
      details: { supplierCount: 0, unitCount: 0, agreements: agreements.map((a) => ({ ...a, name: null, supplierName: 'Lev A/S' })) },
    });
    const plan = buildActionPlan({
      window: { ...base.window!, to: '2025-12-31' },
      opportunities: [
        o('tender', 'a', 100, [{ id: 'K1', validTo: '2025-06-30' }]),
        o('tender', 'b', 300, [{ id: 'K2', validTo: '2026-09-30' }, { id: 'K3', validTo: null }]),
        o('small-orders', 'c', 50),
      ],
    });
    expect(plan.waves.map((w) => w.opportunities.map((x) => x.id))).toEqual([['small-orders:c'], [], ['tender:b', 'tender:a']]);
    expect(plan.waves[1]!.savingsBase).toBe(0);
    expect(plan.waves[2]!.notes.map((n) => n.text.da)).toEqual([
      'Kat b: aftalen K2 (Lev A/S) udløber 30.09.2026; det nye udbud bør være klar inden.',
      'Kat a: aftalen K1 (Lev A/S) udløb 30.06.2025; kategorien købes nu uden aftale.',
    ]);
    expect(plan.totals.savingsBase).toBe(450);
  });
});

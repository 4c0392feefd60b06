import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { buildActionPlan, findOpportunities, type Opportunity, type OpportunityResult } from '../../../src/core/analysis/opportunities/index.js';
import { toContractOpportunity } from '../../../src/core/analysis/opportunities/contract.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { literal } from '../../../src/core/sql/escape.js';
import { buildSuppliers } from '../../../src/core/suppliers/index.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { trackWrites } from '../../../src/ui/workspace/write-tracker.js';
import { insertLines, type LineSpec } from './helpers.js';

/**
 * What an agreement register does to the findings (issue 10): a category an agreement covers on
 * the last date gets no tender or consolidation; an agreement that ends within the planning
 * horizon, has ended, or whose maximum is used up calls for a re-tender with its date; works
 * below the EU threshold are measured against tilbudsloven. Real thresholds (the shipped table),
 * data for 2025, so the window is 2025-01-01 – 2025-12-31.
 */

/** Valid CVR numbers (modulus 11), one per supplier. */
function cvr(i: number): string {
  for (let n = 20_000_000 + i * 97; ; n++) {
    const d = String(n).split('').map(Number);
    if ([2, 7, 6, 5, 4, 3, 2, 1].reduce((s, w, k) => s + w * d[k]!, 0) % 11 === 0) return String(n);
  }
}

/** Mid-month, but the first and last lines on 1 January and 31 December: the window is exactly 2025. */
const month = (m: number) => `2025-${String(m).padStart(2, '0')}-${m === 1 ? '01' : m === 12 ? '31' : '15'}`;

/** `count` lines a month for a year, spread over `suppliers` (supplier index base) and `units`. */
function monthly(category: string, perMonth: number, base: number, suppliers: number, units = 4): LineSpec[] {
  const out: LineSpec[] = [];
  for (let m = 1; m <= 12; m++) {
    for (let s = 0; s < suppliers; s++) {
      out.push({ category, supplier: `Leverandør ${base + s}`, cvr: cvr(base + s), amount: Math.round((perMonth / suppliers) * 100) / 100, date: month(m), unit: `U${(s % units) + 1}` });
    }
  }
  return out;
}

interface Agreement {
  id: string;
  category: string;
  supplier: number;
  from: string;
  to: string;
  max?: number;
}

async function setup(db: DbConnector, lines: LineSpec[], agreements: Agreement[]): Promise<void> {
  await clearWorkspace(db);
  await insertLines(db, lines);
  if (agreements.length) {
    await db.exec(
      `INSERT INTO contract (contract_id, name, supplier_cvr, supplier_name, category_text, valid_from, valid_to, framework, max_value) VALUES ${agreements
        .map((a) => `(${literal(a.id)}, ${literal(`Aftale ${a.id}`)}, ${literal(cvr(a.supplier))}, ${literal(`Leverandør ${a.supplier}`)}, ${literal(a.category)},
                      ${literal(a.from)}::DATE, ${literal(a.to)}::DATE, 'Eget udbud', ${literal(a.max ?? null)})`)
        .join(', ')}`,
    );
  }
  await buildSuppliers(db);
}

const of = (r: OpportunityResult, categoryId: string): Opportunity[] => r.opportunities.filter((o) => o.categoryId === categoryId);

describe('findings with an agreement register', () => {
  let db: DbConnector;
  let result: OpportunityResult;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await setup(
      db,
      [
        // Food: 4 mio. a year, 97 % with the agreement's supplier (100), the rest spread over five others.
        ...monthly('food.groceries', 4_000_000 * 0.97 / 12, 100, 1),
        ...monthly('food.groceries', 4_000_000 * 0.03 / 12, 101, 5),
        // Cleaning: 3 mio. a year over six firms; the agreement with firm 200 starts 1 July.
        ...monthly('facility.cleaning', 3_000_000 / 12, 200, 6),
        // Telephony: 2 mio. a year, agreement with 300 ends 31 March 2026, nothing after it.
        ...monthly('it.telecom', 2_000_000 / 12, 300, 1),
        // Hygiene: agreement with 400 ended 30 September 2025, no successor.
        ...monthly('facility.hygiene', 1_200_000 / 12, 400, 1),
        // IT services: a framework (max 1.5 mio. over 2024–2026) bought at 1.2 mio. a year.
        ...monthly('it.services', 1_200_000 / 12, 500, 1),
        // Furniture: agreement ends 28 February 2026, but a renewal from 1 March 2026 lasts to 2030.
        ...monthly('equipment.furniture', 2_400_000 / 12, 600, 1),
        // Crafts: 3.6 mio. a year over twelve craftsmen, no agreement.
        ...monthly('works.crafts', 3_600_000 / 12, 700, 12),
      ],
      [
        { id: 'F-1', category: 'food.groceries', supplier: 100, from: '2023-01-01', to: '2027-12-31' },
        { id: 'C-1', category: 'facility.cleaning', supplier: 200, from: '2025-07-01', to: '2029-06-30' },
        { id: 'T-1', category: 'it.telecom', supplier: 300, from: '2022-04-01', to: '2026-03-31' },
        { id: 'H-1', category: 'facility.hygiene', supplier: 400, from: '2021-10-01', to: '2025-09-30' },
        { id: 'S-1', category: 'it.services', supplier: 500, from: '2024-01-01', to: '2026-12-31', max: 1_500_000 },
        { id: 'M-1', category: 'equipment.furniture', supplier: 600, from: '2022-03-01', to: '2026-02-28' },
        { id: 'M-2', category: 'equipment.furniture', supplier: 600, from: '2026-03-01', to: '2030-02-28' },
      ],
    );
    result = await findOpportunities(db);
  });
  afterAll(() => db?.close());

  it('raises nothing on a category bought on its agreement, and no tender where an agreement covers the last date', () => {
    expect(of(result, 'food.groceries')).toEqual([]);
    // Cleaning was bought without agreement until July (1.5 mio.), but has one now: no tender, and
    // the spend with the other firms since July is for "use the agreement".
    expect(of(result, 'facility.cleaning').map((o) => o.kind)).toEqual(['agreement']);
    expect(of(result, 'equipment.furniture')).toEqual([]);
  });

  it('re-tenders an agreement that ends within nine months, with its date and the spend on it', () => {
    const [t] = of(result, 'it.telecom');
    expect(t).toMatchObject({ kind: 'tender', savingsLow: 0, savingsBase: 0 });
    expect(t!.details.retender).toMatchObject({ reason: 'ending', date: '2026-03-31', agreementId: 'T-1' });
    expect(t!.annualSpend).toBeCloseTo(2_000_000, -1);
    expect(t!.savingsHigh).toBe(Math.round(t!.spendMoving * 0.05));
    expect(t!.rationale.da).toContain('udløber 31.03.2026');
    expect(t!.rationale.en).toContain('ends on 31/03/2026');
    // With a horizon of two months it is not due yet.
    return findOpportunities(db, { rules: { retenderHorizonMonths: 2 } }).then((r) => expect(of(r, 'it.telecom')).toEqual([]));
  });

  it('re-tenders an agreement that has ended with no successor, covering the spend before and after', () => {
    const [t] = of(result, 'facility.hygiene');
    expect(t!.details.retender).toMatchObject({ reason: 'expired', date: '2025-09-30', agreementId: 'H-1' });
    expect(t!.annualSpend).toBeCloseTo(1_200_000, -1);
    expect(t!.rationale.da).toContain('udløb 30.09.2025');
  });

  it('warns that a framework will be used up (C-216/17) and re-tenders it before that date', () => {
    const [t] = of(result, 'it.services');
    // 1.2 mio. a year from 2024-01-01: 1.5 mio. is reached about 15 months in.
    expect(t!.details.retender).toMatchObject({ reason: 'max', agreementId: 'S-1', maxValue: 1_500_000 });
    expect(t!.details.retender!.date >= '2025-03-01' && t!.details.retender!.date <= '2025-04-30').toBe(true);
    expect(t!.details.retender!.projectedShare).toBeGreaterThan(2);
    expect(t!.rationale.da).toContain('C-216/17');
  });

  it('measures crafts below the EU works threshold against tilbudsloven: a licitation above 3 mio. kr.', () => {
    const [t] = of(result, 'works.crafts');
    expect(t).toMatchObject({ kind: 'tender', threshold: 3_000_000, thresholdEstimate: false });
    expect(t!.details.thresholdRule).toBe('works-licitation');
    expect(t!.details.frameworkValue).toBeCloseTo(14_400_000, -2);
    expect(t!.suppliers).toHaveLength(12);
    expect(t!.rationale.da).toContain('tilbudslovens 3,0 mio. kr.');
    expect(t!.rationale.da).toContain('licitation');
    expect(t!.assumptions.length).toBeGreaterThanOrEqual(2);
  });

  it('reports each opportunity\u2019s agreement coverage, also in the command line\u2019s shape', () => {
    const [agreement] = of(result, 'facility.cleaning');
    const c = toContractOpportunity(agreement!);
    expect(c.agreementCoverage).toMatchObject({ coveredAtEnd: true, agreements: ['C-1'] });
    // Half the year without an agreement, then 1/6 with the agreement's firm and 5/6 beside it.
    expect(c.agreementCoverage!.noAgreement).toBeCloseTo(1_500_000, -1);
    expect(c.agreementCoverage!.onAgreement).toBeCloseTo(250_000, -1);
    expect(c.agreementCoverage!.offAgreement).toBeCloseTo(1_250_000, -1);
    expect(c.agreementCoverage!.onAgreementShare).toBeCloseTo(1 / 12, 2);
    const crafts = toContractOpportunity(of(result, 'works.crafts')[0]!);
    expect(crafts).toMatchObject({ thresholdRule: 'works-licitation', retender: null, agreementCoverage: { coveredAtEnd: false, onAgreementShare: 0 } });
  });

  it('puts re-tenders in wave 3, their waves still adding up to the totals', () => {
    const plan = buildActionPlan(result);
    const wave3 = plan.waves.find((w) => w.wave === 3)!;
    for (const id of ['tender:it.telecom', 'tender:facility.hygiene', 'tender:it.services', 'tender:works.crafts']) {
      expect(wave3.opportunities.map((o) => o.id)).toContain(id);
    }
    expect(plan.totals.savingsBase).toBe(result.totals.savingsBase);
  });
});

describe('works between 300.000 kr. and 3 mio. kr.', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await setup(db, monthly('works.crafts', 1_200_000 / 12, 800, 8, 4), []);
  });
  afterAll(() => db?.close());

  it('suggests fewer craftsmen on informal bids (underhåndsbud), not a licitation', async () => {
    const r = await findOpportunities(db);
    const [c] = of(r, 'works.crafts');
    expect(c).toMatchObject({ kind: 'consolidate', threshold: 300_000 });
    expect(c!.details.thresholdRule).toBe('works-bids');
    expect(c!.rationale.da).toContain('underhåndsbud');
  });
});

describe('the agreements of the window in the app: kept until a write', () => {
  let inner: DbConnector;
  let db: DbConnector;
  const sent: string[] = [];
  const register = (q: string) => q.includes('AS agreement_key, * FROM contract) k') && q.includes('SELECT DISTINCT e.category_id');
  beforeAll(async () => {
    inner = await openNodeWasmDb();
    await setup(inner, [...monthly('facility.cleaning', 3_000_000 / 12, 200, 6), ...monthly('works.crafts', 3_600_000 / 12, 700, 12)], [
      { id: 'C-1', category: 'facility.cleaning', supplier: 200, from: '2025-07-01', to: '2029-06-30' },
    ]);
    const recorded: DbConnector = { ...inner, query: (q, o) => (sent.push(q), inner.query(q, o)), exec: (q, o) => (sent.push(q), inner.exec(q, o)) };
    // The app's connector: it counts the statements that may write (src/ui/workspace/write-tracker.ts).
    db = trackWrites(recorded).db;
  });
  afterAll(() => inner?.close());

  it('asks the register once for other rules over the same window, again after an agreement is added, and shows it', async () => {
    sent.length = 0;
    const first = await findOpportunities(db);
    expect(of(first, 'facility.cleaning')[0]!.details.agreements!.map((a) => a.id)).toEqual(['C-1']);
    expect(of(first, 'works.crafts')[0]).toMatchObject({ kind: 'tender', details: { agreements: [] } });
    expect(sent.filter(register)).toHaveLength(1);
    // Other rules: the opportunities are computed anew, the window and the register are as they were.
    const second = await findOpportunities(db, { rules: { consolidateKeep: 2 } });
    expect(sent.filter(register)).toHaveLength(1);
    expect(of(second, 'facility.cleaning')[0]!.details.agreements).toEqual(of(first, 'facility.cleaning')[0]!.details.agreements);
    // A new agreement for crafts (a write): read again, and crafts is now bought beside an agreement.
    await db.exec(
      `INSERT INTO contract (contract_id, name, supplier_cvr, supplier_name, category_text, valid_from, valid_to, framework)
       VALUES ('W-1', 'Aftale W-1', ${literal(cvr(700))}, 'Leverandør 700', 'works.crafts', '2025-01-01'::DATE, '2028-12-31'::DATE, 'Eget udbud')`,
    );
    const third = await findOpportunities(db, { rules: { consolidateKeep: 3 } });
    expect(sent.filter(register)).toHaveLength(2);
    const crafts = of(third, 'works.crafts');
    expect(crafts.map((o) => o.kind)).toEqual(['agreement']);
    expect(crafts[0]!.details.agreements!.map((a) => a.id)).toEqual(['W-1']);
  });
});

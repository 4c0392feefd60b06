import type { DbConnector } from '../../db/connector.js';
import { sourcingOf, type Category, type Regime } from '../../taxonomy/category-tree.js';
import { loadThresholds } from '../../thresholds/table.js';
import { thresholdFor, type Threshold } from '../../thresholds/thresholds.js';
import { prepareAnalysisLines, type AnalysisLines } from '../fragmentation/lines.js';
import { memoByRows, memoValue } from '../fragmentation/memo.js';
import { loadAgreements } from '../../agreements/list.js';
import type { ThresholdRegime } from '../../thresholds/thresholds.js';
import { agreementStates, type CategoryAgreementState } from './agreement-state.js';
import { decide, type CategoryContext, type Decision } from './decide.js';
import { agreementsByCategory, coverage, priceItems, priceSavings, type CoverageSpec } from './lists.js';
import { ACTIONS, assumptionsFor, rationaleFor } from './rationale.js';
import { loadOpportunitySettings } from './settings.js';
import { buildWorkTables, categoryStats, computeWindow, dropWorkTables, windowRows, type CategoryStats } from './stats.js';
import {
  DEFAULT_RATES, OPPORTUNITY_KINDS, type AgreementCoverage, type AnalysisWindow, type Opportunity, type OpportunityDetails, type OpportunityKind,
  type OpportunityOptions, type OpportunityResult, type OpportunityRules, type SavingsRates,
} from './types.js';

/**
 * Bundling opportunities, ranked by base savings. No double counting: each line's spend feeds at
 * most one opportunity's savings, decided in this order:
 *   1. price-variance claims the lines of items bought at several unit prices (the most specific
 *      finding, with a measured saving);
 *   2. the remaining lines of the last 12 months split by agreement status, so the next three can
 *      never share a line: `agreement` takes lines in a category with an agreement on the line's
 *      date bought from another supplier; `tender` (category value at or above the threshold)
 *      or `consolidate` (below it) takes the lines bought where no agreement exists;
 *   3. small-orders is a process saving per invoice removed, not a share of spend, so its
 *      invoices may also sit in one of the above; its figure is added, not double counted.
 * Non-addressable lines and categories are never part of an opportunity.
 */

interface Candidate extends Decision {
  category: Category | undefined;
  categoryId: string;
  stats: CategoryStats;
  details: Partial<OpportunityDetails>;
}

function mergeRates(options: OpportunityOptions, defaults: SavingsRates = DEFAULT_RATES): SavingsRates {
  const r = options.rates ?? {};
  return {
    low: r.low ?? defaults.low,
    base: r.base ?? defaults.base,
    high: r.high ?? defaults.high,
    perInvoice: r.perInvoice ?? defaults.perInvoice,
    invoicesRemoved: { ...defaults.invoicesRemoved, ...(r.invoicesRemoved ?? {}) },
  };
}

const round0 = (v: number) => Math.round(v);
const round2 = (v: number) => Math.round(v * 100) / 100;

/** The category's window spend by agreement status, per year. */
function coverageOf(s: CategoryStats, factor: number, state: CategoryAgreementState | undefined): AgreementCoverage {
  const all = s.onAgreementAll + s.offAgreementAll + s.noAgreementAll;
  return {
    onAgreement: round2(s.onAgreementAll * factor),
    offAgreement: round2(s.offAgreementAll * factor),
    noAgreement: round2(s.noAgreementAll * factor),
    onAgreementShare: all > 0 ? Math.round((s.onAgreementAll / all) * 1000) / 1000 : null,
    coveredAtEnd: state?.coveredAtEnd ?? false,
    agreements: [],
  };
}

/** Opportunities over prepared lines (see prepareAnalysisLines); the lines table is left as it was. */
export async function findOpportunitiesIn(db: DbConnector, lines: AnalysisLines, options: OpportunityOptions = {}): Promise<OpportunityResult> {
  // The workspace's saved rates and rules (the Opportunities screen edits them); explicit options win.
  const saved = await loadOpportunitySettings(db);
  const rates = mergeRates(options, saved.rates);
  const rules: OpportunityRules = { ...saved.rules, ...(options.rules ?? {}) };
  const window = await computeWindow(db, lines);
  const empty = { savingsLow: 0, savingsBase: 0, savingsHigh: 0, spendMoving: 0 };
  if (!window) return { opportunities: [], window, rates, rules, totals: empty };
  const thresholds: Threshold[] = options.thresholds ?? (await loadThresholds(db));
  // Everything else read below comes from the lines and the register, which the lines' content key covers.
  return memoValue(db, lines, 'opportunities', { rates, rules, thresholds }, () => opportunitiesOver(db, lines, window, rates, rules, thresholds));
}

async function opportunitiesOver(
  db: DbConnector,
  lines: AnalysisLines,
  window: AnalysisWindow,
  rates: OpportunityResult['rates'],
  rules: OpportunityRules,
  thresholds: Threshold[],
): Promise<OpportunityResult> {
  const empty = { savingsLow: 0, savingsBase: 0, savingsHigh: 0, spendMoving: 0 };
  const periodFactor = window.periodFactor;
  const t = await buildWorkTables(db, lines, window, rules, periodFactor);
  try {
    const byId = new Map(lines.tree.categories.map((c) => [c.id, c]));
    const regimeOf = (id: string): Regime => byId.get(id)?.regime ?? 'standard';
    // The window's figures depend on its lines alone: memoised by them, for periods that leave the window as it is.
    const rows = await windowRows(db, lines, t, window);
    const stats = await memoByRows(db, lines, 'category-stats', rows, { keep: rules.consolidateKeep, small: rules.smallOrderLimit }, () => categoryStats(db, t, rules));
    const register = lines.hasContracts ? await loadAgreements(db, lines, { asOf: window.to, horizonMonths: rules.retenderHorizonMonths }) : [];
    const states = agreementStates(register, lines.tree, window, rules.retenderHorizonMonths);
    const national = (regime: ThresholdRegime) => thresholdFor(thresholds, regime, window.to)?.dkk;
    const licitation = national('works-licitation');
    const bids = national('works-bids');
    const candidates: Candidate[] = [];
    for (const s of stats) {
      const regime = regimeOf(s.categoryId);
      const ctx: CategoryContext = {
        factor: window.factor,
        euThreshold: thresholdFor(thresholds, regime, window.to)?.dkk ?? Number.POSITIVE_INFINITY,
        works: regime === 'works' && licitation !== undefined && bids !== undefined ? { licitation, bids } : null,
        hasContracts: lines.hasContracts,
        pooled: sourcingOf(byId.get(s.categoryId)) === 'pooled',
        agreements: states.get(s.categoryId),
      };
      const split = lines.hasContracts ? coverageOf(s, window.factor, ctx.agreements) : undefined;
      for (const c of decide(s, ctx, rules, rates)) {
        candidates.push({ ...c, category: byId.get(s.categoryId), categoryId: s.categoryId, stats: s, details: split ? { coverage: split } : {} });
      }
    }
    const prices = await priceSavings(db, t, periodFactor);
    const items = await priceItems(db, t, periodFactor);
    for (const [categoryId, p] of prices) {
      const s = stats.find((x) => x.categoryId === categoryId);
      candidates.push({
        kind: 'price-variance', category: byId.get(categoryId), categoryId, spendMoving: 0,
        stats: s ?? {
          categoryId, value: 0, offAgreement: 0, noAgreement: 0, noAgreementSuppliers: 0, noAgreementSuppliers80: 0, noAgreementUnits: 0,
          outsideTop: 0, smallOrders: 0, invoices: 0, onAgreementAll: 0, offAgreementAll: 0, noAgreementAll: 0, retenderBase: 0,
        },
        low: p.low, high: p.high, base: (p.low + p.high) / 2, details: { items: items.get(categoryId) ?? [] },
      });
    }
    const specs: CoverageSpec[] = candidates.map((c) => ({
      id: `${c.kind}:${c.categoryId}`,
      kind: c.kind,
      categoryId: c.categoryId,
      factor: c.kind === 'price-variance' ? periodFactor : window.factor,
      retender: c.retender !== undefined,
    }));
    const covered = await coverage(db, lines, t, specs, rules.smallOrderLimit, rows);
    const agreements = await agreementsByCategory(db, lines.tree, window, [...new Set(candidates.map((c) => c.categoryId))]);
    const opportunities: Opportunity[] = candidates.map((c) => {
      const id = `${c.kind}:${c.categoryId}`;
      const cov = covered.get(id) ?? { annualSpend: 0, suppliers: [], units: [] };
      const regime = regimeOf(c.categoryId);
      const rule = c.threshold?.rule ?? 'eu';
      const th = thresholdFor(thresholds, rule === 'eu' ? regime : rule, window.to);
      const categoryAnnualSpend = round2(c.stats.value * window.factor);
      const details: OpportunityDetails = {
        supplierCount: cov.suppliers.length,
        unitCount: cov.units.length,
        ...c.details,
        ...(c.details.coverage ? { coverage: { ...c.details.coverage, agreements: [...new Set((agreements.get(c.categoryId) ?? []).map((a) => a.id))] } } : {}),
        ...(c.threshold ? { thresholdRule: rule } : {}),
        ...(c.retender ? { retender: c.retender } : {}),
        // A framework is valued over its term, at most four years (udbudsloven § 30; frameworks).
        ...(c.kind === 'tender' ? { frameworkValue: round2(categoryAnnualSpend * 4) } : {}),
        ...(c.kind === 'agreement' || c.kind === 'tender' ? { agreements: agreements.get(c.categoryId) ?? [] } : {}),
        ...(c.kind === 'small-orders'
          ? { smallOrders: Math.round(c.stats.smallOrders * window.factor), invoices: Math.round(c.stats.invoices * window.factor) }
          : {}),
      };
      const categoryName = c.category ? { ...c.category.name } : { da: c.categoryId, en: c.categoryId };
      const base = {
        kind: c.kind, categoryName, regime, annualSpend: cov.annualSpend,
        categoryAnnualSpend,
        threshold: th?.dkk ?? 0, thresholdEstimate: th?.estimate ?? false,
        thresholdPeriod: th ? { from: th.validFrom, to: th.validTo } : null,
        // Price variance moves nothing between suppliers; its base is the items' own spend.
        spendMoving: c.kind === 'price-variance' ? cov.annualSpend : round2(c.spendMoving), details,
      };
      return {
        id, rank: 0, categoryId: c.categoryId, ...base, action: ACTIONS[c.kind],
        suppliers: cov.suppliers, units: cov.units,
        savingsLow: round0(c.low), savingsBase: round0(c.base), savingsHigh: round0(c.high),
        rationale: rationaleFor({ ...base, smallOrderLimit: rules.smallOrderLimit, keep: rules.consolidateKeep }),
        assumptions: assumptionsFor({
          kind: c.kind, retender: c.retender !== undefined, rates, window, thresholdEstimate: th?.estimate ?? false, thresholdSource: th?.source ?? null, hasContracts: lines.hasContracts,
        }),
      };
    });
    const order = (k: OpportunityKind) => OPPORTUNITY_KINDS.indexOf(k);
    opportunities.sort((a, b) => b.savingsBase - a.savingsBase || order(a.kind) - order(b.kind) || a.categoryId.localeCompare(b.categoryId));
    opportunities.forEach((o, i) => (o.rank = i + 1));
    const totals = opportunities.reduce(
      (acc, o) => ({
        savingsLow: acc.savingsLow + o.savingsLow, savingsBase: acc.savingsBase + o.savingsBase,
        savingsHigh: acc.savingsHigh + o.savingsHigh, spendMoving: Math.round((acc.spendMoving + o.spendMoving) * 100) / 100,
      }),
      empty,
    );
    return { opportunities, window, rates, rules, totals };
  } finally {
    await dropWorkTables(db, t);
  }
}

/** Prepares the lines (filters applied), finds the opportunities and drops the lines again. */
export async function findOpportunities(db: DbConnector, options: OpportunityOptions = {}): Promise<OpportunityResult> {
  const lines = await prepareAnalysisLines(db, options);
  try {
    return await findOpportunitiesIn(db, lines, options);
  } finally {
    await lines.close();
  }
}

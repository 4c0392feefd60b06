import type { Regime } from '../../taxonomy/category-tree.js';
import type { Threshold } from '../../thresholds/thresholds.js';
import type { AnalysisOptions } from '../fragmentation/lines.js';

export type OpportunityKind = 'tender' | 'agreement' | 'consolidate' | 'small-orders' | 'price-variance';

export const OPPORTUNITY_KINDS: readonly OpportunityKind[] = ['tender', 'agreement', 'consolidate', 'small-orders', 'price-variance'];

export interface Text {
  da: string;
  en: string;
}

/** Editable savings rates (defaults: DOMAIN.md, shown as estimates). */
export interface SavingsRates {
  /** Share of the spend that moves, saved in the low / base / high case. */
  low: number;
  base: number;
  high: number;
  /** Process saving per invoice removed, kr. (about 62 kr. per e-traded invoice, Hjørring via SKI). */
  perInvoice: number;
  /** Share of the small orders that bundling removes, low / base / high. */
  invoicesRemoved: { low: number; base: number; high: number };
}

export const DEFAULT_RATES: SavingsRates = {
  low: 0.05,
  base: 0.1,
  high: 0.2,
  perInvoice: 62,
  invoicesRemoved: { low: 0.5, base: 0.75, high: 1 },
};

/** When a finding is strong enough to be an opportunity (editable; documented in docs/analysis.md). */
export interface OpportunityRules {
  /** Orders under this amount are small orders (DI: one order in four is under 250 kr.). */
  smallOrderLimit: number;
  /** Tender: spend without agreement must be at least this share of the category's value (or above the threshold itself). */
  tenderMinNoAgreementShare: number;
  /** Agreement: off-agreement spend a year at least this much and this share of the category. */
  agreementMinAnnual: number;
  agreementMinShare: number;
  /** Consolidate: at least this many suppliers and units; the spend outside the `consolidateKeep` largest suppliers moves. */
  consolidateMinSuppliers: number;
  consolidateMinUnits: number;
  consolidateKeep: number;
  consolidateMinAnnual: number;
  /** Small orders: at least this many a year and this share of the category's invoices. */
  smallOrdersMinAnnual: number;
  smallOrdersMinShare: number;
  /** Price variance: highest price at least this much above the lowest; overpayment a year at least this much. */
  priceMinSpread: number;
  priceMinAnnual: number;
  /**
   * A category whose agreement ends within this many months of the data's last date (with no
   * agreement lasting beyond) is due for a re-tender; an EU tender takes about 6–12 months.
   */
  retenderHorizonMonths: number;
}

export const DEFAULT_RULES: OpportunityRules = {
  smallOrderLimit: 250,
  tenderMinNoAgreementShare: 0.1,
  agreementMinAnnual: 50_000,
  agreementMinShare: 0.05,
  consolidateMinSuppliers: 5,
  consolidateMinUnits: 3,
  consolidateKeep: 3,
  consolidateMinAnnual: 25_000,
  smallOrdersMinAnnual: 25,
  smallOrdersMinShare: 0.1,
  priceMinSpread: 0.05,
  priceMinAnnual: 500,
  retenderHorizonMonths: 9,
};

export interface OpportunityOptions extends AnalysisOptions {
  /** Default: the workspace's saved settings (settings.ts), else DEFAULT_RATES / DEFAULT_RULES; given fields win. */
  rates?: Partial<Omit<SavingsRates, 'invoicesRemoved'>> & { invoicesRemoved?: Partial<SavingsRates['invoicesRemoved']> };
  rules?: Partial<OpportunityRules>;
  /** Default: the workspace's `threshold` table (seeded from thresholds.json). */
  thresholds?: Threshold[];
}

export interface SupplierShare {
  key: string;
  name: string | null;
  spend: number;
}

export interface UnitShare {
  name: string | null;
  spend: number;
}

export interface PriceVarianceItem {
  supplierKey: string;
  itemNumber: string;
  itemName: string | null;
  lines: number;
  units: number;
  prices: number;
  minPrice: number;
  medianPrice: number;
  maxPrice: number;
  /** Paid above the lowest price, a year. */
  overpaid: number;
}

export interface Opportunity {
  /** `${kind}:${categoryId}`, stable between runs. */
  id: string;
  rank: number;
  categoryId: string;
  categoryName: Text;
  regime: Regime;
  kind: OpportunityKind;
  action: Text;
  /** Annual spend of the lines the opportunity covers (last 12 months, udbudsloven § 35). */
  annualSpend: number;
  /** The category's annual value (all its lines in the last 12 months): what is compared with the threshold. */
  categoryAnnualSpend: number;
  /** EU threshold of the category's regime on the last date of the data, DKK. */
  threshold: number;
  thresholdEstimate: boolean;
  /** The period of the threshold table row that was used (null when the table has no row for the regime). */
  thresholdPeriod: { from: string; to: string } | null;
  /** The annual spend the percentage savings apply to (0 for small orders). */
  spendMoving: number;
  suppliers: SupplierShare[];
  units: UnitShare[];
  savingsLow: number;
  savingsBase: number;
  savingsHigh: number;
  rationale: Text;
  assumptions: Text[];
  /** Kind-specific figures (invoice counts, agreement ids, items). */
  details: OpportunityDetails;
}

/** Why a category's agreement must be tendered again. */
export type RetenderReason = 'ending' | 'expired' | 'max';

export interface Retender {
  reason: RetenderReason;
  /** When: the agreement's last day, or the day its maximum is (projected to be) reached. */
  date: string;
  agreementId: string;
  agreementName: string | null;
  maxValue: number | null;
  /** Of the maximum, projected over the agreement's whole term. */
  projectedShare: number | null;
}

/** Which threshold an opportunity was measured against. */
export type ThresholdRule = 'eu' | 'works-licitation' | 'works-bids';

/** How the category's spend in the window splits by agreement (annual figures, DKK). */
export interface AgreementCoverage {
  /** Bought from a supplier holding an agreement in the category on the date (compliance 1). */
  onAgreement: number;
  /** Bought from another supplier while the category had an agreement. */
  offAgreement: number;
  /** Bought while the category had no agreement. */
  noAgreement: number;
  /** onAgreement / all (null when the category has no spend). */
  onAgreementShare: number | null;
  /** An agreement covers the category on the data's last date. */
  coveredAtEnd: boolean;
  /** The agreements covering the category at some point of the window (ids). */
  agreements: string[];
}

export interface OpportunityDetails {
  supplierCount: number;
  unitCount: number;
  coverage?: AgreementCoverage;
  thresholdRule?: ThresholdRule;
  /** A framework's value over its term (4 years at most), for tender and re-tender. */
  frameworkValue?: number;
  retender?: Retender;
  agreements?: { id: string; name: string | null; supplierName: string | null; validTo: string | null }[];
  smallOrders?: number;
  invoices?: number;
  items?: PriceVarianceItem[];
}

export interface AnalysisWindow {
  /** First and last date of the § 35 window (the last 12 months of the data). */
  from: string;
  to: string;
  /** Months of data inside the window (12 unless the data is shorter). */
  months: number;
  /** Multiplier from window spend to annual spend (1 when the window is full). */
  factor: number;
  periodFrom: string;
  periodTo: string;
  periodMonths: number;
  /** Multiplier from whole-period spend to annual spend (used by price variance). */
  periodFactor: number;
}

export interface OpportunityResult {
  opportunities: Opportunity[];
  window: AnalysisWindow | null;
  rates: SavingsRates;
  rules: OpportunityRules;
  /** Totals of all opportunities (each line's spend feeds at most one of them). */
  totals: { savingsLow: number; savingsBase: number; savingsHigh: number; spendMoving: number };
}

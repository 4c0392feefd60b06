import type { DbConnector } from '../../db/connector.js';
import { categoryMetrics, type GroupMetrics } from '../fragmentation/metrics.js';
import { prepareAnalysisLines, type AnalysisLines, type AnalysisOptions } from '../fragmentation/lines.js';
import { findOpportunitiesIn } from './find.js';
import type { AgreementCoverage, Opportunity, OpportunityOptions, OpportunityResult, Retender, SupplierShare, ThresholdRule, UnitShare } from './types.js';

/**
 * The `categories` and `opportunities` parts of the command line's JSON (DESIGN.md, test
 * contract). Amounts are numbers in DKK; category ids are the ids of `--lines`.
 */

export interface ContractCategory {
  id: string;
  parentId: string | null;
  name: string;
  level: 1 | 2;
  spend: number;
  suppliers: number;
  units: number;
  hhi: number;
}

export interface ContractOpportunity {
  categoryId: string;
  kind: Opportunity['kind'];
  annualSpend: number;
  threshold: number;
  suppliers: SupplierShare[];
  units: UnitShare[];
  savingsLow: number;
  savingsBase: number;
  savingsHigh: number;
  rationale: Opportunity['rationale'];
  assumptions: Opportunity['assumptions'];
  /**
   * How the category's annual spend splits by agreement (on / beside / without one) and whether
   * an agreement covers it on the data's last date; null without an agreement register.
   */
  agreementCoverage: AgreementCoverage | null;
  /** The threshold rule applied: the EU threshold, or tilbudsloven's for works below it. */
  thresholdRule: ThresholdRule | null;
  /** Set when the tender re-tenders an agreement that ends, has ended or is used up. */
  retender: Retender | null;
}

function toContractCategory(m: GroupMetrics, level: 1 | 2): ContractCategory | null {
  if (m.id === null) return null;
  return { id: m.id, parentId: level === 2 ? m.parentId : null, name: m.name.da, level, spend: m.spend, suppliers: m.suppliers, units: m.units, hhi: m.hhi };
}

/** Level-1 categories, then level-2, each largest first; unclassified spend is not a category. */
export async function categoriesIn(db: DbConnector, lines: AnalysisLines): Promise<ContractCategory[]> {
  const { category1: level1, category2: level2 } = await categoryMetrics(db, lines);
  return [
    ...level1.map((m) => toContractCategory(m, 1)),
    ...level2.map((m) => toContractCategory(m, 2)),
  ].filter((c): c is ContractCategory => c !== null);
}

export async function categoriesForContract(db: DbConnector, options: AnalysisOptions = {}): Promise<ContractCategory[]> {
  const lines = await prepareAnalysisLines(db, options);
  try {
    return await categoriesIn(db, lines);
  } finally {
    await lines.close();
  }
}

export function toContractOpportunity(o: Opportunity): ContractOpportunity {
  return {
    categoryId: o.categoryId,
    kind: o.kind,
    annualSpend: o.annualSpend,
    threshold: o.threshold,
    suppliers: o.suppliers,
    units: o.units,
    savingsLow: o.savingsLow,
    savingsBase: o.savingsBase,
    savingsHigh: o.savingsHigh,
    rationale: o.rationale,
    assumptions: o.assumptions,
    agreementCoverage: o.details.coverage ?? null,
    thresholdRule: o.details.thresholdRule ?? null,
    retender: o.details.retender ?? null,
  };
}

export interface ContractAnalysis {
  categories: ContractCategory[];
  opportunities: ContractOpportunity[];
  /** The full result (window, rates, rules, details) for callers that want more than the contract. */
  result: OpportunityResult;
}

/** Both parts from one preparation of the lines (what `analyze --json` needs). */
export async function analysisForContract(db: DbConnector, options: OpportunityOptions = {}): Promise<ContractAnalysis> {
  const lines = await prepareAnalysisLines(db, options);
  try {
    const categories = await categoriesIn(db, lines);
    const result = await findOpportunitiesIn(db, lines, options);
    return { categories, opportunities: result.opportunities.map(toContractOpportunity), result };
  } finally {
    await lines.close();
  }
}

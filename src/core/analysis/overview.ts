import type { DbConnector } from '../db/connector.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import { analysisTotals, categoryMetrics, categorySpend, prepareAnalysisLines, type AnalysisTotals, type GroupMetrics, type GroupSpend } from './fragmentation/index.js';
import { findOpportunitiesIn, type Opportunity } from './opportunities/index.js';

export interface Overview {
  totals: AnalysisTotals;
  /** Share of spend with a decided category (accepted; learned suggestions waiting do not count). */
  classifiedShare: number;
  /** Spend per level-1 and level-2 category (the treemap), largest first. */
  category1: GroupSpend[];
  category2: GroupSpend[];
  opportunities: Opportunity[];
  savings: { low: number; base: number; high: number };
}

/** Everything the overview screen shows, from one preparation of the filtered lines. `tree`: the workspace's tree. */
export async function loadOverview(db: DbConnector, where: string, topOpportunities = 5, tree?: CategoryTree): Promise<Overview> {
  const lines = await prepareAnalysisLines(db, { where, tree });
  // The overview shows each category's spend only. Unfiltered, the categories' full figures are
  // computed (and memoised) here all the same: they are the Categories screen's first view after an
  // import, which then opens from them. Under a filter only the spend is asked for, both levels in one
  // scan (~0.08 s instead of ~1 s at 1M lines), and a screen that wants the figures computes them when it is opened.
  const spend = async (): Promise<{ category1: GroupSpend[]; category2: GroupSpend[] }> => {
    if (lines.filtered) return categorySpend(db, lines);
    const both = await categoryMetrics(db, lines);
    const spendOf = (m: GroupMetrics[]): GroupSpend[] => m.map(({ id, parentId, level, name, spend: s }) => ({ id, parentId, level, name, spend: s }));
    return { category1: spendOf(both.category1), category2: spendOf(both.category2) };
  };
  try {
    const totals = await analysisTotals(db, lines);
    const found = await findOpportunitiesIn(db, lines, { where, tree });
    return {
      totals,
      classifiedShare: totals.spend === 0 ? 0 : totals.classifiedSpend / totals.spend,
      ...(await spend()),
      opportunities: found.opportunities.slice(0, topOpportunities),
      savings: { low: found.totals.savingsLow, base: found.totals.savingsBase, high: found.totals.savingsHigh },
    };
  } finally {
    await lines.close();
  }
}

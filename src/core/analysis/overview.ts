import type { DbConnector } from '../db/connector.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import { analysisTotals, groupMetrics, prepareAnalysisLines, type AnalysisTotals, type GroupMetrics } from './fragmentation/index.js';
import { findOpportunitiesIn, type Opportunity } from './opportunities/index.js';

export interface Overview {
  totals: AnalysisTotals;
  /** Share of spend with a decided category (accepted; learned suggestions waiting do not count). */
  classifiedShare: number;
  category1: GroupMetrics[];
  category2: GroupMetrics[];
  opportunities: Opportunity[];
  savings: { low: number; base: number; high: number };
}

/** Everything the overview screen shows, from one preparation of the filtered lines. `tree`: the workspace's tree. */
export async function loadOverview(db: DbConnector, where: string, topOpportunities = 5, tree?: CategoryTree): Promise<Overview> {
  const lines = await prepareAnalysisLines(db, { where, tree });
  try {
    const totals = await analysisTotals(db, lines);
    const found = await findOpportunitiesIn(db, lines, { where, tree });
    return {
      totals,
      classifiedShare: totals.spend === 0 ? 0 : totals.classifiedSpend / totals.spend,
      category1: await groupMetrics(db, lines, 'category1'),
      category2: await groupMetrics(db, lines, 'category2'),
      opportunities: found.opportunities.slice(0, topOpportunities),
      savings: { low: found.totals.savingsLow, base: found.totals.savingsBase, high: found.totals.savingsHigh },
    };
  } finally {
    await lines.close();
  }
}

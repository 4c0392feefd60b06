import type { DbConnector } from '../db/connector.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import { categoryMetrics, prepareAnalysisLines, type GroupMetrics, type GroupSpend, type SpendTotals } from './fragmentation/index.js';
import { findOpportunitiesIn, type Opportunity } from './opportunities/index.js';
import { overviewSpend, type MonthSpend, type SupplierSpend } from './overview-spend.js';

export type { MonthSpend, SupplierSpend } from './overview-spend.js';

export interface Overview {
  totals: SpendTotals;
  /** Share of spend with a decided category (accepted; learned suggestions waiting do not count). */
  classifiedShare: number;
  /** Spend per level-1 and level-2 category (the treemap), largest first. */
  category1: GroupSpend[];
  category2: GroupSpend[];
  opportunities: Opportunity[];
  savings: { low: number; base: number; high: number };
  /** Spend per month (undated lines left out), oldest first. */
  months: MonthSpend[];
  /** The largest suppliers by spend (merges applied, as on the Suppliers screen). */
  topSuppliers: SupplierSpend[];
}

/**
 * Everything the overview screen shows, from one preparation of the filtered lines (a unit's lines are
 * copied once, not once per chart). `tree`: the workspace's tree.
 */
export async function loadOverview(db: DbConnector, where: string, topOpportunities = 5, tree?: CategoryTree, supplierLimit = 10): Promise<Overview> {
  const lines = await prepareAnalysisLines(db, { where, tree });
  try {
    // The overview shows each category's spend only. Under a filter it comes with the other spend
    // figures from one grouping of the lines. Unfiltered, the categories' full figures are computed (and
    // memoised) here all the same: they are the Categories screen's first view after an import, which
    // then opens from them.
    const spend = await overviewSpend(db, lines, { supplierLimit, categories: lines.filtered });
    const found = await findOpportunitiesIn(db, lines, { where, tree });
    const spendOf = (m: GroupMetrics[]): GroupSpend[] => m.map(({ id, parentId, level, name, spend: s }) => ({ id, parentId, level, name, spend: s }));
    let categories = spend.categories;
    if (!categories) {
      const both = await categoryMetrics(db, lines);
      categories = { category1: spendOf(both.category1), category2: spendOf(both.category2) };
    }
    return {
      totals: spend.totals,
      classifiedShare: spend.totals.spend === 0 ? 0 : spend.totals.classifiedSpend / spend.totals.spend,
      category1: categories.category1,
      category2: categories.category2,
      opportunities: found.opportunities.slice(0, topOpportunities),
      savings: { low: found.totals.savingsLow, base: found.totals.savingsBase, high: found.totals.savingsHigh },
      months: spend.months,
      topSuppliers: spend.topSuppliers,
    };
  } finally {
    await lines.close();
  }
}

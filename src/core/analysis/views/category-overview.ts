import type { DbConnector } from '../../db/connector.js';
import type { Regime } from '../../taxonomy/category-tree.js';
import { analysisSpendTotals, type SpendTotals } from '../fragmentation/index.js';
import { prepareAnalysisLines, type AnalysisOptions } from '../fragmentation/lines.js';
import { categoryMetrics, type GroupMetrics, type MetricsOptions } from '../fragmentation/metrics.js';

/**
 * The category screen's tree: every level-1 category with its fragmentation figures and its
 * level-2 children, largest spend first, and the unclassified spend as its own row (last).
 */

export interface CategoryRow extends GroupMetrics {
  /** The tree's addressable flag; null for unclassified spend or an id the tree does not know. */
  addressable: boolean | null;
  regime: Regime | null;
  /** Share of the total spend in scope (0–1). */
  share: number;
  children: CategoryRow[];
}

export interface CategoryOverview {
  totals: SpendTotals;
  /** True when a contract register is loaded (on-contract shares are then numbers). */
  hasContracts: boolean;
  rows: CategoryRow[];
}

export async function loadCategoryOverview(
  db: DbConnector,
  options: AnalysisOptions & MetricsOptions = {},
): Promise<CategoryOverview> {
  const lines = await prepareAnalysisLines(db, options);
  try {
    const totals = await analysisSpendTotals(db, lines);
    const { category1: level1, category2: level2 } = await categoryMetrics(db, lines, options);
    const tree = new Map(lines.tree.categories.map((c) => [c.id, c]));
    const row = (m: GroupMetrics, children: CategoryRow[]): CategoryRow => {
      const category = m.id === null ? undefined : tree.get(m.id);
      return {
        ...m,
        addressable: category ? category.addressable : null,
        regime: category ? category.regime : null,
        share: totals.spend !== 0 ? m.spend / totals.spend : 0,
        children,
      };
    };
    const classified = level1
      .filter((m) => m.id !== null)
      .map((m) => row(m, level2.filter((c) => c.id !== null && c.parentId === m.id).map((c) => row(c, []))));
    const unclassified = level1.filter((m) => m.id === null).map((m) => row(m, []));
    return { totals, hasContracts: lines.hasContracts, rows: [...classified, ...unclassified] };
  } finally {
    await lines.close();
  }
}

import { analysisTotals, categoryMetrics, prepareAnalysisLines, type AnalysisTotals, type GroupMetrics } from '../analysis/fragmentation/index.js';
import {
  buildActionPlan, buildKraljicMatrix, findOpportunitiesIn, kraljicFiguresIn, loadKraljicOverrides,
  type ActionPlan, type KraljicMatrix, type OpportunityResult,
} from '../analysis/opportunities/index.js';
import { coverage, type Coverage } from '../classify/coverage.js';
import { loadFileLabels } from '../compare/dataset-labels.js';
import type { DbConnector } from '../db/connector.js';
import { loadImportReport, type ImportReport } from '../import/report.js';
import type { Filters } from '../state/url-state.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import { loadThresholds } from '../thresholds/table.js';
import { thresholdFor, THRESHOLD_REGIMES, type Threshold } from '../thresholds/thresholds.js';
import { complianceSummary, type ComplianceSummary } from './compliance-summary.js';

/**
 * Everything the executive report (Rapport) and the whole-analysis workbook show, from one
 * preparation of the filtered lines, so the printed page, the workbook and the screens agree.
 */

export interface ReportData {
  /** The municipalities of the loaded data sets (Sammenlign's labels), joined; null without data. */
  municipality: string | null;
  filters: Filters;
  totals: AnalysisTotals;
  /** Share of spend with a decided category. */
  classifiedShare: number;
  compliance: ComplianceSummary;
  category1: GroupMetrics[];
  category2: GroupMetrics[];
  opportunities: OpportunityResult;
  plan: ActionPlan;
  kraljic: KraljicMatrix;
  method: {
    imports: ImportReport;
    /** Classification coverage by method over all counted lines (not filtered). */
    coverage: Coverage;
    /** The threshold in force on the data's last day, per regime (with its source). */
    thresholds: (Threshold & { outOfRange: boolean })[];
  };
}

export interface ReportOptions {
  /** filtersWhere(filters, tree) */
  where: string;
  filters: Filters;
  tree?: CategoryTree;
}

export async function loadReport(db: DbConnector, options: ReportOptions): Promise<ReportData> {
  const lines = await prepareAnalysisLines(db, { where: options.where, tree: options.tree });
  try {
    const totals = await analysisTotals(db, lines);
    const opportunities = await findOpportunitiesIn(db, lines, { where: options.where, tree: options.tree });
    const kraljic = buildKraljicMatrix(await kraljicFiguresIn(db, lines), {
      overrides: await loadKraljicOverrides(db),
      opportunities: opportunities.opportunities,
    });
    const labels = await loadFileLabels(db);
    const names = [...new Set(labels.map((l) => l.municipality))];
    const table = await loadThresholds(db);
    const lastDate = opportunities.window?.to ?? totals.lastDate;
    return {
      municipality: names.length ? names.join(', ') : null,
      filters: options.filters,
      totals,
      classifiedShare: totals.spend === 0 ? 0 : totals.classifiedSpend / totals.spend,
      compliance: await complianceSummary(db, lines),
      ...(await categoryMetrics(db, lines)),
      opportunities,
      plan: buildActionPlan(opportunities),
      kraljic,
      method: {
        imports: await loadImportReport(db),
        coverage: await coverage(db),
        thresholds: lastDate
          ? THRESHOLD_REGIMES.map((r) => thresholdFor(table, r, lastDate)).filter((t): t is Threshold & { outOfRange: boolean } => t !== null)
          : [],
      },
    };
  } finally {
    await lines.close();
  }
}

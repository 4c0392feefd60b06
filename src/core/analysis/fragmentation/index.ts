import type { DbConnector } from '../../db/connector.js';
import { memoRows } from './memo.js';
import { quoteIdent } from '../../sql/escape.js';
import { prepareAnalysisLines, type AnalysisLines, type AnalysisOptions } from './lines.js';
import { categoryMetrics, groupMetrics, type GroupMetrics, type MetricsOptions } from './metrics.js';
import { monthlyTrend, type MonthPoint } from './trend.js';

export { createCategoryTable } from './category-table.js';
export { classifiedLinesSql } from './classified.js';
export { prepareAnalysisLines, withSharedLines, type AnalysisLines, type AnalysisOptions } from './lines.js';
export { preparedCondition } from './shared-lines-sql.js';
export { DEFAULT_SMALL_ORDER_LIMIT, categoryMetrics, categoryMetricsSql, categorySpend, groupMetrics, metricsSql, type GroupBy, type GroupMetrics, type GroupSpend, type MetricsOptions } from './metrics.js';
export { monthlyTrend, type MonthPoint } from './trend.js';

export interface AnalysisTotals {
  spend: number;
  addressableSpend: number;
  classifiedSpend: number;
  unclassifiedSpend: number;
  lines: number;
  suppliers: number;
  units: number;
  documents: number;
  firstDate: string | null;
  lastDate: string | null;
}

export async function analysisTotals(db: DbConnector, lines: AnalysisLines): Promise<AnalysisTotals> {
  const [r] = await memoRows(
    db,
    lines,
    `SELECT coalesce(sum(amount), 0)::DECIMAL(18,2) AS spend,
            coalesce(sum(amount) FILTER (WHERE addressable), 0)::DECIMAL(18,2) AS addressable,
            coalesce(sum(amount) FILTER (WHERE category_id IS NOT NULL), 0)::DECIMAL(18,2) AS classified,
            count(*) AS lines, count(DISTINCT supplier_key) AS suppliers, count(DISTINCT unit) AS units,
            count(DISTINCT doc) AS documents, min(date) AS first_date, max(date) AS last_date
       FROM ${quoteIdent(lines.table)}`,
  );
  const spend = Number(r?.spend ?? 0);
  const classified = Number(r?.classified ?? 0);
  return {
    spend,
    addressableSpend: Number(r?.addressable ?? 0),
    classifiedSpend: classified,
    unclassifiedSpend: Math.round((spend - classified) * 100) / 100,
    lines: Number(r?.lines ?? 0),
    suppliers: Number(r?.suppliers ?? 0),
    units: Number(r?.units ?? 0),
    documents: Number(r?.documents ?? 0),
    firstDate: r?.first_date === null || r?.first_date === undefined ? null : String(r.first_date),
    lastDate: r?.last_date === null || r?.last_date === undefined ? null : String(r.last_date),
  };
}

export interface Fragmentation {
  totals: AnalysisTotals;
  category1: GroupMetrics[];
  category2: GroupMetrics[];
  units: GroupMetrics[];
  trend: MonthPoint[];
}

/** Everything the category and unit screens show, in one call (prepares and drops its lines). */
export async function loadFragmentation(
  db: DbConnector,
  options: AnalysisOptions & MetricsOptions = {},
): Promise<Fragmentation> {
  const lines = await prepareAnalysisLines(db, options);
  try {
    return {
      totals: await analysisTotals(db, lines),
      ...(await categoryMetrics(db, lines, options)),
      units: await groupMetrics(db, lines, 'unit', options),
      trend: await monthlyTrend(db, lines),
    };
  } finally {
    await lines.close();
  }
}

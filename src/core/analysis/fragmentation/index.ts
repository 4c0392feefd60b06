import type { DbConnector } from '../../db/connector.js';
import type { Row } from '../../db/rows.js';
import { memoRows } from './memo.js';
import { quoteIdent } from '../../sql/escape.js';
import { prepareAnalysisLines, type AnalysisLines, type AnalysisOptions } from './lines.js';
import { categoryMetrics, groupMetrics, type GroupMetrics, type MetricsOptions } from './metrics.js';
import { monthlyTrend, type MonthPoint } from './trend.js';

export { createCategoryTable } from './category-table.js';
export { classifiedLinesSql } from './classified.js';
export { groupedCondition, prepareAnalysisLines, warmTopLines, withSharedLines, type AnalysisLines, type AnalysisOptions } from './lines.js';
export { preparedCondition } from './shared-lines-sql.js';
export { DEFAULT_SMALL_ORDER_LIMIT, categoryMetrics, categoryMetricsSql, categorySpend, groupMetrics, metricsSql, type GroupBy, type GroupMetrics, type GroupSpend, type MetricsOptions } from './metrics.js';
export { monthlyTrend, type MonthPoint } from './trend.js';

/** What the screens show of the analysed lines: spend, its shares, lines, suppliers and dates. */
export interface SpendTotals {
  spend: number;
  addressableSpend: number;
  classifiedSpend: number;
  unclassifiedSpend: number;
  lines: number;
  suppliers: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** The spend totals with the counts of units and documents (the report's sheet). */
export interface AnalysisTotals extends SpendTotals {
  units: number;
  documents: number;
}

const SPEND_TOTALS = `coalesce(sum(amount), 0)::DECIMAL(18,2) AS spend,
            coalesce(sum(amount) FILTER (WHERE addressable), 0)::DECIMAL(18,2) AS addressable,
            coalesce(sum(amount) FILTER (WHERE category_id IS NOT NULL), 0)::DECIMAL(18,2) AS classified,
            count(*) AS lines, count(DISTINCT supplier_key) AS suppliers, min(date) AS first_date, max(date) AS last_date`;

const dateOf = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** A row with spend, addressable, classified, lines, suppliers, first_date and last_date as SpendTotals. */
export function toSpendTotals(r: Row | undefined): SpendTotals {
  const spend = Number(r?.spend ?? 0);
  const classified = Number(r?.classified ?? 0);
  return {
    spend,
    addressableSpend: Number(r?.addressable ?? 0),
    classifiedSpend: classified,
    unclassifiedSpend: Math.round((spend - classified) * 100) / 100,
    lines: Number(r?.lines ?? 0),
    suppliers: Number(r?.suppliers ?? 0),
    firstDate: dateOf(r?.first_date),
    lastDate: dateOf(r?.last_date),
  };
}

/**
 * The screens' totals. The distinct documents and units the report adds cost more than the rest
 * together (count(DISTINCT doc) alone 75 of 175 ms at 1M lines in DuckDB-WASM) and no screen shows them.
 */
export async function analysisSpendTotals(db: DbConnector, lines: AnalysisLines): Promise<SpendTotals> {
  const [r] = await memoRows(db, lines, `SELECT ${SPEND_TOTALS} FROM ${quoteIdent(lines.table)}`);
  return toSpendTotals(r);
}

export async function analysisTotals(db: DbConnector, lines: AnalysisLines): Promise<AnalysisTotals> {
  const [r] = await memoRows(
    db,
    lines,
    `SELECT ${SPEND_TOTALS}, count(DISTINCT unit) AS units, count(DISTINCT doc) AS documents FROM ${quoteIdent(lines.table)}`,
  );
  return { ...toSpendTotals(r), units: Number(r?.units ?? 0), documents: Number(r?.documents ?? 0) };
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

import type { DbConnector } from '../../db/connector.js';
import { literal, quoteIdent } from '../../sql/escape.js';
import type { AnalysisLines } from './lines.js';
import { memoRows } from './memo.js';
import type { GroupBy } from './metrics.js';

export interface MonthPoint {
  /** Group id (category id or unit); null for the total, or unclassified / no unit. */
  id: string | null;
  /** 'YYYY-MM' */
  month: string;
  spend: number;
  addressableSpend: number;
}

const COLUMN: Record<GroupBy, string> = { category1: 'cat1', category2: 'cat2', unit: 'unit' };

/**
 * Monthly spend (undated lines are left out). Without `groupBy`: the total per month. With
 * `groupBy` and `id`: that group's months. With `groupBy` alone: every group's months.
 */
export async function monthlyTrend(
  db: DbConnector,
  lines: AnalysisLines,
  options: { groupBy?: GroupBy; id?: string | null } = {},
): Promise<MonthPoint[]> {
  const g = options.groupBy ? COLUMN[options.groupBy] : 'NULL::VARCHAR';
  const filter = options.groupBy && options.id !== undefined
    ? options.id === null ? ` AND ${g} IS NULL` : ` AND ${g} = ${literal(options.id)}`
    : '';
  const rows = await memoRows(
    db,
    lines,
    // Formatted after grouping: strftime on every line cost more than the sums (measured at 1M).
    `SELECT id, strftime(month, '%Y-%m') AS month, spend, addressable FROM (
       SELECT ${g} AS id, month, sum(amount)::DECIMAL(18,2) AS spend,
              coalesce(sum(amount) FILTER (WHERE addressable), 0)::DECIMAL(18,2) AS addressable
         FROM ${quoteIdent(lines.table)} WHERE month IS NOT NULL${filter}
        GROUP BY ALL) ORDER BY id NULLS FIRST, month`,
  );
  return rows.map((r) => ({
    id: r.id === null ? null : String(r.id),
    month: String(r.month),
    spend: Number(r.spend),
    addressableSpend: Number(r.addressable),
  }));
}

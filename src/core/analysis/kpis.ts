import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import type { Filters } from '../state/url-state.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import { ensureSchema } from '../workspace/schema.js';
import { filtersWhere } from './filters-sql.js';

export interface Kpis {
  totalSpend: number;
  lines: number;
  suppliers: number;
  documents: number;
  units: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** `tree`: the workspace's tree, for the category filter (see filtersWhere). */
export async function loadKpis(db: DbConnector, filters: Filters, signal?: AbortSignal, tree?: CategoryTree): Promise<Kpis> {
  await ensureSchema(db);
  const [row] = await queryRows(
    db,
    `SELECT coalesce(sum(amount), 0)::DECIMAL(18,2) AS total_spend,
            count(*) AS lines,
            count(DISTINCT coalesce(supplier_key, supplier_cvr, lower(supplier_name))) AS suppliers,
            count(DISTINCT file_id || ':' || document_id) AS documents,
            count(DISTINCT unit) AS units,
            min(coalesce(document_date, posting_date)) AS first_date,
            max(coalesce(document_date, posting_date)) AS last_date
       FROM spend_line WHERE ${filtersWhere(filters, tree)}`,
    { signal },
  );
  return {
    totalSpend: Number(row?.total_spend ?? 0),
    lines: Number(row?.lines ?? 0),
    suppliers: Number(row?.suppliers ?? 0),
    documents: Number(row?.documents ?? 0),
    units: Number(row?.units ?? 0),
    firstDate: (row?.first_date as string | null) ?? null,
    lastDate: (row?.last_date as string | null) ?? null,
  };
}

/** Distinct organisational units, for the filter bar. */
export async function loadUnits(db: DbConnector, signal?: AbortSignal): Promise<string[]> {
  await ensureSchema(db);
  const rows = await queryRows(db, `SELECT DISTINCT unit FROM spend_line WHERE unit IS NOT NULL ORDER BY unit`, { signal });
  return rows.map((r) => String(r.unit));
}

// Finding lines to explain: by line id, or text in the description, supplier or document number.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';

export interface FoundLine {
  lineId: number;
  supplierName: string | null;
  description: string | null;
  amount: number;
  categoryId: string | null;
  method: string | null;
  /** False for a learned suggestion nobody accepted yet; null when the line has no decision. */
  accepted: boolean | null;
}

export type LineFilter = 'all' | 'unclassified' | 'suggested' | 'manual';

const FILTER: Record<LineFilter, string> = {
  all: 'TRUE',
  unclassified: 'NOT coalesce(c.accepted, FALSE)',
  suggested: `c.method = 'learned' AND NOT c.accepted`,
  manual: `c.method = 'manual'`,
};

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Up to `limit` lines, largest first. An all-digit search also finds the line with that id. */
export async function findLines(
  db: DbConnector,
  request: { search?: string; filter?: LineFilter; where?: string; limit?: number; signal?: AbortSignal } = {},
): Promise<FoundLine[]> {
  const needle = request.search?.trim().toLowerCase() ?? '';
  const text = needle
    ? `(contains(lower(coalesce(l.description, '')), ${literal(needle)}) OR contains(lower(coalesce(l.supplier_name, '')), ${literal(needle)})
        OR lower(coalesce(l.document_id, '')) = ${literal(needle)}${/^\d{1,18}$/.test(needle) ? ` OR l.line_id = ${literal(needle)}::BIGINT` : ''})`
    : 'TRUE';
  const limit = Math.min(200, Math.max(1, Math.floor(request.limit ?? 25)));
  const rows = await queryRows(
    db,
    `SELECT l.line_id, l.supplier_name, l.description, l.amount, c.category_id, c.method, c.accepted
       FROM (SELECT * FROM spend_line WHERE ${request.where ?? 'TRUE'}) l LEFT JOIN classification c ON c.line_id = l.line_id
      WHERE ${text} AND ${FILTER[request.filter ?? 'all']}
      ORDER BY abs(l.amount) DESC, l.line_id LIMIT ${literal(limit)}`,
    { signal: request.signal },
  );
  return rows.map((r) => ({
    lineId: Number(r.line_id),
    supplierName: str(r.supplier_name),
    description: str(r.description),
    amount: Number(r.amount),
    categoryId: str(r.category_id),
    method: str(r.method),
    accepted: r.accepted === null ? null : Boolean(r.accepted),
  }));
}

// Learned suggestions waiting for a person: proposals for lines no rule caught, and level-2
// choices under a rule's level-1 decision. Largest spend first, paged in DuckDB.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';

export type SuggestionKind = 'line' | 'refine';

export interface Suggestion {
  lineId: number;
  kind: SuggestionKind;
  supplierKey: string | null;
  supplierName: string | null;
  description: string | null;
  amount: number;
  /** The suggested category and the model's confidence (0–1). */
  categoryId: string;
  confidence: number;
  /** For 'refine': the level-1 category a rule decided. */
  currentCategoryId: string | null;
}

export interface SuggestionPage {
  rows: Suggestion[];
  /** All open suggestions under the filters, and those at or above the threshold. */
  total: { lines: number; spend: number };
  above: { lines: number; spend: number };
  offset: number;
  limit: number;
}

export interface SuggestionRequest {
  where?: string;
  threshold?: number;
  /** Only suggestions at or above the threshold in the list. */
  onlyAbove?: boolean;
  offset?: number;
  limit?: number;
  signal?: AbortSignal;
}

const int = (v: number | undefined, fallback: number, max: number): number =>
  v === undefined || !Number.isFinite(v) ? fallback : Math.min(max, Math.max(0, Math.floor(v)));

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Open suggestions with their line: (line_id, kind, category_id, confidence, current, spend, line columns). */
export function openSuggestionsSql(where = 'counted'): string {
  return `SELECT l.line_id, l.supplier_key, l.supplier_name, l.description, l.amount, abs(l.amount)::DOUBLE AS spend, s.kind, s.category_id, s.confidence, s.current
    FROM (SELECT line_id, 'line' AS kind, category_id, confidence, NULL::VARCHAR AS current FROM classification
           WHERE method = 'learned' AND NOT accepted
          UNION ALL
          SELECT line_id, 'refine', suggested_category_id, suggested_confidence, category_id FROM classification
           WHERE suggested_category_id IS NOT NULL) s
    JOIN (SELECT * FROM spend_line WHERE ${where}) l ON l.line_id = s.line_id`;
}

export async function learnedSuggestions(db: DbConnector, request: SuggestionRequest = {}): Promise<SuggestionPage> {
  const limit = Math.max(1, int(request.limit, 50, 500));
  const offset = int(request.offset, 0, Number.MAX_SAFE_INTEGER);
  const threshold = literal(request.threshold ?? 0.8);
  const rows = await queryRows(
    db,
    `WITH s AS (${openSuggestionsSql(request.where)}),
          t AS (SELECT count(*) AS all_lines, coalesce(sum(spend), 0)::DOUBLE AS all_spend,
                       count(*) FILTER (WHERE confidence >= ${threshold}) AS above_lines,
                       coalesce(sum(spend) FILTER (WHERE confidence >= ${threshold}), 0)::DOUBLE AS above_spend FROM s),
          p AS (SELECT * FROM s ${request.onlyAbove ? `WHERE confidence >= ${threshold}` : ''}
                 ORDER BY spend DESC, line_id LIMIT ${literal(limit)} OFFSET ${literal(offset)})
     SELECT * FROM t LEFT JOIN p ON TRUE ORDER BY p.spend DESC, p.line_id`,
    { signal: request.signal },
  );
  const t = rows[0];
  return {
    rows: rows.filter((r) => r.line_id !== null).map((r) => ({
      lineId: Number(r.line_id),
      kind: r.kind === 'refine' ? 'refine' : 'line',
      supplierKey: str(r.supplier_key),
      supplierName: str(r.supplier_name),
      description: str(r.description),
      amount: Number(r.amount),
      categoryId: String(r.category_id),
      confidence: Number(r.confidence),
      currentCategoryId: str(r.current),
    })),
    total: { lines: Number(t?.all_lines ?? 0), spend: Number(t?.all_spend ?? 0) },
    above: { lines: Number(t?.above_lines ?? 0), spend: Number(t?.above_spend ?? 0) },
    offset,
    limit,
  };
}

// The review queue: spend no rule decided and no person accepted, grouped by supplier or by
// description, largest first, paged in DuckDB.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';

export type QueueGrouping = 'supplier' | 'description';

export interface QueueRow {
  /**
   * What a rule for the group matches: the supplier key, or the description as the engine compares
   * it (lowercase, trimmed). Null for lines without a supplier or description (no rule can name them).
   */
  key: string | null;
  /** For people: the supplier's name, or the description as most of its spend was written. */
  label: string;
  lines: number;
  /** Absolute amounts, as coverage counts them (a credit note is work too). */
  spend: number;
  /** Suppliers (description groups) or distinct descriptions (supplier groups). */
  spread: number;
  /** The learned model's category for most of the group's spend, with its share of that spend. */
  suggestion: { categoryId: string; share: number; confidence: number } | null;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Groups, open lines and open spend in the whole queue (all pages). */
  groups: number;
  lines: number;
  spend: number;
  offset: number;
  limit: number;
}

export interface QueueRequest {
  by: QueueGrouping;
  /** A condition over spend_line (the global filters); default: counted lines. */
  where?: string;
  offset?: number;
  limit?: number;
  /** Case-insensitive text in the supplier name/key or the description. */
  search?: string;
  signal?: AbortSignal;
}

const KEY: Record<QueueGrouping, string> = {
  supplier: `nullif(trim(supplier_key), '')`,
  description: `nullif(lower(trim(description)), '')`,
};
const LABEL: Record<QueueGrouping, string> = {
  supplier: `coalesce(supplier_name, supplier_key)`,
  description: `trim(description)`,
};
const SPREAD: Record<QueueGrouping, string> = {
  supplier: `count(DISTINCT lower(trim(description)))`,
  description: `count(DISTINCT supplier_key)`,
};

const int = (v: number | undefined, fallback: number, max: number): number =>
  v === undefined || !Number.isFinite(v) ? fallback : Math.min(max, Math.max(0, Math.floor(v)));

/** The open lines (no accepted decision) of spend_line under `where`, with the learned suggestion. */
export function openLinesSql(where = 'counted'): string {
  return `SELECT l.*, abs(l.amount)::DOUBLE AS spend,
                 CASE WHEN c.method = 'learned' THEN c.category_id END AS sug, c.confidence AS conf
            FROM (SELECT * FROM spend_line WHERE ${where}) l LEFT JOIN classification c ON c.line_id = l.line_id
           WHERE NOT coalesce(c.accepted, FALSE)`;
}

export async function reviewQueue(db: DbConnector, request: QueueRequest): Promise<QueuePage> {
  const by = request.by;
  const limit = Math.max(1, int(request.limit, 50, 500));
  const offset = int(request.offset, 0, Number.MAX_SAFE_INTEGER);
  const needle = request.search?.trim().toLowerCase();
  const search = needle
    ? `WHERE contains(lower(coalesce(${LABEL[by]}, '')), ${literal(needle)}) OR contains(lower(coalesce(${KEY[by]}, '')), ${literal(needle)})`
    : '';
  const rows = await queryRows(
    db,
    `WITH o AS (SELECT *, ${KEY[by]} AS k FROM (${openLinesSql(request.where)}) ${search}),
          g AS (SELECT k, arg_max(${LABEL[by]}, (spend, ${LABEL[by]})) AS label, count(*) AS lines, sum(spend) AS spend, ${SPREAD[by]} AS spread
                  FROM o GROUP BY k),
          s AS (SELECT k, sug, sum(spend) AS sp, avg(conf) AS conf FROM o WHERE sug IS NOT NULL GROUP BY k, sug),
          -- Ties by value, so the label, the suggestion and its confidence do not depend on row order.
          b AS (SELECT k, arg_max(sug, (sp, sug)) AS sug, max(sp) AS sp, arg_max(conf, (sp, sug)) AS conf FROM s GROUP BY k),
          t AS (SELECT count(*) AS groups, coalesce(sum(lines), 0) AS all_lines, coalesce(sum(spend), 0)::DOUBLE AS all_spend FROM g)
     SELECT p.k, p.label, p.lines, p.spend::DOUBLE AS spend, p.spread, p.sug, (p.sp / nullif(p.spend, 0))::DOUBLE AS sug_share,
            p.conf::DOUBLE AS sug_conf, t.groups, t.all_lines, t.all_spend
       FROM t LEFT JOIN (SELECT * FROM g LEFT JOIN b USING (k) ORDER BY g.spend DESC, k NULLS LAST
                         LIMIT ${literal(limit)} OFFSET ${literal(offset)}) p ON TRUE
      ORDER BY p.spend DESC, p.k NULLS LAST`,
    { signal: request.signal },
  );
  const head = rows[0];
  return {
    rows: rows
      .filter((r) => r.lines !== null)
      .map((r) => ({
        key: r.k === null ? null : String(r.k),
        label: r.label === null ? '' : String(r.label),
        lines: Number(r.lines),
        spend: Number(r.spend),
        spread: Number(r.spread),
        suggestion: r.sug === null ? null : { categoryId: String(r.sug), share: Number(r.sug_share ?? 0), confidence: Number(r.sug_conf ?? 0) },
      })),
    groups: Number(head?.groups ?? 0),
    lines: Number(head?.all_lines ?? 0),
    spend: Number(head?.all_spend ?? 0),
    offset,
    limit,
  };
}

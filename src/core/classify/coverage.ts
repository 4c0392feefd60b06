// Coverage: how much of the spend and of the lines has a decided category, by method.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { ensureClassifySchema } from './schema.js';

export interface MethodCoverage {
  lines: number;
  spend: number;
  lineShare: number;
  spendShare: number;
}

/**
 * Shares are of counted lines (an e-commerce line that is also invoiced counts once, on the
 * invoice) and of spend as the absolute amount, so a credit note adds to the work to classify
 * rather than cancelling it. A learned suggestion counts once accepted; open suggestions are
 * reported apart. `byMethod` has 'none' for lines without a decision.
 */
export interface Coverage {
  lines: number;
  spend: number;
  coveredLines: number;
  coveredSpend: number;
  coveredLineShare: number;
  coveredSpendShare: number;
  byMethod: Record<string, MethodCoverage>;
  /** Lines with an open learned suggestion: a proposal not accepted yet or a level-2 refinement. */
  suggestions: { lines: number; spend: number };
}

/**
 * A line with an open suggestion, as the review list counts them (review/suggestions.ts): a learned
 * proposal not accepted yet, or a level-2 choice under a rule's level-1 decision.
 */
const OPEN = `(c.method = 'learned' AND NOT c.accepted) OR c.suggested_category_id IS NOT NULL`;

export async function coverage(db: DbConnector): Promise<Coverage> {
  await ensureClassifySchema(db);
  const rows = await queryRows(
    db,
    `SELECT CASE WHEN c.accepted THEN c.method ELSE 'none' END AS method,
            count(*) AS lines, coalesce(sum(abs(l.amount)), 0)::DOUBLE AS spend,
            count(*) FILTER (WHERE ${OPEN}) AS open_lines,
            coalesce(sum(abs(l.amount)) FILTER (WHERE ${OPEN}), 0)::DOUBLE AS open_spend
       FROM spend_line l LEFT JOIN classification c ON c.line_id = l.line_id
      WHERE l.counted GROUP BY 1 ORDER BY 1`,
  );
  const lines = rows.reduce((n, r) => n + Number(r.lines), 0);
  const spend = rows.reduce((n, r) => n + Number(r.spend), 0);
  const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
  const byMethod: Record<string, MethodCoverage> = {};
  for (const r of rows) {
    const l = Number(r.lines);
    const s = Number(r.spend);
    byMethod[String(r.method)] = { lines: l, spend: s, lineShare: share(l, lines), spendShare: share(s, spend) };
  }
  const none = byMethod.none ?? { lines: 0, spend: 0 };
  return {
    lines,
    spend,
    coveredLines: lines - none.lines,
    coveredSpend: spend - none.spend,
    coveredLineShare: share(lines - none.lines, lines),
    coveredSpendShare: share(spend - none.spend, spend),
    byMethod,
    suggestions: {
      lines: rows.reduce((n, r) => n + Number(r.open_lines), 0),
      spend: rows.reduce((n, r) => n + Number(r.open_spend), 0),
    },
  };
}

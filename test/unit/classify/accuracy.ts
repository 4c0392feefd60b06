import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';

export interface Accuracy {
  /** Share of spend (absolute amounts) / of lines whose decided category is right at level 1 and level 2. */
  level1Spend: number;
  level2Spend: number;
  level1Lines: number;
  level2Lines: number;
  /** Per method: lines, spend share, and level-1/level-2 accuracy by spend within the method. */
  byMethod: Record<string, { lines: number; spendShare: number; level1: number; level2: number }>;
}

/**
 * Compares decided categories (accepted rows) with the ground truth in table `truth(file, row,
 * category_id)`. Counted lines only (an invoiced e-commerce line counts once, on the invoice); a
 * line without a decision counts as wrong.
 */
export async function measureAccuracy(db: DbConnector): Promise<Accuracy> {
  const rows = await queryRows(
    db,
    `WITH j AS (
       SELECT CASE WHEN c.accepted THEN c.method ELSE 'none' END AS method, abs(l.amount) AS spend,
              coalesce(c.accepted AND cc.l1 = tc.l1, FALSE) AS ok1, coalesce(c.accepted AND c.category_id = t.category_id, FALSE) AS ok2
         FROM spend_line l JOIN truth t ON t.file = l.file AND t."row" = l."row"
         LEFT JOIN classification c ON c.line_id = l.line_id
         LEFT JOIN (SELECT category_id, coalesce(parent_id, category_id) AS l1 FROM cls_category) cc ON cc.category_id = c.category_id
         LEFT JOIN (SELECT category_id, coalesce(parent_id, category_id) AS l1 FROM cls_category) tc ON tc.category_id = t.category_id
        WHERE l.counted)
     SELECT coalesce(method, '*') AS method, count(*) AS lines, sum(spend)::DOUBLE AS spend,
            (sum(spend) FILTER (WHERE ok1))::DOUBLE AS s1, (sum(spend) FILTER (WHERE ok2))::DOUBLE AS s2,
            count(*) FILTER (WHERE ok1) AS n1, count(*) FILTER (WHERE ok2) AS n2
       FROM j GROUP BY ROLLUP (method)`,
  );
  const all = rows.find((r) => r.method === '*');
  if (!all) throw new Error('no lines joined the truth');
  const total = Number(all.spend);
  const byMethod: Accuracy['byMethod'] = {};
  for (const r of rows) {
    if (r.method === '*') continue;
    const s = Number(r.spend);
    byMethod[String(r.method)] = { lines: Number(r.lines), spendShare: s / total, level1: Number(r.s1 ?? 0) / s, level2: Number(r.s2 ?? 0) / s };
  }
  return {
    level1Spend: Number(all.s1 ?? 0) / total,
    level2Spend: Number(all.s2 ?? 0) / total,
    level1Lines: Number(all.n1) / Number(all.lines),
    level2Lines: Number(all.n2) / Number(all.lines),
    byMethod,
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

export function formatAccuracy(label: string, a: Accuracy): string {
  const methods = Object.entries(a.byMethod)
    .map(([m, v]) => `    ${m.padEnd(10)} ${String(v.lines).padStart(6)} lines  ${pct(v.spendShare).padStart(8)} of spend  L1 ${pct(v.level1).padStart(8)}  L2 ${pct(v.level2).padStart(8)}`)
    .join('\n');
  return `${label}: level 1 ${pct(a.level1Spend)} of spend / ${pct(a.level1Lines)} of lines; level 2 ${pct(a.level2Spend)} of spend / ${pct(a.level2Lines)} of lines\n${methods}`;
}

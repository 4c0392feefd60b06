import type { DbConnector } from '../../src/core/db/connector.js';
import { queryRows } from '../../src/core/db/rows.js';

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

export interface Band {
  from: number;
  lines: number;
  spend: number;
  /** Share of the band's spend / lines whose proposal is the true level-2 category. */
  rightSpend: number;
  rightLines: number;
  /** The same at level 1 (the proposal's main category is the truth's). */
  rightSpend1: number;
}

/**
 * Learned proposals (open or accepted, and level-2 suggestions under a rule's level-1 decision)
 * grouped by confidence, each band with how often the proposal is right (level 2).
 */
export async function measureLearnedBands(
  db: DbConnector,
  edges: readonly number[] = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99],
  kind: 'all' | 'decisions' | 'refinements' = 'all',
): Promise<Band[]> {
  const which = { all: 'TRUE', decisions: `c.method = 'learned'`, refinements: `c.method <> 'learned'` }[kind];
  const rows = await queryRows(
    db,
    `WITH p AS (
       SELECT l.file, l."row", abs(l.amount) AS w,
              CASE WHEN c.method = 'learned' THEN c.category_id WHEN c.refine_rule_id = 'learned' THEN c.category_id ELSE c.suggested_category_id END AS cat,
              CASE WHEN c.method = 'learned' OR c.refine_rule_id = 'learned' THEN c.confidence ELSE c.suggested_confidence END AS p
         FROM classification c JOIN spend_line l USING (line_id)
        WHERE l.counted AND (c.method = 'learned' OR c.refine_rule_id = 'learned' OR c.suggested_category_id IS NOT NULL) AND ${which})
     SELECT ${`CASE ${[...edges].reverse().map((e) => `WHEN p.p >= ${e} THEN ${e}`).join(' ')} END`} AS band,
            count(*) AS n, sum(w)::DOUBLE AS s, count(*) FILTER (WHERE p.cat = t.category_id) AS ok_n,
            coalesce(sum(w) FILTER (WHERE p.cat = t.category_id), 0)::DOUBLE AS ok_s,
            coalesce(sum(w) FILTER (WHERE coalesce(pc.parent_id, pc.category_id) = coalesce(tc.parent_id, tc.category_id)), 0)::DOUBLE AS ok_s1
       FROM p JOIN truth t ON t.file = p.file AND t."row" = p."row"
       LEFT JOIN cls_category pc ON pc.category_id = p.cat LEFT JOIN cls_category tc ON tc.category_id = t.category_id
      GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => ({
    from: Number(r.band), lines: Number(r.n), spend: Number(r.s), rightSpend: Number(r.ok_s) / Math.max(Number(r.s), 1e-9), rightLines: Number(r.ok_n) / Number(r.n),
    rightSpend1: Number(r.ok_s1) / Math.max(Number(r.s), 1e-9),
  }));
}

/** Of the proposals at or above each band's lower edge: how often right (cumulative, what acceptance at that threshold gives). */
export function cumulative(bands: readonly Band[]): Band[] {
  return bands.map((b, i) => {
    const above = bands.slice(i);
    const lines = above.reduce((a, x) => a + x.lines, 0);
    const spend = above.reduce((a, x) => a + x.spend, 0);
    return {
      from: b.from, lines, spend,
      rightSpend: above.reduce((a, x) => a + x.rightSpend * x.spend, 0) / Math.max(spend, 1e-9),
      rightLines: above.reduce((a, x) => a + x.rightLines * x.lines, 0) / Math.max(lines, 1),
      rightSpend1: above.reduce((a, x) => a + x.rightSpend1 * x.spend, 0) / Math.max(spend, 1e-9),
    };
  });
}

export function formatBands(label: string, bands: readonly Band[]): string {
  const rows = bands.map((b) => `    ≥ ${b.from.toFixed(2)}  ${String(b.lines).padStart(6)} lines  ${(b.spend / 1e6).toFixed(1).padStart(7)} mio.  right ${pct(b.rightSpend).padStart(8)} of spend (L1 ${pct(b.rightSpend1).padStart(8)}), ${pct(b.rightLines).padStart(8)} of lines`);
  return `${label}\n${rows.join('\n')}`;
}

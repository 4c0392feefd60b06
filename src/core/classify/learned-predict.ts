// Learned suggestions from the trained naive Bayes model (learned.ts): for lines no rule caught,
// and a level-2 choice for lines a rule put in a level-1 category only.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { inputsSql } from './learned.js';
import { scopeWhere, type Scope } from './match-sql.js';
import { ensureClassifySchema } from './schema.js';

/** The inputs the dense part of a score depends on, as one key. */
const zkey = (x: string): string => `hash(${x}.n, ${x}.ha, ${x}.hu, ${x}.base)`;

/** A class's score from the prior and the dense features (art, unit) alone: the part every class gets. */
const DENSE = `cl.logprior + x.n * cl.logunseen + coalesce(fa.w, 0) + coalesce(fu.w, 0)`;
const DENSE_JOINS = `LEFT JOIN cls_nb_da fa ON fa.h = x.ha AND fa.c = cl.c LEFT JOIN cls_nb_du fu ON fu.h = x.hu AND fu.c = cl.c`;

/** cls_nb_x: the distinct inputs to score, with their number of known features (n). */
async function buildInputs(db: DbConnector, scope: Scope): Promise<void> {
  // Both sides narrowed to the scope first: an incremental run must not build a hash table of every line.
  const narrow = (table: string): string => (scope === 'all' ? table : `(SELECT * FROM ${table} ${scopeWhere(scope, table)})`);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_todo AS
     SELECT line_id, hd, hs, ha, hu, base, hash(hd, hs, ha, hu, base) AS k FROM (
       SELECT cl.line_id, ${inputsSql()}, c.category_id AS base
         FROM ${narrow('cls_line')} cl LEFT JOIN ${narrow('classification')} c ON c.line_id = cl.line_id
         LEFT JOIN cls_category cat ON cat.category_id = c.category_id
        WHERE c.line_id IS NULL OR (cat.level = 1 AND c.method <> 'learned'))`,
  );
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_x AS
     WITH x AS (SELECT DISTINCT k, hd, hs, ha, hu, base FROM cls_nb_todo),
          dn AS (SELECT h, count(*) AS n FROM cls_nb_dwf SEMI JOIN cls_nb_vocab v USING (f) WHERE h IN (SELECT hd FROM x) GROUP BY h),
          sn AS (SELECT h, count(*) AS n FROM cls_nb_sup SEMI JOIN cls_nb_vocab v USING (f) WHERE h IN (SELECT hs FROM x) GROUP BY h),
          au AS (SELECT kind, h FROM cls_nb_au SEMI JOIN cls_nb_vocab v USING (f))
     SELECT x.*, (coalesce(dn.n, 0) + coalesce(sn.n, 0) + (a.h IS NOT NULL)::INTEGER + (u.h IS NOT NULL)::INTEGER)::DOUBLE AS n
       FROM x LEFT JOIN dn ON dn.h = x.hd LEFT JOIN sn ON sn.h = x.hs
       LEFT JOIN au a ON a.kind = 'a' AND a.h = x.ha LEFT JOIN au u ON u.kind = 'u' AND u.h = x.hu`,
  );
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_da AS SELECT a.h, fc.c, fc.w FROM cls_nb_au a JOIN cls_nb_fc fc USING (f) WHERE a.kind = 'a'`,
  );
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_du AS SELECT u.h, fc.c, fc.w FROM cls_nb_au u JOIN cls_nb_fc fc USING (f) WHERE u.kind = 'u'`,
  );
}

/** The classes an input may get: any class, or a child of the level-1 category a rule put it in. */
const CANDIDATE = `(x.base IS NULL OR cl.parent_id = x.base)`;

/**
 * A DOUBLE sum that comes out the same in every run: each term rounded to `scale` decimals and added
 * exactly (DECIMAL). A plain sum() over DOUBLE adds in the order rows reach the threads, so native
 * DuckDB (two threads) gave confidences that differed in the last bits from run to run, and a
 * suggestion right at the acceptance threshold was accepted in one run and not in the next. A term is at
 * most about 17 (a weight, ln(1 + lines)) or 1 (an exponential shifted by the maximum), and a sum
 * runs over one input's features or classes, a few hundred at most: far inside the 14 and 8 digits
 * before the decimal point.
 */
const exactSum = (term: string, scale: 24 | 30): string => `sum((${term})::DECIMAL(38, ${scale}))::DOUBLE`;

/** Candidate classes per input: the best few by description evidence and by supplier evidence. */
export const NB_CANDIDATES = 5;

/**
 * Scores without a row per input and class. An input's candidates (cls_nb_cand) are the classes
 * with the strongest sparse evidence (description words, supplier): the top NB_CANDIDATES by its
 * description and by its supplier. Every other class scores its dense part only (prior, unseen
 * features, art, unit), and their sum depends on (n, art, unit, level-1 restriction) alone
 * (cls_nb_z). So Z = Σ_all exp(dense) + Σ_candidates (exp(score) − exp(dense)), shifted by the
 * maximum. Classes outside the candidates with weak sparse evidence are counted at their dense
 * part, which can raise a confidence slightly.
 */
async function score(db: DbConnector): Promise<void> {
  const top = (feats: string, key: string): string =>
    `SELECT h, c, w FROM (SELECT f.h, fc.c, ${exactSum('fc.w', 24)} AS w FROM ${feats} f JOIN cls_nb_fc fc USING (f)
                           WHERE f.h IN (SELECT ${key} FROM cls_nb_x) GROUP BY ALL)
      QUALIFY row_number() OVER (PARTITION BY h ORDER BY w DESC, c) <= ${NB_CANDIDATES}`;
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_nb_dsc AS ${top('cls_nb_dwf', 'hd')}`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_nb_ssc AS ${top('cls_nb_sup', 'hs')}`);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_cand AS
     WITH kc AS (SELECT x.k, d.c FROM cls_nb_x x JOIN cls_nb_dsc d ON d.h = x.hd
                 UNION SELECT x.k, s.c FROM cls_nb_x x JOIN cls_nb_ssc s ON s.h = x.hs)
     SELECT x.k, cl.c, ${DENSE} AS ds, ${DENSE} + coalesce(d.w, 0) + coalesce(s.w, 0) AS sc
       FROM kc JOIN cls_nb_x x ON x.k = kc.k JOIN cls_nb_class cl ON cl.c = kc.c ${DENSE_JOINS}
       LEFT JOIN cls_nb_dsc d ON d.h = x.hd AND d.c = cl.c LEFT JOIN cls_nb_ssc s ON s.h = x.hs AND s.c = cl.c
      WHERE ${CANDIDATE}`,
  );
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_z AS
     WITH x AS (SELECT DISTINCT ${zkey('x')} AS zk, n, ha, hu, base FROM cls_nb_x x),
          zs AS (SELECT x.zk, cl.c, ${DENSE} AS ds FROM x JOIN cls_nb_class cl ON ${CANDIDATE} ${DENSE_JOINS}),
          zm AS (SELECT zk, max(ds) AS m0, arg_min(c, (-ds, c)) AS c0 FROM zs GROUP BY zk)
     SELECT zs.zk, zm.m0, zm.c0, ${exactSum('exp(zs.ds - zm.m0)', 30)} AS sum0 FROM zs JOIN zm USING (zk) GROUP BY ALL`,
  );
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_res AS
     WITH cm AS (SELECT k, max(sc) AS mx, arg_min(c, (-sc, c)) AS best FROM cls_nb_cand GROUP BY k),
          ca AS (SELECT cm.k, cm.mx, cm.best, ${exactSum('exp(c.sc - cm.mx) - exp(c.ds - cm.mx)', 30)} AS adj
                   FROM cls_nb_cand c JOIN cm USING (k) GROUP BY ALL)
     SELECT x.k, CASE WHEN ca.mx >= z.m0 THEN ca.best ELSE z.c0 END AS c,
            1 / (z.sum0 * exp(z.m0 - greatest(z.m0, coalesce(ca.mx, z.m0)))
                 + coalesce(ca.adj * exp(ca.mx - greatest(z.m0, ca.mx)), 0)) AS p
       FROM cls_nb_x x JOIN cls_nb_z z ON z.zk = ${zkey('x')}
       LEFT JOIN ca ON ca.k = x.k`,
  );
}

/**
 * Proposes categories for the lines in scope. A line with no classification gets a row with method
 * 'learned' and accepted = FALSE. A line a rule put in a level-1 category keeps that decision and gets
 * a level-2 child in suggested_category_id / suggested_confidence. score(c) = log prior + Σ log P(f|c)
 * over known features; the confidence is the posterior normalised over the candidate classes
 * (all classes, or the children of the level-1 category), in DOUBLE. Ties go to the class first in
 * alphabetical order, as in the candidates' ranking.
 */
export async function predictLearned(db: DbConnector, scope: Scope): Promise<number> {
  await buildInputs(db, scope);
  const [todo] = await queryRows(db, `SELECT count(*) AS n FROM cls_nb_todo`);
  // A rule edit whose lines all got a level-2 decision leaves nothing to propose: the scoring's ten
  // statements would run on empty tables.
  if (Number(todo?.n ?? 0) === 0) return 0;
  await score(db);
  await db.exec(
    `INSERT INTO classification (line_id, category_id, rule_id, method, confidence, accepted)
     SELECT t.line_id, r.c, NULL, 'learned', r.p, FALSE FROM cls_nb_todo t JOIN cls_nb_res r USING (k) WHERE t.base IS NULL`,
  );
  // The new values per line first, then an UPDATE from that one table: DuckDB ran the UPDATE with
  // the join in its FROM 8× slower (1.8 s against 0.25 s for 61k of 1M lines).
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_upd AS
     SELECT t.line_id, r.c, r.p FROM cls_nb_todo t JOIN cls_nb_res r USING (k) WHERE t.base IS NOT NULL`,
  );
  await db.exec(
    `UPDATE classification SET suggested_category_id = u.c, suggested_confidence = u.p
       FROM cls_nb_upd u WHERE classification.line_id = u.line_id`,
  );
  return Number(todo?.n ?? 0);
}

/**
 * Accepts every learned suggestion at or above `threshold`: open proposals become decisions, and
 * level-2 suggestions under a rule's level-1 decision are applied (refine_rule_id 'learned') from
 * `refineThreshold` (default the same): such a choice cannot move the line out of the level 1 the
 * rule decided, so it may be taken where it is more likely right than not. A threshold of 1 (or
 * more) accepts none, as the command line documents.
 */
export async function acceptLearned(db: DbConnector, threshold: number, refineThreshold = threshold): Promise<{ lines: number; refined: number }> {
  await ensureClassifySchema(db);
  if (!(threshold < 1)) return { lines: 0, refined: 0 };
  const t = literal(threshold);
  const r = literal(Math.max(refineThreshold, 0));
  const [row] = await queryRows(
    db,
    `SELECT count(*) FILTER (WHERE method = 'learned' AND NOT accepted AND confidence >= ${t}) AS n,
            count(*) FILTER (WHERE suggested_category_id IS NOT NULL AND suggested_confidence >= ${r}) AS r
       FROM classification`,
  );
  await db.exec(`UPDATE classification SET accepted = TRUE WHERE method = 'learned' AND NOT accepted AND confidence >= ${t}`);
  await db.exec(
    `UPDATE classification SET category_id = suggested_category_id, confidence = suggested_confidence, refine_rule_id = 'learned',
            suggested_category_id = NULL, suggested_confidence = NULL
      WHERE suggested_category_id IS NOT NULL AND suggested_confidence >= ${r}`,
  );
  return { lines: Number(row?.n ?? 0), refined: Number(row?.r ?? 0) };
}

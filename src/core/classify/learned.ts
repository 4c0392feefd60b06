// The learned model: multinomial naive Bayes in SQL (Laplace smoothing, log-probabilities in
// DOUBLE), trained on the lines rules or people classified. Features of a line:
//   w: words of the description (skeletons, so lost æøå meet), w< / w> the start and end of long
//      compound words ("leasingydelse", "bogholdervikar");
//   n: the same for the words of the supplier's name ("... Kørsel A/S", "... IT-Consult");
//   s: the supplier key; a: the art; u: the buying unit.
// Everything is keyed by the value hashes of cls_line / cls_dict (lines-sql.ts): features are
// computed per distinct description and supplier, documents are counted per distinct combination.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { ensureClassifySchema } from './schema.js';
import { ART_FIELD, columnField, hashColumn, skeleton, skeletonSql, tokensSql } from './text-sql.js';

/** Laplace smoothing. */
export const NB_ALPHA = 1;
/**
 * The confidence at or above which the command line accepts learned proposals for lines no rule
 * caught. Chosen by measurement (docs/classification.md): the lowest threshold at which accepted
 * proposals were in the right main category at least 95 % of the time (by spend) on both tuning
 * municipalities (Demo Kommune seed "acc", Fjordby seed "tune-1"); the naive Bayes posterior is
 * overconfident, so lower ones were not.
 */
export const DEFAULT_ACCEPT_LEARNED = 0.99;
/**
 * The confidence from which the command line takes a level-2 suggestion under a rule's level-1
 * decision: it cannot move the line out of the rule's level 1, so more likely right than not will do
 * (measured 96–97 % right at level 2 on the tuning municipalities from 0.5).
 */
export const DEFAULT_ACCEPT_REFINE = 0.5;
/** A word seen in more than this share of the classes (and more than 5) is dropped as uninformative. */
export const MAX_CLASS_SPREAD = 0.3;

/** The model's inputs of a line in cls_line aliased `cl`: description, supplier, art and unit hashes. */
export function inputsSql(cl = 'cl'): string {
  return `${cl}.${hashColumn(columnField('description'))} AS hd, ${cl}.${hashColumn(columnField('supplier_key'))} AS hs,
          ${cl}.${hashColumn(ART_FIELD)} AS ha, ${cl}.${hashColumn(columnField('unit'))} AS hu`;
}

/** Legal forms and filler in supplier names carry no meaning. */
const NAME_STOP = ['a', 's', 'as', 'aps', 'i', 'is', 'ivs', 'k', 'ks', 'p', 'ps', 'v', 'og', 'the', 'ltd', 'inc', 'ab', 'gmbh', 'danmark', 'denmark'];

/**
 * Words any supplier writes on any invoice ("Ophold maj jf. kontrakt", "Faktura 2025-04", "Ydelse
 * iflg. aftale", "Lev. iflg. ordre 7781"): references, document words, months, periods and units.
 * They must not decide a suggestion, so they are not features; numbers never are.
 */
export const GENERIC_WORDS = [
  'jf', 'jfr', 'iflg', 'ifl', 'ifølge', 'vedr', 'vedrørende', 'ref', 'reference', 'kontrakt', 'kontrakten', 'aftale', 'aftalen', 'aftalt',
  'faktura', 'fakt', 'fak', 'kreditnota', 'kreditering', 'kredit', 'ordre', 'ordrenr', 'bestilling', 'lev', 'levering', 'leveret', 'nr',
  'ydelse', 'ydelser', 'afregning', 'afregn', 'regning', 'betaling', 'opkrævning', 'periode', 'perioden', 'måned', 'månedlig', 'md', 'mdr',
  'uge', 'kvartal', 'kvt', 'år', 'året', 'dato', 'stk', 'pk', 'pakke', 'kr', 'dkk', 'kg', 'ltr', 'liter', 'time', 'timer', 'km', 'og', 'til',
  'for', 'af', 'fra', 'med', 'i', 'på', 'jan', 'januar', 'feb', 'februar', 'mar', 'marts', 'apr', 'april', 'maj', 'jun', 'juni', 'jul', 'juli',
  'aug', 'august', 'sep', 'sept', 'september', 'okt', 'oktober', 'nov', 'november', 'dec', 'december',
] as const;

/**
 * Features (h, f) from the word skeletons of `source` (columns h, sk): the word, and the start and
 * end of long words; worked out once per distinct skeleton, then joined.
 */
function skeletonFeaturesSql(source: string, tag: 'w' | 'n'): string {
  const words = tag === 'n' ? NAME_STOP : [...new Set(GENERIC_WORDS.map(skeleton))];
  const stop = ` AND sk NOT IN (${words.map(literal).join(', ')})`;
  return `WITH hs AS MATERIALIZED (SELECT DISTINCT h, sk FROM ${source}),
      sf AS (SELECT sk, unnest(CASE WHEN length(sk) >= 8 THEN ['${tag}:' || sk, '${tag}<' || left(sk, 5), '${tag}>' || right(sk, 5)]
                                    ELSE ['${tag}:' || sk] END) AS f
               FROM (SELECT DISTINCT sk FROM hs) WHERE length(sk) >= 2 AND NOT regexp_full_match(sk, '[0-9]+')${stop})
    SELECT DISTINCT hs.h, sf.f FROM hs JOIN sf USING (sk)`;
}

/** (h, sk): the skeleton of every word of a lowercase text column `col` of `source` (columns h, col). */
const skeletonRows = (source: string, col: string): string =>
  `(SELECT h, ${skeletonSql('t')} AS sk FROM (SELECT h, unnest(${tokensSql(col)}) AS t FROM ${source}))`;

/**
 * Feature tables of all values in the dictionary: cls_nb_dwf (descriptions; from the words of the
 * rule run in cls_tok / cls_form when they cover every description), cls_nb_sup (supplier key and name words),
 * cls_nb_au (art and unit).
 */
async function buildFeatures(db: DbConnector, reuseTokens: boolean): Promise<void> {
  const desc = literal(columnField('description'));
  const source = reuseTokens
    ? `(SELECT d.h, f.sk FROM cls_dict d JOIN cls_tok t ON t.field = d.field AND t.val = d.val JOIN cls_form f ON f.tok = t.tok WHERE d.field = ${desc})`
    : skeletonRows(`(SELECT h, val FROM cls_dict WHERE field = ${desc})`, 'val');
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_nb_dwf AS ${skeletonFeaturesSql(source, 'w')}`);
  await db.exec(
    // The spelling most lines give, a tie to the last alphabetically (suppliers/spelling.ts): any_value()
    // took whichever arrived first, which with threads differs from run to run, and so did the features.
    `CREATE OR REPLACE TEMP TABLE cls_nb_names AS
     SELECT hash(supplier_key) AS h, lower(trim(supplier_key)) AS k,
            lower(arg_max(supplier_name, (n, supplier_name)) FILTER (WHERE supplier_name IS NOT NULL)) AS nm
       FROM (SELECT supplier_key, supplier_name, count(*) AS n FROM spend_line WHERE supplier_key IS NOT NULL GROUP BY ALL)
      GROUP BY supplier_key`,
  );
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_sup AS
     SELECT * FROM (${skeletonFeaturesSql(skeletonRows('cls_nb_names', 'nm'), 'n')})
     UNION SELECT h, 's:' || k FROM cls_nb_names`,
  );
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_au AS
     SELECT 'a' AS kind, h, 'a:' || val AS f FROM cls_dict WHERE field = ${literal(ART_FIELD)}
     UNION ALL SELECT 'u', h, 'u:' || val FROM cls_dict WHERE field = ${literal(columnField('unit'))}`,
  );
}

/**
 * Trains on every decided line that is not itself a learned suggestion: cls_nb_fc(f, c, n, w) holds
 * each feature's count in each class and its weight ln(1 + n/α); cls_nb_class the log prior and the
 * log-probability of an unseen feature per class. Needs the line table and dictionary of a full run;
 * `reuseTokens` when that run tokenised every description. Returns the number of classes.
 */
export async function trainModel(db: DbConnector, reuseTokens = false, alpha = NB_ALPHA): Promise<number> {
  await ensureClassifySchema(db);
  await buildFeatures(db, reuseTokens);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_doc AS
     SELECT ${inputsSql()}, c.category_id AS c, count(*) AS n
       FROM cls_line cl JOIN classification c ON c.line_id = cl.line_id
      WHERE c.method <> 'learned' GROUP BY ALL`,
  );
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_fc AS
     SELECT f, c, sum(n)::DOUBLE AS n, ln(1 + sum(n) / ${alpha}) AS w FROM (
       SELECT w.f, d.c, d.n FROM (SELECT hd, c, sum(n) AS n FROM cls_nb_doc GROUP BY ALL) d JOIN cls_nb_dwf w ON w.h = d.hd
       UNION ALL SELECT s.f, d.c, d.n FROM (SELECT hs, c, sum(n) AS n FROM cls_nb_doc GROUP BY ALL) d JOIN cls_nb_sup s ON s.h = d.hs
       UNION ALL SELECT a.f, d.c, d.n FROM (SELECT ha, c, sum(n) AS n FROM cls_nb_doc GROUP BY ALL) d JOIN cls_nb_au a ON a.h = d.ha AND a.kind = 'a'
       UNION ALL SELECT u.f, d.c, d.n FROM (SELECT hu, c, sum(n) AS n FROM cls_nb_doc GROUP BY ALL) d JOIN cls_nb_au u ON u.h = d.hu AND u.kind = 'u')
     GROUP BY f, c`,
  );
  // Words seen in most classes (months, "kreditering", "aftale") say next to nothing but would make
  // every class a candidate for every line; they are dropped (feature selection).
  await db.exec(
    `DELETE FROM cls_nb_fc WHERE f IN (
       SELECT f FROM cls_nb_fc WHERE NOT (starts_with(f, 'a:') OR starts_with(f, 'u:')) GROUP BY f
       HAVING count(*) > greatest(5, ${MAX_CLASS_SPREAD} * (SELECT count(DISTINCT c) FROM cls_nb_fc)))`,
  );
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_nb_class AS
     WITH v AS (SELECT count(DISTINCT f)::DOUBLE AS v FROM cls_nb_fc),
          docs AS (SELECT c, sum(n)::DOUBLE AS docs FROM cls_nb_doc GROUP BY c),
          toks AS (SELECT c, sum(n) AS toks FROM cls_nb_fc GROUP BY c)
     SELECT docs.c, cat.parent_id, ln(docs.docs / sum(docs.docs) OVER ()) AS logprior,
            ln(${alpha} / (coalesce(toks.toks, 0) + ${alpha} * v.v)) AS logunseen
       FROM docs LEFT JOIN toks USING (c) LEFT JOIN cls_category cat ON cat.category_id = docs.c, v`,
  );
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_nb_vocab AS SELECT DISTINCT f FROM cls_nb_fc`);
  const [row] = await queryRows(db, `SELECT count(*) AS n FROM cls_nb_class`);
  return Number(row?.n ?? 0);
}

export async function hasModel(db: DbConnector): Promise<boolean> {
  const rows = await queryRows(db, `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'cls_nb_class' AND temporary`);
  return Number(rows[0]?.n ?? 0) > 0;
}

import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { refreshMergeMap } from './merge.js';
import { supplierKeySql, supplierNameKeySql } from './name-key.js';
import { ensureSupplierTables } from './tables.js';

export interface MergeProposalOptions {
  /** Minimum Jaro-Winkler similarity of the normalised names for a prefix or spelling match. */
  minScore: number;
  /** Names are only compared within a block of equal first letters (keeps it fast). */
  blockLetters: number;
}

export const DEFAULT_MERGE_OPTIONS: MergeProposalOptions = { minScore: 0.85, blockLetters: 2 };

export interface SupplierBuildSummary {
  suppliers: number;
  withValidCvr: number;
  /** Lines whose supplier key changed to the normalised key. */
  linesRekeyed: number;
  proposals: number;
}

/**
 * Gives every line the supplier key of `supplierKeySql` (valid CVR, else normalised name),
 * computed once per distinct (CVR, name) pair; only lines whose key differs are touched. The import
 * writes these keys itself; this brings workspaces and tables written another way in line.
 */
export async function normaliseSupplierKeys(db: DbConnector): Promise<number> {
  await ensureSupplierTables(db);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE _supplier_keys AS
     SELECT supplier_cvr, supplier_name, supplier_key AS old_key, ${supplierKeySql('supplier_cvr', 'supplier_name')} AS key
       FROM (SELECT DISTINCT supplier_cvr, supplier_name, supplier_key FROM spend_line)`,
  );
  // The import writes these keys already, so usually no pair changes and the lines are not read again.
  const [pairs] = await queryRows(db, `SELECT count(*) AS n FROM _supplier_keys WHERE key IS DISTINCT FROM old_key`);
  const [changed] = Number(pairs?.n ?? 0) === 0 ? [] : await queryRows(
    db,
    `SELECT coalesce(sum(n), 0) AS n FROM (SELECT count(*) AS n FROM spend_line s JOIN _supplier_keys k
        ON s.supplier_cvr IS NOT DISTINCT FROM k.supplier_cvr AND s.supplier_name IS NOT DISTINCT FROM k.supplier_name
       AND s.supplier_key IS NOT DISTINCT FROM k.old_key WHERE k.key IS DISTINCT FROM k.old_key)`,
  );
  const n = Number(changed?.n ?? 0);
  if (n > 0) {
    // Only the pairs whose key changes are kept, so the UPDATE joins the lines with those alone
    // (as for the classification's UPDATEs, a plain table in its FROM and no other condition on it).
    await db.exec(`DELETE FROM _supplier_keys WHERE key IS NOT DISTINCT FROM old_key`);
    await db.exec(
      `UPDATE spend_line SET supplier_key = k.key FROM _supplier_keys k
        WHERE spend_line.supplier_cvr IS NOT DISTINCT FROM k.supplier_cvr
          AND spend_line.supplier_name IS NOT DISTINCT FROM k.supplier_name
          AND spend_line.supplier_key IS NOT DISTINCT FROM k.old_key`,
    );
  }
  await db.exec('DROP TABLE _supplier_keys');
  return n;
}

/** Rebuilds the supplier table from the counted lines (e-commerce lines also invoiced count once). */
async function rebuildSupplierTable(db: DbConnector): Promise<void> {
  await db.exec('DELETE FROM supplier');
  await db.exec(
    `INSERT INTO supplier
     WITH v AS (
       SELECT supplier_key AS key, supplier_name AS name, count(*) AS lines, sum(amount)::DECIMAL(18,2) AS spend
         FROM spend_line WHERE counted AND supplier_key IS NOT NULL GROUP BY ALL),
     c AS (
       SELECT supplier_key AS key, arg_max(supplier_cvr, n) AS cvr
         FROM (SELECT supplier_key, supplier_cvr, count(*) AS n FROM spend_line
                WHERE counted AND supplier_key IS NOT NULL AND supplier_cvr IS NOT NULL GROUP BY ALL)
        GROUP BY ALL)
     SELECT v.key, v.key,
            CASE WHEN starts_with(v.key, 'cvr:') THEN substr(v.key, 5) ELSE c.cvr END AS cvr,
            starts_with(v.key, 'cvr:') AS cvr_valid,
            CASE WHEN starts_with(v.key, 'cvr:') THEN 'valid' WHEN c.cvr IS NOT NULL THEN 'invalid' ELSE 'missing' END,
            arg_max(v.name, (v.lines, v.spend, v.name)) AS display_name,
            NULL,
            list({'name': v.name, 'lines': v.lines, 'spend': v.spend} ORDER BY v.lines DESC, v.name) AS variants,
            sum(v.spend)::DECIMAL(18,2), sum(v.lines)
       FROM v LEFT JOIN c ON c.key = v.key
      GROUP BY v.key, c.cvr`,
  );
  await db.exec(`UPDATE supplier SET name_key = ${supplierNameKeySql('display_name')}`);
}

/** A bare first word that starts the names of more than this many suppliers says nothing. */
const MAX_PREFIX_TARGETS = 3;

/**
 * Proposes merges between keys whose normalised names match, compared within blocks of equal
 * first letters (keeps it fast). A CVR key brings every name it is written with. Candidates:
 * - "same-name": equal normalised names (score 1);
 * - "name-prefix": a name key's name is the first whole words of another name ("datapunkt" /
 *   "datapunkt nord"); not the other way round, since a CVR supplier's short spelling ("Juhl")
 *   starts many names; dropped when it fits more than three suppliers;
 * - "similar-spelling": one typo (Damerau-Levenshtein 1) in names of 6 letters or more, with the
 *   same digits ("Rowlands Pharmacy 1271" and "... 1274" are two branches, not a typo).
 * The score is the Jaro-Winkler similarity (a core DuckDB function), kept at or above minScore.
 * Jaro-Winkler alone is not enough: it rates "Bostedet Ulvedalen" and "Bostedet Kildevang" 0.92
 * for the shared first word. A key with a same-name candidate gets no weaker ones. Two valid-CVR
 * keys are never proposed; the CVR key is always the target; a prefix goes into the longer name,
 * otherwise the smaller key (by spend) goes into the larger. Pairs a person decided stay decided.
 */
async function proposeMerges(db: DbConnector, options: MergeProposalOptions): Promise<number> {
  await db.exec(`DELETE FROM supplier_merge WHERE status = 'proposed'`);
  const letters = Math.max(1, Math.floor(options.blockLetters));
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE _supplier_names AS
     SELECT DISTINCT key, cvr_valid, spend, nk, left(replace(nk, ' ', ''), ${letters}) AS block
       FROM (SELECT s.key, s.cvr_valid, s.spend,
                    CASE WHEN s.cvr_valid THEN ${supplierNameKeySql('v.name')} ELSE substr(s.key, 6) END AS nk
               FROM supplier s, unnest(s.variants) AS u(v))
      WHERE nk IS NOT NULL`,
  );
  const prefixOf = (short: string, long: string) =>
    `(NOT ${short}.cvr_valid AND length(${short}.nk) >= 4 AND starts_with(${long}.nk, ${short}.nk || ' '))`;
  await db.exec(
    `INSERT INTO supplier_merge
     WITH cand AS (
       SELECT a.key AS ka, b.key AS kb, a.cvr_valid AS ca, b.cvr_valid AS cb, a.spend AS sa, b.spend AS sb,
              ${prefixOf('a', 'b')} AS a_prefix, ${prefixOf('b', 'a')} AS b_prefix,
              CASE WHEN a.nk = b.nk THEN 3
                   WHEN ${prefixOf('a', 'b')} OR ${prefixOf('b', 'a')} THEN 2
                   WHEN least(length(a.nk), length(b.nk)) >= 6 AND damerau_levenshtein(a.nk, b.nk) = 1
                        AND regexp_replace(a.nk, '[^0-9]', '', 'g') = regexp_replace(b.nk, '[^0-9]', '', 'g') THEN 1
                   ELSE 0 END AS kind,
              CASE WHEN a.nk = b.nk THEN 1.0 ELSE jaro_winkler_similarity(a.nk, b.nk) END AS score
         FROM _supplier_names a JOIN _supplier_names b ON a.block = b.block AND a.key < b.key
        WHERE NOT (a.cvr_valid AND b.cvr_valid)),
     directed AS (
       SELECT CASE WHEN cb OR (NOT ca AND kind = 2 AND a_prefix) OR (NOT ca AND kind <> 2 AND sa <= sb) THEN ka ELSE kb END AS from_key,
              CASE WHEN cb OR (NOT ca AND kind = 2 AND a_prefix) OR (NOT ca AND kind <> 2 AND sa <= sb) THEN kb ELSE ka END AS to_key,
              kind, score
         FROM cand WHERE kind = 3 OR (kind > 0 AND score >= ${literal(options.minScore)})),
     pairs AS (SELECT from_key, to_key, max(kind) AS kind, max(score) AS score FROM directed GROUP BY ALL),
     ranked AS (
       SELECT *, max(kind) OVER (PARTITION BY from_key) AS best,
              count(*) FILTER (WHERE kind = 2) OVER (PARTITION BY from_key) AS prefixes
         FROM pairs)
     SELECT from_key, to_key, round(score, 4),
            CASE kind WHEN 3 THEN 'same-name' WHEN 2 THEN 'name-prefix' ELSE 'similar-spelling' END, 'proposed', NULL
       FROM ranked p
      WHERE kind = best AND NOT (kind = 2 AND prefixes > ${MAX_PREFIX_TARGETS})
        AND NOT EXISTS (SELECT 1 FROM supplier_merge m
                         WHERE (m.from_key = p.from_key AND m.to_key = p.to_key) OR (m.from_key = p.to_key AND m.to_key = p.from_key))`,
  );
  await db.exec('DROP TABLE _supplier_names');
  const [n] = await queryRows(db, `SELECT count(*) AS n FROM supplier_merge WHERE status = 'proposed'`);
  return Number(n?.n ?? 0);
}

/**
 * Normalises the supplier keys of all lines, rebuilds the `supplier` table (key, CVR and its
 * status, display name = the most frequent spelling, every spelling with its lines and spend,
 * spend and lines), proposes merges and re-applies the merges a person accepted earlier.
 */
export async function buildSuppliers(
  db: DbConnector,
  options: MergeProposalOptions = DEFAULT_MERGE_OPTIONS,
): Promise<SupplierBuildSummary> {
  await ensureSupplierTables(db);
  const linesRekeyed = await normaliseSupplierKeys(db);
  await rebuildSupplierTable(db);
  const proposals = await proposeMerges(db, options);
  await refreshMergeMap(db);
  const [s] = await queryRows(db, `SELECT count(*) AS n, count(*) FILTER (WHERE cvr_valid) AS valid FROM supplier`);
  return { suppliers: Number(s?.n ?? 0), withValidCvr: Number(s?.valid ?? 0), linesRekeyed, proposals };
}

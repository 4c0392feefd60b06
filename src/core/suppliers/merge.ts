import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { isCvrKey } from './name-key.js';
import { ensureSupplierTables, type MergeStatus } from './tables.js';

/**
 * Merges between supplier keys: proposals (from buildSuppliers) that a person accepts or rejects.
 * Rules that keep two companies from ever becoming one:
 * - a key built from a valid CVR is never merged into another key (it is always a target), so two
 *   different valid CVRs can never end up under one effective key;
 * - a key has at most one accepted merge (accepting another replaces it);
 * - a merge that would close a cycle is refused.
 * The accepted merges form a forest whose roots are the effective keys.
 */

export interface MergeProposal {
  fromKey: string;
  toKey: string;
  score: number | null;
  reason: string;
  status: MergeStatus;
  fromName: string | null;
  toName: string | null;
  fromSpend: number;
  toSpend: number;
}

/** SQL: the effective key of a raw supplier key expression (applies accepted merges). */
export function effectiveSupplierKeySql(keyExpr: string): string {
  return `coalesce((SELECT mm.to_key FROM supplier_merge_map mm WHERE mm.from_key = ${keyExpr}), ${keyExpr})`;
}

/** Resolves chains of accepted merges (a → b → c) to their root; cycles are cut. */
export function resolveMerges(edges: readonly { from: string; to: string }[]): Map<string, string> {
  const next = new Map(edges.map((e) => [e.from, e.to]));
  const out = new Map<string, string>();
  for (const start of next.keys()) {
    let key = start;
    const seen = new Set<string>([start]);
    for (let to = next.get(key); to !== undefined && !seen.has(to); to = next.get(key)) {
      seen.add(to);
      key = to;
    }
    if (key !== start) out.set(start, key);
  }
  return out;
}

/** Rebuilds supplier_merge_map and supplier.effective_key from the accepted merges. */
export async function refreshMergeMap(db: DbConnector): Promise<void> {
  await ensureSupplierTables(db);
  const rows = await queryRows(db, `SELECT from_key, to_key FROM supplier_merge WHERE status = 'accepted'`);
  const map = resolveMerges(rows.map((r) => ({ from: String(r.from_key), to: String(r.to_key) })));
  await db.exec('DELETE FROM supplier_merge_map');
  const values = [...map].map(([from, to]) => `(${literal(from)}, ${literal(to)})`);
  for (let i = 0; i < values.length; i += 1000) {
    await db.exec(`INSERT INTO supplier_merge_map VALUES ${values.slice(i, i + 1000).join(', ')}`);
  }
  await db.exec(
    `UPDATE supplier SET effective_key = coalesce((SELECT mm.to_key FROM supplier_merge_map mm WHERE mm.from_key = supplier.key), supplier.key)`,
  );
}

/**
 * Accepts a merge of `fromKey` into `toKey`. A valid-CVR key is always the target (the direction
 * is turned round when needed); two valid-CVR keys are never merged.
 */
export async function acceptMerge(db: DbConnector, fromKey: string, toKey: string): Promise<void> {
  await ensureSupplierTables(db);
  if (fromKey === toKey) throw new Error('A supplier cannot be merged with itself');
  let [from, to] = [fromKey, toKey];
  if (isCvrKey(from) && isCvrKey(to)) throw new Error(`Two different valid CVR numbers are never merged (${from}, ${to})`);
  if (isCvrKey(from)) [from, to] = [to, from];
  // The target's root must not be the source itself (a cycle). A valid-CVR key never has an
  // outgoing merge, so the source's own tree holds no CVR that could meet the target's.
  const accepted = await queryRows(db, `SELECT from_key, to_key FROM supplier_merge WHERE status = 'accepted'`);
  const next = new Map(accepted.map((r) => [String(r.from_key), String(r.to_key)]));
  const seen = new Set<string>();
  for (let key: string | undefined = to; key !== undefined && !seen.has(key); key = next.get(key)) {
    if (key === from) throw new Error(`Merging ${from} into ${to} would close a cycle`);
    seen.add(key);
  }
  await db.exec(
    `UPDATE supplier_merge SET status = 'rejected', decided_at = current_timestamp
      WHERE from_key = ${literal(from)} AND status = 'accepted' AND to_key <> ${literal(to)}`,
  );
  const [existing] = await queryRows(
    db,
    `SELECT count(*) AS n FROM supplier_merge WHERE from_key = ${literal(from)} AND to_key = ${literal(to)}`,
  );
  if (Number(existing?.n ?? 0) > 0) {
    await db.exec(
      `UPDATE supplier_merge SET status = 'accepted', decided_at = current_timestamp
        WHERE from_key = ${literal(from)} AND to_key = ${literal(to)}`,
    );
  } else {
    await db.exec(`INSERT INTO supplier_merge VALUES (${literal(from)}, ${literal(to)}, NULL, 'manual', 'accepted', current_timestamp)`);
  }
  await refreshMergeMap(db);
}

/** Rejects a merge (also one not proposed, so it is never proposed again); undoes it if accepted. */
export async function rejectMerge(db: DbConnector, fromKey: string, toKey: string): Promise<void> {
  await ensureSupplierTables(db);
  const pairs = `(from_key = ${literal(fromKey)} AND to_key = ${literal(toKey)}) OR (from_key = ${literal(toKey)} AND to_key = ${literal(fromKey)})`;
  const [existing] = await queryRows(db, `SELECT count(*) AS n FROM supplier_merge WHERE ${pairs}`);
  if (Number(existing?.n ?? 0) > 0) {
    await db.exec(`UPDATE supplier_merge SET status = 'rejected', decided_at = current_timestamp WHERE ${pairs}`);
  } else {
    await db.exec(`INSERT INTO supplier_merge VALUES (${literal(fromKey)}, ${literal(toKey)}, NULL, 'manual', 'rejected', current_timestamp)`);
  }
  await refreshMergeMap(db);
}

/**
 * Accepts every open proposal at or above `minScore` whose source has exactly one such proposal
 * and no accepted merge yet (for unattended runs, e.g. the command line; the UI leaves proposals
 * to a person). The same rules as acceptMerge, checked in memory and written in one statement.
 */
export async function acceptProposalsAbove(db: DbConnector, minScore: number): Promise<number> {
  await ensureSupplierTables(db);
  const rows = await queryRows(
    db,
    `SELECT from_key, to_key FROM supplier_merge m
      WHERE status = 'proposed' AND score >= ${literal(minScore)} AND NOT starts_with(from_key, 'cvr:')
        AND NOT EXISTS (SELECT 1 FROM supplier_merge a WHERE a.from_key = m.from_key AND a.status = 'accepted')
        AND (SELECT count(*) FROM supplier_merge o WHERE o.from_key = m.from_key AND o.status = 'proposed' AND o.score >= ${literal(minScore)}) = 1
      ORDER BY score DESC, from_key, to_key`,
  );
  const accepted = await queryRows(db, `SELECT from_key, to_key FROM supplier_merge WHERE status = 'accepted'`);
  const next = new Map(accepted.map((r) => [String(r.from_key), String(r.to_key)]));
  const chosen: [string, string][] = [];
  for (const r of rows) {
    const [from, to] = [String(r.from_key), String(r.to_key)];
    const seen = new Set<string>();
    let cycle = false;
    for (let key: string | undefined = to; key !== undefined && !seen.has(key); key = next.get(key)) {
      if (key === from) cycle = true;
      seen.add(key);
    }
    if (cycle || next.has(from)) continue;
    next.set(from, to);
    chosen.push([from, to]);
  }
  for (let i = 0; i < chosen.length; i += 1000) {
    const values = chosen.slice(i, i + 1000).map(([f, t]) => `(${literal(f)}, ${literal(t)})`).join(', ');
    await db.exec(
      `UPDATE supplier_merge SET status = 'accepted', decided_at = current_timestamp
         FROM (VALUES ${values}) AS a(f, t) WHERE supplier_merge.from_key = a.f AND supplier_merge.to_key = a.t`,
    );
  }
  await refreshMergeMap(db);
  return chosen.length;
}

export async function listMergeProposals(db: DbConnector, status?: MergeStatus): Promise<MergeProposal[]> {
  await ensureSupplierTables(db);
  const rows = await queryRows(
    db,
    `SELECT m.from_key, m.to_key, m.score, m.reason, m.status, f.display_name AS from_name, t.display_name AS to_name,
            coalesce(f.spend, 0) AS from_spend, coalesce(t.spend, 0) AS to_spend
       FROM supplier_merge m LEFT JOIN supplier f ON f.key = m.from_key LEFT JOIN supplier t ON t.key = m.to_key
      ${status ? `WHERE m.status = ${literal(status)}` : ''}
      ORDER BY m.score DESC NULLS LAST, from_spend DESC, m.from_key, m.to_key`,
  );
  return rows.map((r) => ({
    fromKey: String(r.from_key),
    toKey: String(r.to_key),
    score: r.score === null ? null : Number(r.score),
    reason: String(r.reason),
    status: String(r.status) as MergeStatus,
    fromName: r.from_name === null ? null : String(r.from_name),
    toName: r.to_name === null ? null : String(r.to_name),
    fromSpend: Number(r.from_spend),
    toSpend: Number(r.to_spend),
  }));
}

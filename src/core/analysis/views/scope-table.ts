import { baseConnector } from '../../db/abortable.js';
import type { DbConnector } from '../../db/connector.js';
import { keptTableExists } from '../../db/write-count.js';
import { quoteIdent } from '../../sql/escape.js';

interface Kept {
  /** The shared lines table it was cut from: a rebuilt one (new data, a new classification) has a new name. */
  source: string;
  table: Promise<string>;
  leases: number;
  evicted: boolean;
}

/** Scope tables kept per database, by source and scope, oldest first. */
const kept = new WeakMap<DbConnector, Map<string, Kept>>();
const KEEP_SCOPES = 3;
let made = 0;

async function drop(base: DbConnector, entry: Kept): Promise<void> {
  await entry.table.then((name) => base.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`)).catch(() => undefined);
}

/** Forgets a kept scope; its table goes now, or when its last reader is done. */
async function evict(base: DbConnector, scopes: Map<string, Kept>, key: string): Promise<void> {
  const entry = scopes.get(key);
  if (!entry) return;
  scopes.delete(key);
  entry.evicted = true;
  if (entry.leases === 0) await drop(base, entry);
}

/**
 * The result of `linesSql` (the lines of one narrowed scope: a category, a supplier or a unit under the
 * filters), copied out of the shared lines table once and kept for the next readers. A category's
 * drill-down, its line page and every further page read the same few thousand lines: each of them
 * scanned the 1M-line shared table again. `linesSql` selects from `source` (the shared table, leased by
 * the caller for the duration of this call); the table is valid for the duration of `fn`.
 */
export async function withScopeTable<T>(
  db: DbConnector, source: string, linesSql: string, fn: (table: string) => Promise<T>,
): Promise<T> {
  const base = baseConnector(db);
  const scopes = kept.get(base) ?? new Map<string, Kept>();
  kept.set(base, scopes);
  const key = `${source}\n${linesSql}`;
  let entry: Kept | undefined;
  for (;;) {
    entry = scopes.get(key);
    if (!entry) break;
    entry.leases++;
    let exists = false;
    try {
      const table = await entry.table.catch(() => null);
      // A rolled-back transaction takes a TEMP table made in it along: checked again after any write.
      exists = table !== null && (await keptTableExists(base, table));
    } finally {
      if (!exists) entry.leases--;
    }
    if (exists) break;
    if (scopes.get(key) === entry) await evict(base, scopes, key);
    entry = undefined;
  }
  if (!entry) {
    const name = `_ovb_scope_${Date.now().toString(36)}_${(made++).toString(36)}`;
    // Made on the caller's connector: a superseded screen query stops it, and a waiting reader makes it again.
    const table = db.exec(`CREATE TEMP TABLE ${quoteIdent(name)} AS ${linesSql}`).then(() => name);
    entry = { source, table, leases: 1, evicted: false };
    scopes.set(key, entry);
    // Tables cut from an older shared table are of no further use; beyond a few scopes the oldest goes.
    const gone = [...scopes].filter(([, other]) => other.source !== source).map(([k]) => k);
    while (scopes.size - gone.length > KEEP_SCOPES) gone.push(...[...scopes.keys()].filter((k) => !gone.includes(k)).slice(0, 1));
    await Promise.all(gone.map((k) => evict(base, scopes, k)));
  }
  const lease = entry;
  try {
    return await fn(await lease.table);
  } catch (error) {
    // The making failed (or was stopped): forget it, so the next reader makes it again.
    if (scopes.get(key) === lease && (await lease.table.then(() => false, () => true))) await evict(base, scopes, key);
    throw error;
  } finally {
    lease.leases--;
    if (lease.evicted && lease.leases === 0) await drop(base, lease);
  }
}

import { baseConnector } from '../db/abortable.js';
import type { DbConnector } from '../db/connector.js';

/**
 * The classification engine keeps its working state in temp tables (cls_best, cls_hit, cls_val...)
 * that a preview, an explanation and a re-classification all rebuild. Run one at a time per
 * database, so a live preview typed during a re-classification never reads the other's tables.
 */
const queues = new WeakMap<DbConnector, Promise<unknown>>();
const lengths = new WeakMap<DbConnector, number>();

/** Tasks queued on `db` and not finished, the running one included: a long task sees others waiting. */
export function serialQueueLength(db: DbConnector): number {
  return lengths.get(baseConnector(db)) ?? 0;
}

export class AbortedError extends Error {
  constructor() {
    super('Afbrudt');
    this.name = 'AbortError';
  }
}

/** Runs `task` after every task queued before it on `db`; skipped when `signal` aborted meanwhile. */
export function serialized<T>(on: DbConnector, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  // One queue per database, whichever (abortable) connector a caller holds.
  const db = baseConnector(on);
  const before = queues.get(db) ?? Promise.resolve();
  lengths.set(db, serialQueueLength(db) + 1);
  const run = before
    .then(
      () => (signal?.aborted ? Promise.reject(new AbortedError()) : task()),
      () => (signal?.aborted ? Promise.reject(new AbortedError()) : task()),
    )
    .finally(() => lengths.set(db, serialQueueLength(db) - 1));
  // The queue goes on whatever this task does.
  queues.set(db, run.catch(() => undefined));
  return run;
}

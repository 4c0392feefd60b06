import { abortable, CancelledError } from '../db/abortable.js';
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { quoteIdent } from '../sql/escape.js';
import { inTransaction } from '../db/transaction.js';
import { dropStaged, loadStaged, stageFile, type ImportOutcome, type StagedFile } from './import-file.js';
import { linkEcommerce } from './overlap.js';
import type { ImportPlan } from './plan.js';
import type { Mapping } from './roles.js';
import type { ImportSource, Parsers } from './sources.js';

export interface BatchEntry {
  source: ImportSource;
  plan: ImportPlan;
  mapping?: Mapping;
}

export interface BatchProgress {
  step: 'reading' | 'loading' | 'analysing';
  file?: string;
  index: number;
  total: number;
  /** Share of the work done, 0–1: by the files' bytes and the phases' measured shares (PHASE_SHARE). */
  done: number;
  /** Rows read so far (reading, loading), or loaded into the workspace (analysing). */
  rows: number;
}

/**
 * What each phase takes of an import's time, measured in the app with the bench's 1M-line CSV
 * (Chromium, 2 cores): reading into staging (DuckDB's read_csv) 2.5 s, loading into the workspace
 * 6.5 s, suppliers, classification and analysis 17 s. Each phase's share is split by the files' sizes.
 */
export const PHASE_SHARE = { reading: 0.1, loading: 0.25 } as const;

export interface BatchOptions {
  parsers?: Parsers;
  /** First thing inside the transaction (the demo empties the workspace here). */
  before?: () => Promise<unknown>;
  /**
   * Last thing inside it: suppliers, classification and analysis of the new data (given the files
   * just loaded, and the connector to run them on: it stops when the import is cancelled).
   */
  after?: (loaded: BatchResult['loaded'], db: DbConnector) => Promise<unknown>;
  onProgress?: (progress: BatchProgress) => void;
  /** Cancels the import: it stops at its next statement, the transaction is rolled back, and CancelledError is thrown. */
  signal?: AbortSignal;
  /** From this many rows read, the load is committed before `after` runs (see importBatch). Default SPLIT_FROM_ROWS. */
  splitFromRows?: number;
}

/**
 * From this many rows read, an import is committed in two steps: the load, then the analysis.
 * DuckDB keeps what a transaction writes uncompressed until its commit, and every table it replaces
 * until then: in one transaction the 4M-line file ran DuckDB-WASM out of its 3.1 GiB in the app
 * (renderer 3.66 GB), while the load committed first is compressed (connector.ts) before the
 * classification starts (5M lines then loaded and classified). Smaller imports keep one transaction.
 */
export const SPLIT_FROM_ROWS = 500_000;

/** The tables a load writes rows to, each row with the file's id (import-file.ts, loadStaged). */
const LOADED_TABLES = ['spend_line', 'import_reject', 'contract', 'import_file'] as const;

/**
 * Takes back a committed load whose analysis failed or was cancelled: the files' rows are deleted and
 * the e-commerce links worked out again (linkEcommerce writes only flags that differ, from the data alone),
 * which leaves the workspace as it was before the load. Runs on the connector that cannot be aborted.
 */
async function undoLoad(db: DbConnector, loaded: BatchResult['loaded']): Promise<void> {
  const ids = loaded.map((l) => l.outcome.summary.fileId).filter((id) => id > 0);
  await inTransaction(db, async () => {
    if (ids.length) for (const table of LOADED_TABLES) await db.exec(`DELETE FROM ${table} WHERE file_id IN (${ids.join(', ')})`);
    await linkEcommerce(db);
  });
}

export interface BatchResult {
  loaded: { name: string; outcome: ImportOutcome }[];
  /** Files that could not be read at all; nothing of them was loaded. */
  failed: { name: string; error: unknown }[];
}

/** The load or the analysis after it failed: the transaction was rolled back and nothing changed. */
export class BatchFailedError extends Error {
  override name = 'BatchFailedError';
  constructor(
    readonly failed: BatchResult['failed'],
    options: { cause: unknown },
  ) {
    super(options.cause instanceof Error ? options.cause.message : String(options.cause), options);
  }
}

/**
 * Imports several files as one change to the workspace. Each file is first read into a staging
 * table (a file that cannot be read is reported and skipped, costing nothing); then all staged
 * files are loaded and the analysis rebuilt in one transaction, so the workspace is never seen
 * half-built and a failure leaves the previous analysis (data, rules, merges, settings) intact.
 * From SPLIT_FROM_ROWS rows read the load is committed first and the analysis runs in a second
 * transaction; if that fails or is cancelled, the load is taken back (undoLoad), with the same result.
 */
export async function importBatch(outer: DbConnector, entries: readonly BatchEntry[], options: BatchOptions = {}): Promise<BatchResult> {
  const { signal } = options;
  const db = abortable(outer, signal);
  const total = entries.length;
  const staged: StagedFile[] = [];
  const failed: BatchResult['failed'] = [];
  const bytes = entries.map((e) => Math.max(1, e.source.size));
  // The share of all bytes in the files before the index-th one.
  const before = (index: number, of: readonly number[] = bytes) => of.slice(0, index).reduce((a, b) => a + b, 0) / Math.max(1, of.reduce((a, b) => a + b, 0));
  let rows = 0;
  const cancelled = () => {
    if (signal?.aborted) throw new CancelledError();
  };
  try {
    for (const [index, entry] of entries.entries()) {
      cancelled();
      options.onProgress?.({ step: 'reading', file: entry.source.name, index, total, done: PHASE_SHARE.reading * before(index), rows });
      try {
        const file = await stageFile(db, entry.source, entry.plan, entry.mapping ?? entry.plan.mapping, options.parsers);
        staged.push(file);
        const [n] = await queryRows(db, `SELECT count(*) AS n FROM ${quoteIdent(file.table)}`);
        rows += Number(n?.n ?? 0) + file.refused.length;
      } catch (error) {
        cancelled();
        failed.push({ name: entry.source.name, error });
      }
    }
    cancelled();
    if (staged.length === 0 && !options.before) return { loaded: [], failed };
    const stagedBytes = staged.map((f) => bytes[entries.findIndex((e) => e.plan === f.plan)] ?? 1);
    const load = async (): Promise<BatchResult['loaded']> => {
      const out: BatchResult['loaded'] = [];
      for (const [index, file] of staged.entries()) {
        const done = PHASE_SHARE.reading + PHASE_SHARE.loading * before(index, stagedBytes);
        options.onProgress?.({ step: 'loading', file: file.plan.name, index, total: staged.length, done, rows });
        out.push({ name: file.plan.name, outcome: await loadStaged(db, file) });
      }
      return out;
    };
    const analyse = async (out: BatchResult['loaded']) => {
      const loadedRows = out.reduce((n, l) => n + l.outcome.summary.rowsLoaded, 0);
      options.onProgress?.({ step: 'analysing', index: staged.length, total: staged.length, done: PHASE_SHARE.reading + PHASE_SHARE.loading, rows: loadedRows });
      await options.after?.(out, db);
    };
    // A batch that empties the workspace first (`before`) cannot be taken back row by row: one transaction.
    const split = options.after !== undefined && !options.before && rows >= (options.splitFromRows ?? SPLIT_FROM_ROWS);
    try {
      if (!split) {
        const loaded = await inTransaction(db, async () => {
          await options.before?.();
          const out = await load();
          await analyse(out);
          return out;
        });
        return { loaded, failed };
      }
      const loaded = await inTransaction(db, load);
      // The staging tables are read by the load only: their memory is the analysis's now.
      for (const file of staged) await dropStaged(outer, file);
      try {
        await inTransaction(db, () => analyse(loaded));
      } catch (error) {
        await undoLoad(outer, loaded);
        throw error;
      }
      return { loaded, failed };
    } catch (cause) {
      cancelled();
      throw new BatchFailedError(failed, { cause });
    }
  } finally {
    for (const file of staged) await dropStaged(db, file);
  }
}

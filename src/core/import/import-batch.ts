import type { DbConnector } from '../db/connector.js';
import { inTransaction } from '../db/transaction.js';
import { dropStaged, loadStaged, stageFile, type ImportOutcome, type StagedFile } from './import-file.js';
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
}

export interface BatchOptions {
  parsers?: Parsers;
  /** First thing inside the transaction (the demo empties the workspace here). */
  before?: () => Promise<unknown>;
  /** Last thing inside it: suppliers, classification and analysis of the new data (given the files just loaded). */
  after?: (loaded: BatchResult['loaded']) => Promise<unknown>;
  onProgress?: (progress: BatchProgress) => void;
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
 */
export async function importBatch(db: DbConnector, entries: readonly BatchEntry[], options: BatchOptions = {}): Promise<BatchResult> {
  const total = entries.length;
  const staged: StagedFile[] = [];
  const failed: BatchResult['failed'] = [];
  try {
    for (const [index, entry] of entries.entries()) {
      options.onProgress?.({ step: 'reading', file: entry.source.name, index, total });
      try {
        staged.push(await stageFile(db, entry.source, entry.plan, entry.mapping ?? entry.plan.mapping, options.parsers));
      } catch (error) {
        failed.push({ name: entry.source.name, error });
      }
    }
    if (staged.length === 0 && !options.before) return { loaded: [], failed };
    try {
      const loaded = await inTransaction(db, async () => {
        await options.before?.();
        const out: BatchResult['loaded'] = [];
        for (const [index, file] of staged.entries()) {
          options.onProgress?.({ step: 'loading', file: file.plan.name, index, total: staged.length });
          out.push({ name: file.plan.name, outcome: await loadStaged(db, file) });
        }
        options.onProgress?.({ step: 'analysing', index: staged.length, total: staged.length });
        await options.after?.(out);
        return out;
      });
      return { loaded, failed };
    } catch (cause) {
      throw new BatchFailedError(failed, { cause });
    }
  } finally {
    for (const file of staged) await dropStaged(db, file);
  }
}

import type { DbConnector } from '../db/connector.js';
import { saveFileLabels } from '../compare/dataset-labels.js';
import { generateDemoFiles } from '../gen/demo.js';
import type { FileSummary } from '../import/csv-import.js';
import { importBatch, type BatchProgress } from '../import/import-batch.js';
import { planImport } from '../import/plan.js';
import { bytesSource, type Parsers } from '../import/sources.js';
import { refreshAnalysis } from '../workspace/refresh.js';
import { startOver } from '../workspace/start-over.js';

/** The demo is plain CSV, read by DuckDB itself; no JavaScript parser is involved. */
const NO_PARSERS: Parsers = {
  listSheets: () => Promise.reject(new Error('not used by the demo')),
  xlsx: () => Promise.reject(new Error('not used by the demo')),
  parquet: () => Promise.reject(new Error('not used by the demo')),
  ubl: () => Promise.reject(new Error('not used by the demo')),
};

/**
 * Demo Kommune, generated on the spot (no network, no file shipped): invoice lines, e-commerce
 * order lines and the contract register, loaded through the same import path as a user's files,
 * replacing the workspace and analysed in one transaction (nothing half-built is ever visible).
 */
export async function loadDemo(
  db: DbConnector,
  lines = 50_000,
  options: { analyse?: boolean; onProgress?: (p: BatchProgress) => void } = {},
): Promise<FileSummary[]> {
  const { files, manifest } = generateDemoFiles({ lines, seed: 'demo' });
  const entries = [];
  for (const file of files) {
    const source = bytesSource(file.name, file.bytes);
    entries.push({ source, plan: await planImport(source, NO_PARSERS) });
  }
  const result = await importBatch(db, entries, {
    parsers: NO_PARSERS,
    before: () => startOver(db),
    after: async (loaded) => {
      // The demo knows who it is: Sammenlign and the report show its name and spend per inhabitant.
      const { name, inhabitants } = manifest.municipality;
      await saveFileLabels(db, loaded.map((l) => ({ fileId: l.outcome.summary.fileId, municipality: name, inhabitants })));
      // The app analyses in the same transaction; tests that go on to analyse with their own options do it themselves.
      if (options.analyse) await refreshAnalysis(db);
    },
    onProgress: options.onProgress,
  });
  if (result.failed[0]) throw result.failed[0].error;
  return result.loaded.map((l) => l.outcome.summary);
}

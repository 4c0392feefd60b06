import type { DbConnector } from '../db/connector.js';
import { saveFileLabels } from '../compare/dataset-labels.js';
import { generateDemoFiles } from '../gen/demo.js';
import { executeImport } from '../import/import-file.js';
import { planImport } from '../import/plan.js';
import { bytesSource, type Parsers } from '../import/sources.js';
import type { FileSummary } from '../import/csv-import.js';
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
 * order lines and the contract register, loaded through the same import path as a user's files.
 */
export async function loadDemo(db: DbConnector, lines = 50_000): Promise<FileSummary[]> {
  const { files, manifest } = generateDemoFiles({ lines, seed: 'demo' });
  await startOver(db);
  const summaries: FileSummary[] = [];
  for (const file of files) {
    const source = bytesSource(file.name, file.bytes);
    const plan = await planImport(source, NO_PARSERS);
    const outcome = await executeImport(db, source, plan);
    summaries.push(outcome.summary);
  }
  // The demo knows who it is: Sammenlign and the report show its name and spend per inhabitant.
  const { name, inhabitants } = manifest.municipality;
  await saveFileLabels(db, summaries.map((s) => ({ fileId: s.fileId, municipality: name, inhabitants })));
  return summaries;
}

import { writeFile } from 'node:fs/promises';
import { loadTotals } from '../core/analysis/totals.js';
import type { DbConnector } from '../core/db/connector.js';
import type { SourceRole } from '../core/import/detect.js';
import { directParsers } from '../core/import/direct-parsers.js';
import { executeImport } from '../core/import/import-file.js';
import { planImport } from '../core/import/plan.js';
import { ensureSchema } from '../core/workspace/schema.js';
import { diskSource } from './file-source.js';

export interface AnalyzeOptions {
  files: { path: string; role?: SourceRole }[];
  json?: string;
}

export interface AnalyzeResult {
  files: { name: string; format: string; rowsRead: number; rowsLoaded: number; rowsRejected: number; amountLoaded: number }[];
  totals: Awaited<ReturnType<typeof loadTotals>>;
}

/** The command line analysis: the same core import and analysis as the browser, on native DuckDB. */
export async function analyze(db: DbConnector, options: AnalyzeOptions, log: (line: string) => void): Promise<AnalyzeResult> {
  await ensureSchema(db);
  const files: AnalyzeResult['files'] = [];
  for (const file of options.files) {
    const source = await diskSource(file.path);
    const plan = await planImport(source, directParsers);
    const role = file.role ?? plan.role;
    const outcome = await executeImport(db, source, { ...plan, role });
    if (outcome.duplicateOf) {
      log(`${source.name}: samme indhold som ${outcome.duplicateOf}; ikke indlæst igen`);
      continue;
    }
    const s = outcome.summary;
    for (const w of outcome.warnings) log(`${source.name}: ${w}`);
    log(`${source.name}: ${plan.format}, ${role}, ${s.rowsRead} læst, ${s.rowsLoaded} indlæst, ${s.rowsRejected} afvist`);
    files.push({ name: s.name, format: s.format, rowsRead: s.rowsRead, rowsLoaded: s.rowsLoaded, rowsRejected: s.rowsRejected, amountLoaded: s.amountLoaded });
  }
  const result: AnalyzeResult = { files, totals: await loadTotals(db) };
  if (options.json) await writeFile(options.json, JSON.stringify(result, null, 2) + '\n');
  return result;
}

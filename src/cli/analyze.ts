import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { analysisForContract, type ContractCategory, type ContractOpportunity } from '../core/analysis/opportunities/index.js';
import { loadTotals } from '../core/analysis/totals.js';
import { coverage, DEFAULT_ACCEPT_LEARNED, DEFAULT_ACCEPT_REFINE, MIN_RULE_SHARE_TO_ACCEPT } from '../core/classify/index.js';
import type { DbConnector } from '../core/db/connector.js';
import type { SourceRole } from '../core/import/detect.js';
import { directParsers } from '../core/import/direct-parsers.js';
import { importBatch } from '../core/import/import-batch.js';
import { planImport } from '../core/import/plan.js';
import { analysisWorkbook } from '../core/report/analysis-workbook.js';
import { EMPTY_FILTERS } from '../core/state/url-state.js';
import { packWorkspace, snapshotWorkspace } from '../core/workspace/file/index.js';
import { linesCsv } from '../core/workspace/lines-csv.js';
import { refreshAnalysis } from '../core/workspace/refresh.js';
import { ensureSchema } from '../core/workspace/schema.js';
import { version as APP_VERSION } from '../../package.json';
import { diskSource } from './file-source.js';

/** The most lines a workspace file carries: what a browser tab can open (docs/workspace.md). */
export const WORKSPACE_LINE_LIMIT = 2_000_000;

export interface AnalyzeOptions {
  files: { path: string; role?: SourceRole }[];
  json?: string;
  lines?: string;
  xlsx?: string;
  /** Writes the whole analysis as a `.overblik` workspace file, the one the app opens. */
  workspace?: string;
  /** Accept learned proposals at or above this confidence; 1 accepts none. */
  acceptLearned?: number;
}

export interface AnalyzeResult {
  files: { name: string; format: string; rowsRead: number; rowsLoaded: number; rowsRejected: number; amountLoaded: number }[];
  totals: Awaited<ReturnType<typeof loadTotals>>;
  classification: { coveredSpendShare: number; coveredLineShare: number; byMethod: Record<string, { lines: number; spend: number; lineShare: number; spendShare: number }>; acceptLearned: number };
  categories: ContractCategory[];
  opportunities: ContractOpportunity[];
}

/** The command line analysis: the same core import and analysis as the browser, on native DuckDB. */
export async function analyze(db: DbConnector, options: AnalyzeOptions, log: (line: string) => void): Promise<AnalyzeResult> {
  await ensureSchema(db);
  const files: AnalyzeResult['files'] = [];
  const entries = [];
  for (const file of options.files) {
    const source = await diskSource(file.path);
    const plan = await planImport(source, directParsers);
    entries.push({ source, plan: { ...plan, role: file.role ?? plan.role } });
  }
  // Unattended: learned proposals at or above the threshold are accepted (1 accepts none); level-2
  // choices under a rule's level-1 decision from DEFAULT_ACCEPT_REFINE (or the threshold, if lower).
  const acceptLearned = options.acceptLearned ?? DEFAULT_ACCEPT_LEARNED;
  const acceptRefine = Math.min(acceptLearned, DEFAULT_ACCEPT_REFINE);
  const batch = await importBatch(db, entries, {
    parsers: directParsers,
    after: async () => {
      const refreshed = await refreshAnalysis(db, acceptLearned >= 1 ? {} : { acceptLearned, acceptRefine });
      const skipped = refreshed.classification.acceptanceSkipped;
      if (skipped !== undefined) {
        log(`modellens forslag er ikke godkendt automatisk: reglerne afgjorde kun ${Math.round(skipped * 100)} % af linjerne (mindst ${Math.round(MIN_RULE_SHARE_TO_ACCEPT * 100)} % kræves); gennemgå dem i appen`);
      }
      return refreshed;
    },
  });
  // A file that cannot be read at all stops the run: the command line never leaves one out silently.
  if (batch.failed[0]) throw batch.failed[0].error;
  for (const { name, outcome } of batch.loaded) {
    if (outcome.duplicateOf) {
      log(`${name}: samme indhold som ${outcome.duplicateOf}; ikke indlæst igen`);
      continue;
    }
    const s = outcome.summary;
    const entry = entries.find((e) => e.source.name === name)!;
    for (const w of outcome.warnings) log(`${name}: ${w}`);
    log(`${name}: ${entry.plan.format}, ${entry.plan.role}, ${s.rowsRead} læst, ${s.rowsLoaded} indlæst, ${s.rowsRejected} afvist`);
    files.push({ name: s.name, format: s.format, rowsRead: s.rowsRead, rowsLoaded: s.rowsLoaded, rowsRejected: s.rowsRejected, amountLoaded: s.amountLoaded });
  }
  const cov = await coverage(db);
  const analysis = await analysisForContract(db);
  const result: AnalyzeResult = {
    files,
    totals: await loadTotals(db),
    classification: { coveredSpendShare: cov.coveredSpendShare, coveredLineShare: cov.coveredLineShare, byMethod: cov.byMethod, acceptLearned },
    categories: analysis.categories,
    opportunities: analysis.opportunities,
  };
  if (options.json) await writeFile(options.json, JSON.stringify(result, null, 2) + '\n');
  if (options.lines) await writeStream(options.lines, linesCsv(db));
  if (options.xlsx) await writeFile(options.xlsx, await analysisWorkbook(db, { where: '', filters: EMPTY_FILTERS, lang: 'da' }));
  if (options.workspace) {
    // Above WORKSPACE_LINE_LIMIT the lines stay out: the file then carries the totals and findings.
    const snapshot = await snapshotWorkspace(db, { appVersion: APP_VERSION, lineLimit: WORKSPACE_LINE_LIMIT, summary: result });
    await writeFile(options.workspace, packWorkspace(snapshot));
    if (!snapshot.manifest.lines.included) log(`${options.workspace}: ${result.totals.lines} linjer er flere end en browser kan åbne (${WORKSPACE_LINE_LIMIT}); filen har samlede tal og fund, ikke linjerne`);
  }
  return result;
}

async function writeStream(file: string, chunks: AsyncIterable<string>): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  for await (const chunk of chunks) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

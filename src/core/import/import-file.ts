import { DataType, RecordBatchReader, tableToIPC } from 'apache-arrow';
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { inTransaction } from '../db/transaction.js';
import { literal, quoteIdent } from '../sql/escape.js';
import { ensureSchema } from '../workspace/schema.js';
import { loadContracts } from './contracts-import.js';
import { COMPRESSED_STAGE_BYTES, stageCsv, MixedLineEndingsError, type CsvReadOptions } from './csv/read-csv.js';
import type { StructuralReject } from './csv/structural-rejects.js';
import { textTools } from './csv/text-io.js';
import { ImportProblem } from './import-problem.js';
import { insertStructuralRejects, loadRawTable, nextFileId, type FileSummary } from './csv-import.js';
import { linkEcommerce, type OverlapSummary } from './overlap.js';
import { ORIGIN_FILE, ORIGIN_ROW, parsedTableToArrow } from './parsed-to-arrow.js';
import type { ParsedTable } from './parsed-table.js';
import type { ImportPlan } from './plan.js';
import type { Mapping } from './roles.js';
import type { ImportSource, Parsers } from './sources.js';

export interface ImportOutcome {
  summary: FileSummary;
  /** Set when the same content was already loaded; nothing was loaded again. */
  duplicateOf?: string;
  overlap: OverlapSummary;
  warnings: string[];
}

/** A file read into a staging table (outside any transaction), ready to be loaded. */
export interface StagedFile {
  plan: ImportPlan;
  mapping: Mapping;
  table: string;
  headers: string[];
  /** Lines the CSV reader refused, already with their reasons. */
  refused: StructuralReject[];
  registered?: string;
}

let stageCounter = 0;

async function findDuplicate(db: DbConnector, fingerprint: string): Promise<string | undefined> {
  const rows = await queryRows(db, `SELECT name FROM import_file WHERE fingerprint = ${literal(fingerprint)} LIMIT 1`);
  return rows[0] ? String(rows[0].name) : undefined;
}

function effectiveMapping(plan: ImportPlan, mapping: Mapping): Mapping {
  // An e-commerce order number is both the document and the link to the invoice.
  if (plan.role === 'ecommerce' && !mapping.documentId && mapping.orderRef) return { ...mapping, documentId: mapping.orderRef };
  return mapping;
}

async function stageText(db: DbConnector, source: ImportSource, plan: ImportPlan, parsers: Parsers, staged: StagedFile): Promise<void> {
  const tools = textTools(parsers);
  const handle = await source.handle();
  const text = plan.text ?? { scan: await tools.scan(handle), prepare: null };
  const options: CsvReadOptions = {
    delimiter: plan.layout.delimiter,
    quote: plan.layout.quote ?? '"',
    escape: plan.layout.escape ?? '"',
    skip: plan.layout.skip,
    headers: plan.headers,
    nullPadding: plan.layout.nullPadding ?? false,
    blankLines: text.scan.blankLines,
  };
  const read = async (prepare: typeof text.prepare) => {
    const data = prepare ? await tools.prepare(handle, prepare) : handle;
    staged.registered = `${staged.table}-${plan.name.replace(/[^\w.-]+/g, '_')}`;
    await db.registerFile(staged.registered, data);
    const compressed = (data instanceof Uint8Array ? data.length : data.size) >= COMPRESSED_STAGE_BYTES;
    try {
      return await stageCsv(db, staged.table, staged.registered, data, { ...options, compressed });
    } finally {
      await db.dropFile(staged.registered).catch(() => undefined);
    }
  };
  let result;
  try {
    result = await read(text.prepare);
  } catch (error) {
    if (!(error instanceof MixedLineEndingsError)) throw error;
    result = await read({ encoding: text.scan.encoding, normaliseNewlines: true });
  }
  staged.headers = result.rowColumn ? [...result.headers, ORIGIN_ROW] : result.headers;
  staged.refused = result.rejects;
}

/**
 * A parsed table (Excel, Parquet, invoices) into its staging table. The Arrow insert makes a table of
 * the workspace's compressed database (connector.ts), whose compression at the commit cost more than
 * the staging table lives for (100,000 Excel rows in DuckDB-WASM: 394 ms against 158 ms into a plain
 * table): below COMPRESSED_STAGE_BYTES the rows go into a TEMP table made first. Every column of a
 * parsed table is text (parsed-to-arrow.ts); any other type is left to the Arrow insert.
 */
async function stageParsed(db: DbConnector, table: string, parsed: ParsedTable): Promise<void> {
  // Packed by the parse worker: its bytes as they are (a copy, as the connector may take them over and the plan can be imported again).
  const bytes = parsed.arrow?.slice();
  const data = bytes ? null : parsedTableToArrow(parsed);
  const schema = data?.schema ?? RecordBatchReader.from(bytes!).open().schema;
  const names = schema.fields.map((f) => f.name.toLowerCase());
  const plain = (bytes?.byteLength ?? 0) < COMPRESSED_STAGE_BYTES && schema.fields.every((f) => DataType.isUtf8(f.type)) && new Set(names).size === names.length;
  if (plain) await db.exec(`CREATE TEMP TABLE ${quoteIdent(table)} (${schema.fields.map((f) => `${quoteIdent(f.name)} VARCHAR`).join(', ')})`);
  if (bytes) await db.insertArrowStream(table, bytes, { append: plain });
  else if (plain) await db.insertArrowStream(table, tableToIPC(data!, 'stream'), { append: true });
  else await db.insertArrow(table, data!);
}

/**
 * Reads a planned file into a staging table. Nothing in the workspace changes here, so a file
 * that cannot be read costs nothing; the CSV reader's refused lines come back as rejects.
 */
export async function stageFile(db: DbConnector, source: ImportSource, plan: ImportPlan, mapping: Mapping = plan.mapping, parsers: Parsers = {} as Parsers): Promise<StagedFile> {
  const staged: StagedFile = { plan, mapping, table: `__overblik_stage_${++stageCounter}`, headers: [], refused: [] };
  try {
    if (plan.parsed) {
      await stageParsed(db, staged.table, plan.parsed);
      staged.headers = (await queryRows(db, `SELECT column_name FROM (DESCRIBE ${quoteIdent(staged.table)})`)).map((r) => String(r.column_name));
    } else await stageText(db, source, plan, parsers, staged);
    return staged;
  } catch (error) {
    await dropStaged(db, staged);
    throw error;
  }
}

export async function dropStaged(db: DbConnector, staged: StagedFile): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(staged.table)}`).catch(() => undefined);
}

/** Loads a staged file into the workspace tables. Run it inside a transaction (importBatch does). */
export async function loadStaged(db: DbConnector, staged: StagedFile): Promise<ImportOutcome> {
  const { plan, table } = staged;
  await ensureSchema(db);
  const warnings = [...plan.warnings];
  const duplicateOf = await findDuplicate(db, plan.fingerprint);
  if (duplicateOf) {
    const empty: FileSummary = {
      fileId: 0, name: plan.name, format: plan.format, encoding: plan.encoding, sourceKind: 'invoice',
      rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, amountLoaded: 0, periodFrom: null, periodTo: null, cprMasked: 0,
    };
    return { summary: empty, duplicateOf, overlap: await linkEcommerce(db), warnings };
  }
  const fileId = await nextFileId(db);
  const refused = staged.refused.length;
  await insertStructuralRejects(db, fileId, plan.name, staged.refused);
  let summary: FileSummary;
  if (plan.role === 'contracts') {
    const dataHeaders = staged.headers.filter((h) => h !== ORIGIN_ROW && h !== ORIGIN_FILE);
    const counts = await loadContracts(db, table, dataHeaders, fileId, plan.name, plan.layout);
    const rowsRead = counts.rowsRead + refused;
    const rowsRejected = counts.rowsRejected + refused;
    summary = {
      fileId, name: plan.name, format: plan.format, encoding: plan.encoding, sourceKind: 'invoice',
      rowsRead, rowsLoaded: counts.rowsLoaded, rowsRejected, amountLoaded: 0, periodFrom: null, periodTo: null, cprMasked: 0,
    };
    await db.exec(
      `INSERT INTO import_file VALUES (${fileId}, ${literal(plan.name)}, ${literal(plan.format)}, ${literal(plan.encoding)},
         'contracts', ${rowsRead}, ${counts.rowsLoaded}, ${rowsRejected}, 0, NULL, NULL, 0, ${literal(plan.fingerprint)})`,
    );
  } else {
    const request = {
      fileId,
      fileName: plan.name,
      registeredName: staged.registered ?? table,
      format: plan.format,
      sourceKind: plan.role === 'ecommerce' ? 'ecommerce' : 'invoice',
      layout: plan.layout,
      mapping: effectiveMapping(plan, staged.mapping),
      fingerprint: plan.fingerprint,
      encoding: plan.encoding,
      fileCurrency: plan.currency,
    } as const;
    summary = await loadRawTable(db, table, staged.headers, request, refused);
  }
  return { summary: { ...summary, encoding: plan.encoding }, overlap: await linkEcommerce(db), warnings };
}

/** Loads one planned file (the tests' and bench's entry point); the workspace changes all at once or not at all. */
export async function executeImport(db: DbConnector, source: ImportSource, plan: ImportPlan, mapping: Mapping = plan.mapping, parsers?: Parsers): Promise<ImportOutcome> {
  const staged = await stageFile(db, source, plan, mapping, parsers);
  try {
    return await inTransaction(db, () => loadStaged(db, staged));
  } finally {
    await dropStaged(db, staged);
  }
}

/**
 * The browser holds a file's data in memory; beyond these sizes the import would fail late, so
 * the user is told up front to use the command line tool instead.
 * CSV measured in the app (drop → overview, then Kategorier, Leverandører, Muligheder; Demo Kommune's
 * 13 columns, Chromium, 2026-12-07, `.cache/scratch/appmem.ts`), with the tables compressed, the load
 * committed before the analysis and large staging and analysis tables compressed: 4M lines, 627 MB,
 * renderer peak 2.97 GB; 5M lines, 782 MB, loaded in 66 s and every screen opened, renderer peak 3.62 GB
 * (DuckDB-WASM's own limit is 3.1 GiB). Before those changes 4M lines ran out of memory and the limit was
 * 480 MB. The limit sits just above the measured success. Excel measured with `--xlsx-max` (2026-12-06):
 * a sheet of Excel's 1,048,575 lines under the header, 114 MB, loads with a renderer peak of 1.65 GB; no
 * sheet can hold more rows, so 150 MB leaves room for wider sheets. The other formats are estimates (not measured).
 */
export const BROWSER_LIMIT_BYTES: Record<string, number> = {
  csv: 800_000_000,
  xlsx: 150_000_000,
  parquet: 400_000_000,
  'ubl-xml': 300_000_000,
  'ubl-zip': 300_000_000,
};

/** A file too large for the browser, as a problem naming both sizes in MB, or null when it fits. */
export function browserSizeProblem(name: string, size: number, format: string): ImportProblem | null {
  const limit = BROWSER_LIMIT_BYTES[format] ?? BROWSER_LIMIT_BYTES.csv!;
  const mb = (n: number) => Math.round(n / 1_048_576);
  return size <= limit ? null : new ImportProblem('too_large', name, { mb: mb(size), limit: mb(limit) });
}

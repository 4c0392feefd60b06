import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal, quoteIdent } from '../sql/escape.js';
import { ensureSchema } from '../workspace/schema.js';
import { loadContracts } from './contracts-import.js';
import { importCsv, loadRawTable, nextFileId, readRawCsv, type FileSummary } from './csv-import.js';
import { linkEcommerce, type OverlapSummary } from './overlap.js';
import { parsedTableToArrow } from './parsed-to-arrow.js';
import type { ImportPlan } from './plan.js';
import type { Mapping } from './roles.js';
import type { ImportSource } from './sources.js';

export interface ImportOutcome {
  summary: FileSummary;
  /** Set when the same content was already loaded; nothing was loaded again. */
  duplicateOf?: string;
  overlap: OverlapSummary;
  warnings: string[];
}

/** Windows-1252 → UTF-8 in JavaScript: DuckDB's Latin-1 reading gets €, – and “ ” wrong. */
export function transcodeWindows1252(bytes: Uint8Array): Uint8Array {
  return new TextEncoder().encode(new TextDecoder('windows-1252').decode(bytes));
}

async function findDuplicate(db: DbConnector, fingerprint: string): Promise<string | undefined> {
  const rows = await queryRows(db, `SELECT name FROM import_file WHERE fingerprint = ${literal(fingerprint)} LIMIT 1`);
  return rows[0] ? String(rows[0].name) : undefined;
}

function effectiveMapping(plan: ImportPlan, mapping: Mapping): Mapping {
  // An e-commerce order number is both the document and the link to the invoice.
  if (plan.role === 'ecommerce' && !mapping.documentId && mapping.orderRef) return { ...mapping, documentId: mapping.orderRef };
  return mapping;
}

/** Loads a planned file with the (possibly user-corrected) mapping. */
export async function executeImport(db: DbConnector, source: ImportSource, plan: ImportPlan, mapping: Mapping = plan.mapping): Promise<ImportOutcome> {
  await ensureSchema(db);
  const duplicateOf = await findDuplicate(db, plan.fingerprint);
  const warnings = [...plan.warnings];
  if (duplicateOf) {
    const empty: FileSummary = {
      fileId: 0, name: plan.name, format: plan.format, encoding: plan.encoding, sourceKind: 'invoice',
      rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, amountLoaded: 0, periodFrom: null, periodTo: null, cprMasked: 0,
    };
    return { summary: empty, duplicateOf, overlap: await linkEcommerce(db), warnings };
  }
  const fileId = await nextFileId(db);
  const raw = `raw_${fileId}`;
  const registered = `import-${fileId}-${plan.name.replace(/[^\w.-]+/g, '_')}`;
  const sourceKind = plan.role === 'ecommerce' ? 'ecommerce' : 'invoice';
  const request = {
    fileId,
    fileName: plan.name,
    registeredName: registered,
    format: plan.format,
    sourceKind,
    layout: plan.layout,
    mapping: effectiveMapping(plan, mapping),
    fingerprint: plan.fingerprint,
    encoding: plan.encoding,
    fileCurrency: plan.currency,
  } as const;
  try {
    let headers: string[];
    if (plan.parsed) {
      await db.insertArrow(raw, parsedTableToArrow(plan.parsed));
      headers = (await queryRows(db, `SELECT column_name FROM (DESCRIBE ${quoteIdent(raw)})`)).map((r) => String(r.column_name));
    } else {
      const data = plan.encoding === 'windows-1252' ? transcodeWindows1252(await source.bytes()) : await source.handle();
      await db.registerFile(registered, data);
      headers = await readRawCsv(db, raw, registered, plan.layout);
    }
    let summary: FileSummary;
    if (plan.role === 'contracts') {
      const counts = await loadContracts(db, raw, headers, fileId, plan.name, plan.layout);
      summary = {
        fileId, name: plan.name, format: plan.format, encoding: plan.encoding, sourceKind: 'invoice',
        ...counts, amountLoaded: 0, periodFrom: null, periodTo: null, cprMasked: 0,
      };
      await db.exec(
        `INSERT INTO import_file VALUES (${fileId}, ${literal(plan.name)}, ${literal(plan.format)}, ${literal(plan.encoding)},
           'contracts', ${counts.rowsRead}, ${counts.rowsLoaded}, ${counts.rowsRejected}, 0, NULL, NULL, 0, ${literal(plan.fingerprint)})`,
      );
    } else {
      summary = await loadRawTable(db, raw, headers, request);
    }
    return { summary: { ...summary, encoding: plan.encoding }, overlap: await linkEcommerce(db), warnings };
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(raw)}`);
    if (!plan.parsed) await db.dropFile(registered).catch(() => undefined);
  }
}

/** Kept for callers that know the layout already (the demo, tests). */
export { importCsv };

/**
 * The browser holds a file's data in memory; beyond these sizes the import would fail late, so
 * the user is told up front to use the command line tool instead.
 */
export const BROWSER_LIMIT_BYTES: Record<string, number> = {
  csv: 1_500_000_000,
  xlsx: 150_000_000,
  parquet: 400_000_000,
  'ubl-xml': 300_000_000,
  'ubl-zip': 300_000_000,
};

export function browserSizeProblem(name: string, size: number, format: string): { da: string; en: string } | null {
  const limit = BROWSER_LIMIT_BYTES[format] ?? BROWSER_LIMIT_BYTES.csv!;
  if (size <= limit) return null;
  const mb = (n: number) => Math.round(n / 1_048_576).toLocaleString('da-DK');
  return {
    da: `${name} fylder ${mb(size)} MB – mere end browseren kan holde for denne filtype (${mb(limit)} MB). Brug kommandolinjeværktøjet: npm run cli -- analyze ${name} --json resultat.json`,
    en: `${name} is ${mb(size)} MB – more than the browser can hold for this file type (${mb(limit)} MB). Use the command line tool: npm run cli -- analyze ${name} --json result.json`,
  };
}

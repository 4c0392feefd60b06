import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { ensureSchema } from '../workspace/schema.js';
import type { FileSummary } from './csv-import.js';
import type { RejectDetail } from './csv/structural-rejects.js';
import { overlapSummary } from './overlap.js';
import { csvDocument } from '../export/csv.js';

/** A loaded file as recorded in import_file; contract registers have source kind 'contracts'. */
export type ImportedFile = Omit<FileSummary, 'sourceKind' | 'encoding'> & { sourceKind: string; encoding: string | null };

export interface RejectRow {
  fileId: number;
  file: string;
  row: number;
  raw: string;
  reason: string;
  /** For lines the CSV reader refused: the column, field counts and the engine's words. */
  detail: RejectDetail | null;
}

export interface ImportReport {
  files: ImportedFile[];
  totals: { rowsRead: number; rowsLoaded: number; rowsRejected: number; amountLoaded: number; cprMasked: number };
  rejectsByReason: { reason: string; rows: number }[];
  /** E-commerce lines also invoiced (counted once, on the invoice). */
  linkedEcommerce: { lines: number; amount: number };
  /** Supplier-months bought through both channels without an order reference to link them. */
  possibleOverlap: { supplierMonths: number; amount: number };
  foreignCurrencyLines: number;
}

/** What has been loaded so far, per file, straight from the workspace tables. */
export async function loadImportReport(db: DbConnector): Promise<ImportReport> {
  await ensureSchema(db);
  const files = (await queryRows(db, 'SELECT * FROM import_file ORDER BY file_id')).map(
    (r): ImportedFile => ({
      fileId: Number(r.file_id),
      name: String(r.name),
      format: String(r.format),
      encoding: (r.encoding as string | null) ?? null,
      sourceKind: String(r.source_kind),
      rowsRead: Number(r.rows_read),
      rowsLoaded: Number(r.rows_loaded),
      rowsRejected: Number(r.rows_rejected),
      amountLoaded: Number(r.amount_loaded),
      periodFrom: (r.period_from as string | null) ?? null,
      periodTo: (r.period_to as string | null) ?? null,
      cprMasked: Number(r.cpr_masked),
    }),
  );
  const [t] = await queryRows(
    db,
    `SELECT coalesce(sum(rows_read), 0) AS rows_read, coalesce(sum(rows_loaded), 0) AS rows_loaded,
            coalesce(sum(rows_rejected), 0) AS rows_rejected, coalesce(sum(amount_loaded), 0)::DECIMAL(18,2) AS amount_loaded,
            coalesce(sum(cpr_masked), 0) AS cpr_masked FROM import_file`,
  );
  const reasons = await queryRows(db, 'SELECT reason, count(*) AS n FROM import_reject GROUP BY 1 ORDER BY 2 DESC');
  const overlap = await overlapSummary(db);
  const [foreign] = await queryRows(db, `SELECT count(*) AS n FROM spend_line WHERE currency <> 'DKK'`);
  return {
    files,
    totals: {
      rowsRead: Number(t?.rows_read ?? 0),
      rowsLoaded: Number(t?.rows_loaded ?? 0),
      rowsRejected: Number(t?.rows_rejected ?? 0),
      amountLoaded: Number(t?.amount_loaded ?? 0),
      cprMasked: Number(t?.cpr_masked ?? 0),
    },
    rejectsByReason: reasons.map((r) => ({ reason: String(r.reason), rows: Number(r.n) })),
    linkedEcommerce: { lines: overlap.linkedLines, amount: overlap.linkedAmount },
    possibleOverlap: { supplierMonths: overlap.unlinkedSupplierMonths, amount: overlap.unlinkedAmount },
    foreignCurrencyLines: Number(foreign?.n ?? 0),
  };
}

export async function loadRejects(db: DbConnector, limit = 5000): Promise<RejectRow[]> {
  await ensureSchema(db);
  const rows = await queryRows(
    db,
    `SELECT file_id, file, "row", raw, reason, detail FROM import_reject ORDER BY file_id, "row" LIMIT ${Math.max(1, Math.floor(limit))}`,
  );
  return rows.map((r) => ({
    fileId: Number(r.file_id),
    file: String(r.file),
    row: Number(r.row),
    raw: String(r.raw ?? ''),
    reason: String(r.reason),
    detail: parseDetail(r.detail),
  }));
}

function parseDetail(value: unknown): RejectDetail | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    return JSON.parse(value) as RejectDetail;
  } catch {
    return null;
  }
}

/**
 * All rejected rows as CSV for Excel (the shared writer: BOM, `;`, formula-like text made inert,
 * so a supplier named `=HYPERLINK(...)` in a refused line stays text), reasons in the user's language.
 */
export async function rejectsCsv(
  db: DbConnector,
  reasonText: (row: RejectRow) => string,
  labels: { file: string; row: string; reason: string; raw: string },
): Promise<string> {
  const rows = await loadRejects(db, Number.MAX_SAFE_INTEGER);
  return csvDocument([labels.file, labels.row, labels.reason, labels.raw], rows.map((r) => [r.file, r.row, reasonText(r), r.raw]));
}

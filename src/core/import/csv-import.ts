import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal, quoteIdent } from '../sql/escape.js';
import { cleanCvrSql } from '../suppliers/cvr.js';
import { supplierKeySql } from '../suppliers/name-key.js';
import { ensureSchema } from '../workspace/schema.js';
import { rateSql } from './currency.js';
import { amountSql, dateSql, hasCprSql, maskCprSql, textSql, type DecimalMark } from './parse-sql.js';
import type { StructuralReason, StructuralReject } from './csv/structural-rejects.js';
import { ORIGIN_FILE, ORIGIN_ROW } from './parsed-to-arrow.js';
import type { Mapping, Role } from './roles.js';

export type SourceKind = 'invoice' | 'ecommerce';

export interface CsvLayout {
  delimiter: string;
  /** DuckDB's reader handles UTF-8 (BOM or not) and Latin-1 natively. */
  encoding: 'utf-8' | 'latin-1';
  decimal: DecimalMark;
  dateFormats: string[];
  /** Lines before the header line. */
  skip: number;
  /** From our sniffer (DuckDB's own is not used): '' when the file never quotes. */
  quote?: '"' | '';
  escape?: '"' | '\\';
  /** Pad rows that leave out trailing empty fields (when the file does so throughout). */
  nullPadding?: boolean;
}

export interface CsvImportRequest {
  fileId: number;
  fileName: string;
  /** The name the file is registered under in the database. */
  registeredName: string;
  format: string;
  sourceKind: SourceKind;
  layout: CsvLayout;
  mapping: Mapping;
  fingerprint?: string;
  /** How the file was decoded, for the report (defaults to the CSV layout's). */
  encoding?: string;
  /** The currency of amounts when the file has no currency column (default DKK). */
  fileCurrency?: string;
}

export interface FileSummary {
  fileId: number;
  name: string;
  format: string;
  encoding: string;
  sourceKind: SourceKind;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  amountLoaded: number;
  periodFrom: string | null;
  periodTo: string | null;
  cprMasked: number;
}

/** Why a row was not loaded; the UI translates the code. Lines the CSV reader refuses have their own (csv/structural-rejects.ts). */
export type RejectReason =
  | 'empty_row'
  | 'total_row'
  | 'amount_missing'
  | 'amount_invalid'
  | 'date_invalid'
  | 'date_out_of_range'
  | 'supplier_missing'
  | 'currency_unknown'
  | StructuralReason;

/** Dates outside these years are typing errors (0024 for 2024, 9999 for "open"), not spend. */
const DATE_MIN = '1900-01-01';
const DATE_MAX = '2099-12-31';

/**
 * Whether every field of a row is empty (`trimmed`: the columns the parse has already trimmed to text
 * or NULL). A long AND chain is what DuckDB plans fastest for a normal export, but its optimiser
 * takes minutes over thousands of columns (measured: 10,000 columns, 127 s), where one
 * concatenation takes under a second.
 */
function emptyRowSql(headers: readonly string[], trimmed: ReadonlySet<string>): string {
  if (headers.length === 0) return 'FALSE';
  if (headers.length <= 64) return headers.map((h) => (trimmed.has(h) ? `${quoteIdent(h)} IS NULL` : `${textSql(quoteIdent(h))} IS NULL`)).join(' AND ');
  return `trim(concat_ws('', ${headers.map(quoteIdent).join(', ')})) = ''`;
}

function col(mapping: Mapping, role: Role): string {
  const header = mapping[role];
  return header ? quoteIdent(header) : 'NULL::VARCHAR';
}

/** Lines the CSV reader refused, into import_reject with their reason and detail. */
export async function insertStructuralRejects(db: DbConnector, fileId: number, fileName: string, rejects: readonly StructuralReject[]): Promise<void> {
  for (let i = 0; i < rejects.length; i += 1000) {
    const values = rejects
      .slice(i, i + 1000)
      // CPR numbers are masked here too: nothing personal is stored, refused lines included.
      .map((r) => `(${fileId}, ${literal(fileName)}, ${r.row}, ${maskCprSql(literal(r.raw))}, ${literal(r.reason)}, ${literal(JSON.stringify(r.detail))})`);
    await db.exec(`INSERT INTO import_reject (file_id, file, "row", raw, reason, detail) VALUES ${values.join(', ')}`);
  }
}

/**
 * Loads a raw table into spend_line and import_reject; every row goes to exactly one of them.
 * `refused` lines (already in import_reject) count as read and rejected.
 */
export async function loadRawTable(db: DbConnector, raw: string, headers: string[], request: CsvImportRequest, refused = 0): Promise<FileSummary> {
  await ensureSchema(db);
  const { mapping, layout, fileId } = request;
  const m = (role: Role) => col(mapping, role);
  const cvr = cleanCvrSql(m('supplierCvr'));
  // Parsers of multi-document uploads (a ZIP of XML invoices) say where each row came from; a CSV
  // with refused or empty lines carries its row numbers.
  const hasRow = headers.includes(ORIGIN_ROW);
  const dataHeaders = headers.filter((h) => h !== ORIGIN_FILE && h !== ORIGIN_ROW);
  const rowExpr = hasRow ? `CAST(${quoteIdent(ORIGIN_ROW)} AS BIGINT)` : 'rid + 1';
  const fileExpr = headers.includes(ORIGIN_FILE) ? quoteIdent(ORIGIN_FILE) : literal(request.fileName);
  // Qualified: an input column may share a name with a parsed column ("Description").
  const rawText = `concat_ws(${literal(layout.delimiter)}, ${dataHeaders.map((h) => `coalesce(src.${quoteIdent(h)}, '')`).join(', ')})`;
  // Each mapped column is trimmed once, here; the parsers below read the trimmed text as it is.
  const trimmed = new Set(Object.values(mapping).filter((h): h is string => h !== undefined && dataHeaders.includes(h)));
  const trim = trimmed.size ? ` REPLACE (${[...trimmed].map((h) => `${textSql(quoteIdent(h))} AS ${quoteIdent(h)}`).join(', ')})` : '';
  // Supplier keys (suppliers/name-key.ts) are computed once per distinct (CVR, name) of the file, not
  // once per line: the raw pairs first (no parsing per line), then their trimmed and cleaned forms. The same pass counts the
  // cells with a CPR number (rejected rows included: nothing personal is stored).
  const keys = `keys_${fileId}`;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${quoteIdent(keys)} AS
     WITH g AS (
       SELECT ${col(mapping, 'supplierCvr')} AS c, ${col(mapping, 'supplierName')} AS n,
              count(*) FILTER (WHERE ${hasCprSql(col(mapping, 'description'))}) AS cpr
         FROM ${quoteIdent(raw)} GROUP BY ALL),
     k AS (
       SELECT ${cleanCvrSql('c')} AS supplier_cvr, n AS supplier_name, sum(cpr) AS cpr
         FROM (SELECT ${textSql('c')} AS c, ${textSql('n')} AS n, cpr FROM g) GROUP BY ALL)
     SELECT supplier_cvr, supplier_name, cpr, ${supplierKeySql('supplier_cvr', 'supplier_name')} AS supplier_key FROM k`,
  );
  const [cpr] = await queryRows(db, `SELECT coalesce(sum(cpr), 0) AS n FROM ${quoteIdent(keys)}`);
  // Without a CPR number in the file (the usual case) the parse skips the pattern.
  const cprMasked = Number(cpr?.n ?? 0);
  // Every row parsed, with the reason it cannot be loaded (NULL when it can). Not materialised: the
  // lines go straight into spend_line, and only the rows it did not take are parsed again, for import_reject.
  const parse = (where = '') =>
    `     WITH src AS (SELECT rowid AS rid, *${trim} FROM ${quoteIdent(raw)}${where}),
     p AS (
       SELECT rid, rid + 1 AS seq, ${rowExpr} AS "row", ${fileExpr} AS file,
              ${m('documentId')} AS document_id,
              ${m('documentDate')} AS document_date_text,
              ${dateSql(m('documentDate'), layout.dateFormats)} AS document_date,
              ${m('postingDate')} AS posting_date_text,
              ${dateSql(m('postingDate'), layout.dateFormats)} AS posting_date,
              ${cvr} AS supplier_cvr,
              ${m('supplierName')} AS supplier_name,
              ${m('unit')} AS unit,
              ${m('unitEan')} AS unit_ean,
              ${m('account')} AS account,
              ${m('accountNo')} AS account_no,
              ${m('description')} AS description_text,
              ${cprMasked > 0 ? hasCprSql(m('description')) : 'FALSE'} AS had_cpr,
              ${m('itemCode')} AS item_code_text,
              ${m('itemScheme')} AS item_scheme_text,
              ${m('itemNumber')} AS item_number_text,
              ${amountSql(m('quantity'), layout.decimal)}::DECIMAL(18,4) AS quantity,
              ${amountSql(m('unitPrice'), layout.decimal)}::DECIMAL(18,4) AS unit_price,
              ${m('amount')} AS amount_text,
              ${amountSql(m('amount'), layout.decimal)} AS amount,
              coalesce(upper(${m('currency')}), ${literal((request.fileCurrency ?? 'DKK').toUpperCase())}) AS currency,
              ${m('orderRef')} AS order_ref,
              ${emptyRowSql(dataHeaders, trimmed)} AS is_empty
         FROM src)
     SELECT * EXCLUDE (item_code_text, item_scheme_text, item_number_text, amount, description_text),
            ${maskCprSql('description_text', 'had_cpr')} AS description,
            -- Another currency keeps its original amount; spend is in DKK by the dated rate table.
            amount AS amount_original,
            CASE WHEN currency = 'DKK' THEN amount ELSE round(amount * ${rateSql('currency')}, 2)::DECIMAL(18,2) END AS amount,
            -- A seller's own item id is not a classification code; it feeds price comparison.
            CASE WHEN lower(item_scheme_text) = 'seller' THEN NULL ELSE item_code_text END AS item_code,
            CASE WHEN lower(item_scheme_text) = 'seller' OR item_code_text IS NULL THEN NULL
                 WHEN item_scheme_text IS NOT NULL THEN upper(item_scheme_text)
                 ${mapping.itemCode && /cpv/i.test(mapping.itemCode) ? `ELSE 'CPV'` : `ELSE 'UNSPSC'`} END AS item_scheme,
            coalesce(item_number_text, CASE WHEN lower(item_scheme_text) = 'seller' THEN item_code_text END) AS item_number,
            CASE WHEN is_empty THEN 'empty_row'
                 WHEN supplier_name IS NULL AND supplier_cvr IS NULL AND document_id IS NULL
                      AND (regexp_matches(lower(coalesce(${maskCprSql('description_text', 'had_cpr')}, '') || ' ' || coalesce(unit, '') || ' ' || coalesce(account, '')),
                                          '(^|[^a-zæøå])(total|i alt|sum|totalt|summa|grand total|subtotal|sub-total|delsum|deltotal|mellemsum|sum i alt)([^a-zæøå]|$)')
                           OR document_date_text IS NULL) AND amount IS NOT NULL THEN 'total_row'
                 -- A lone dash is how reports print "nothing".
                 WHEN amount_text IS NULL OR amount_text IN ('-', '–') THEN 'amount_missing'
                 WHEN amount IS NULL THEN 'amount_invalid'
                 WHEN (document_date_text IS NOT NULL AND document_date IS NULL)
                      OR (posting_date_text IS NOT NULL AND posting_date IS NULL) THEN 'date_invalid'
                 WHEN document_date NOT BETWEEN DATE '${DATE_MIN}' AND DATE '${DATE_MAX}'
                      OR posting_date NOT BETWEEN DATE '${DATE_MIN}' AND DATE '${DATE_MAX}' THEN 'date_out_of_range'
                 WHEN supplier_name IS NULL AND supplier_cvr IS NULL THEN 'supplier_missing'
                 WHEN currency <> 'DKK' AND ${rateSql('currency')} IS NULL THEN 'currency_unknown'
            END AS reason
       FROM p`;
  await db.exec(
    `INSERT INTO spend_line (line_id, file_id, file, "row", source_kind, document_id, document_date, posting_date,
        supplier_cvr, supplier_name, supplier_key, unit, unit_ean, account, account_no, description, item_code,
        item_scheme, item_number, quantity, unit_price, amount, currency, amount_original, order_ref)
     SELECT ${fileId}::BIGINT * 1000000000 + p.seq, ${fileId}, p.file, p."row", ${literal(request.sourceKind)},
            p.document_id, p.document_date, p.posting_date, p.supplier_cvr, p.supplier_name, k.supplier_key, p.unit, p.unit_ean,
            p.account, p.account_no, p.description, p.item_code, p.item_scheme, p.item_number, p.quantity, p.unit_price,
            p.amount, p.currency, CASE WHEN p.currency <> 'DKK' THEN p.amount_original END, p.order_ref
       FROM (${parse()}) p
       JOIN ${quoteIdent(keys)} k ON p.supplier_cvr IS NOT DISTINCT FROM k.supplier_cvr AND p.supplier_name IS NOT DISTINCT FROM k.supplier_name
      WHERE p.reason IS NULL`,
  );
  const [s] = await queryRows(
    db,
    `SELECT (SELECT count(*) FROM ${quoteIdent(raw)}) AS rows_read,
            count(*) AS rows_loaded,
            coalesce(sum(amount), 0)::DECIMAL(18,2) AS amount_loaded,
            min(coalesce(document_date, posting_date)) AS period_from,
            max(coalesce(document_date, posting_date)) AS period_to
       FROM spend_line WHERE file_id = ${fileId}`,
  );
  await db.exec(`DROP TABLE ${quoteIdent(keys)}`);
  const rowsRejected = Number(s?.rows_read ?? 0) - Number(s?.rows_loaded ?? 0);
  // The raw text is rebuilt for rejected rows only (and not planned at all when there are none): the
  // rows spend_line did not take are parsed again for their reason.
  if (rowsRejected > 0) {
    const missing = `WHERE rowid IN (SELECT rid FROM (SELECT rowid AS rid FROM ${quoteIdent(raw)})
        ANTI JOIN (SELECT line_id - ${fileId}::BIGINT * 1000000000 - 1 AS rid FROM spend_line WHERE file_id = ${fileId}) USING (rid))`;
    await db.exec(
      `INSERT INTO import_reject (file_id, file, "row", raw, reason) SELECT ${fileId}, p.file, p."row", ${maskCprSql(rawText)}, p.reason
         FROM (${parse(` ${missing}`)}) p JOIN (SELECT rowid AS rid, * FROM ${quoteIdent(raw)}) src USING (rid)
        ORDER BY p.seq`,
    );
  }
  const summary: FileSummary = {
    fileId,
    name: request.fileName,
    format: request.format,
    encoding: request.encoding ?? layout.encoding,
    sourceKind: request.sourceKind,
    rowsRead: Number(s?.rows_read ?? 0) + refused,
    rowsLoaded: Number(s?.rows_loaded ?? 0),
    rowsRejected: rowsRejected + refused,
    amountLoaded: Number(s?.amount_loaded ?? 0),
    periodFrom: (s?.period_from as string | null) ?? null,
    periodTo: (s?.period_to as string | null) ?? null,
    cprMasked,
  };
  await db.exec(
    `INSERT INTO import_file VALUES (${fileId}, ${literal(summary.name)}, ${literal(summary.format)}, ${literal(summary.encoding)},
       ${literal(summary.sourceKind)}, ${summary.rowsRead}, ${summary.rowsLoaded}, ${summary.rowsRejected},
       (SELECT coalesce(sum(amount), 0) FROM spend_line WHERE file_id = ${fileId}),
       ${literal(summary.periodFrom)}::DATE, ${literal(summary.periodTo)}::DATE, ${summary.cprMasked}, ${literal(request.fingerprint ?? null)})`,
  );
  return summary;
}

/** The next free file id in the workspace. */
export async function nextFileId(db: DbConnector): Promise<number> {
  await ensureSchema(db);
  const [row] = await queryRows(db, 'SELECT coalesce(max(file_id), 0) + 1 AS id FROM import_file');
  return Number(row?.id ?? 1);
}

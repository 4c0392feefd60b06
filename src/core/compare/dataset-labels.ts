import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { ensureSchema } from '../workspace/schema.js';

/**
 * A data-set label per imported spend file: which municipality and period it is, and how many
 * inhabitants (for spend per inhabitant). Kept in its own table keyed by import_file.file_id, so
 * the import does not need to know about it and the workspace file saves it with the analysis.
 * A missing or empty field means the default, derived from the data:
 *   municipality: the file's `municipality` column (the most frequent value) if it has one; an
 *     e-commerce export joins the invoice file loaded before it; else the file name;
 *   period: the years of its lines ("2025", "2024–2025").
 * Files with the same municipality and period form one data set (Sammenlign).
 */

export const DATASET_LABEL_TABLE_SQL = `CREATE TABLE IF NOT EXISTS dataset_label (
  file_id INTEGER NOT NULL,
  municipality VARCHAR,
  period VARCHAR,
  inhabitants BIGINT
)`;

export interface FileLabel {
  fileId: number;
  name: string;
  sourceKind: string;
  lines: number;
  firstDate: string | null;
  lastDate: string | null;
  municipality: string;
  period: string;
  inhabitants: number | null;
  /** What the label would be without a saved value (shown as the field's placeholder). */
  defaults: { municipality: string; period: string };
}

export interface LabelEdit {
  fileId: number;
  /** null or '' = the default. */
  municipality?: string | null;
  period?: string | null;
  inhabitants?: number | null;
}

const stem = (name: string) => name.replace(/\.[^.]+$/, '');

/** "2025" or "2024–2025" from the first and last date. */
export function yearSpan(first: string | null, last: string | null): string {
  if (!first || !last) return '–';
  const a = first.slice(0, 4);
  const b = last.slice(0, 4);
  return a === b ? a : `${a}–${b}`;
}

const text = (v: unknown): string | null => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim());

/** Every spend file with its label (saved values over the defaults), in load order. */
export async function loadFileLabels(db: DbConnector): Promise<FileLabel[]> {
  await ensureSchema(db);
  await db.exec(DATASET_LABEL_TABLE_SQL);
  const rows = await queryRows(
    db,
    `WITH l AS (
       SELECT file_id, count(*) AS lines, mode(municipality) AS municipality,
              min(coalesce(document_date, posting_date)) AS first, max(coalesce(document_date, posting_date)) AS last
         FROM spend_line GROUP BY file_id)
     SELECT f.file_id, f.name, f.source_kind, l.lines, l.municipality AS data_municipality, l.first, l.last,
            d.municipality, d.period, d.inhabitants
       FROM import_file f JOIN l USING (file_id)
       LEFT JOIN (SELECT file_id, any_value(municipality) AS municipality, any_value(period) AS period, any_value(inhabitants) AS inhabitants
                    FROM dataset_label GROUP BY file_id) d USING (file_id)
      ORDER BY f.file_id`,
  );
  const out: FileLabel[] = [];
  let lastInvoice: FileLabel | undefined;
  for (const r of rows) {
    const sourceKind = String(r.source_kind);
    const first = text(r.first);
    const last = text(r.last);
    const own = text(r.data_municipality);
    // An e-commerce export without a municipality column belongs with the invoices loaded before it.
    const joins = own === null && sourceKind === 'ecommerce' ? lastInvoice : undefined;
    const defaults = joins
      ? { municipality: joins.municipality, period: joins.period }
      : { municipality: own ?? stem(String(r.name)), period: yearSpan(first, last) };
    const label: FileLabel = {
      fileId: Number(r.file_id),
      name: String(r.name),
      sourceKind,
      lines: Number(r.lines),
      firstDate: first,
      lastDate: last,
      municipality: text(r.municipality) ?? defaults.municipality,
      period: text(r.period) ?? defaults.period,
      inhabitants: r.inhabitants === null ? null : Number(r.inhabitants),
      defaults,
    };
    out.push(label);
    if (sourceKind === 'invoice') lastInvoice = label;
  }
  return out;
}

/** Saves labels for some files (an empty field goes back to its default); inhabitants must be a whole number ≥ 0. */
export async function saveFileLabels(db: DbConnector, edits: readonly LabelEdit[]): Promise<void> {
  await db.exec(DATASET_LABEL_TABLE_SQL);
  if (!edits.length) return;
  for (const e of edits) {
    if (e.inhabitants !== null && e.inhabitants !== undefined && !(Number.isInteger(e.inhabitants) && e.inhabitants >= 0)) {
      throw new RangeError(`inhabitants must be a whole number ≥ 0, got ${e.inhabitants}`);
    }
  }
  const ids = edits.map((e) => literal(e.fileId)).join(', ');
  await db.exec(`DELETE FROM dataset_label WHERE file_id IN (${ids})`);
  const values = edits.map(
    (e) => `(${literal(e.fileId)}, ${literal(text(e.municipality))}, ${literal(text(e.period))}, ${literal(e.inhabitants ?? null)})`,
  );
  await db.exec(`INSERT INTO dataset_label VALUES ${values.join(', ')}`);
}

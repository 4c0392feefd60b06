import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { quoteIdent } from '../../sql/escape.js';
import { describeConfig, type ClientConfig } from './areas.js';
import { tableDefProblem, tableSignatures, workspaceTables, type SignatureOptions, type TableDef } from './catalog.js';
import { FORMAT_VERSION, WORKSPACE_FORMAT, type ImportedFile, type TableEntry, type WorkspaceManifest } from './manifest.js';

export interface SnapshotOptions {
  appVersion: string;
  client?: ClientConfig;
  /**
   * Tables the caller already holds (the autosave's last generation): a table whose content
   * signature is unchanged keeps its entry and is not exported again.
   */
  known?: ReadonlyMap<string, TableEntry>;
  /** Signatures computed just before (by `changedTables`), so they are not computed twice. */
  signatures?: ReadonlyMap<string, string>;
  /** More counted lines than this leave the line-level tables out (the command line on big files). */
  lineLimit?: number;
  /** With lines left out: the command line's totals, categories and opportunities. */
  summary?: unknown;
  rowsPerPart?: number;
  now?: Date;
  /**
   * Awaited before each statement that reads a table's rows (hashing, exporting a part): the
   * browser's autosave waits there until the screens' queries are done, so it never holds the one
   * connection for longer than one part. It may throw to give the snapshot up.
   */
  pause?: () => Promise<void>;
}

export interface WorkspaceSnapshot {
  manifest: WorkspaceManifest;
  /** Part path → Arrow IPC stream bytes, for the tables exported in this snapshot. */
  parts: Map<string, Uint8Array>;
}

/** Tables that hold one row per line (or per line's working state): what a browser may not hold. */
const LINE_TABLES = new Set(['spend_line', 'classification', 'import_reject']);
const ROWS_PER_PART = 250_000;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A table as parts of at most `rowsPerPart` rows in insertion order (rowid ranges), so no single
 * result is huge. One query counts the rows per part; then one export per part.
 */
async function exportTable(
  db: DbConnector, def: TableDef, rowsPerPart: number, parts: Map<string, Uint8Array>, pause?: () => Promise<void>,
): Promise<TableEntry['parts']> {
  const table = quoteIdent(def.name);
  await pause?.();
  const counts = await queryRows(db, `SELECT rowid // ${rowsPerPart} AS p, count(*) AS n FROM ${table} GROUP BY ALL ORDER BY p`);
  // An empty table is still one part: its schema.
  const ranges = counts.length ? counts.map((c) => ({ p: Number(c.p), rows: Number(c.n) })) : [{ p: -1, rows: 0 }];
  const out: TableEntry['parts'] = [];
  for (const [i, { p, rows }] of ranges.entries()) {
    const where = p < 0 ? '' : `WHERE rowid >= ${p * rowsPerPart} AND rowid < ${(p + 1) * rowsPerPart}`;
    await pause?.();
    const bytes = await db.exportArrow(`SELECT * FROM ${table} ${where} ORDER BY rowid`);
    const path = `tables/${def.name}.${i}.arrows`;
    parts.set(path, bytes);
    out.push({ path, rows, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) });
  }
  return out;
}

async function importedFiles(db: DbConnector, tables: ReadonlySet<string>): Promise<ImportedFile[]> {
  if (!tables.has('import_file')) return [];
  const rows = await queryRows(
    db,
    `SELECT name, format, source_kind, rows_read, rows_loaded, rows_rejected, amount_loaded::VARCHAR AS amount,
            period_from::VARCHAR AS period_from, period_to::VARCHAR AS period_to, cpr_masked, fingerprint
       FROM import_file ORDER BY file_id`,
  );
  return rows.map((r) => {
    // The import's fingerprint is "<size base 36>-<hash of the first and last 64 KiB>".
    const [size, hash] = r.fingerprint === null ? [] : String(r.fingerprint).split('-');
    return {
      name: String(r.name), format: String(r.format), sourceKind: String(r.source_kind),
      size: size ? parseInt(size, 36) : null, hash: hash ?? null,
      rowsRead: Number(r.rows_read), rowsLoaded: Number(r.rows_loaded), rowsRejected: Number(r.rows_rejected),
      amountLoaded: String(r.amount), periodFrom: r.period_from === null ? null : String(r.period_from),
      periodTo: r.period_to === null ? null : String(r.period_to), cprMasked: Number(r.cpr_masked),
    };
  });
}

/** Counted lines and their exact net amount. */
export async function workspaceTotals(db: DbConnector, tables: ReadonlySet<string>): Promise<{ lines: number; amount: string }> {
  if (!tables.has('spend_line')) return { lines: 0, amount: '0' };
  const [row] = await queryRows(db, 'SELECT count(*) AS lines, coalesce(sum(amount), 0)::VARCHAR AS amount FROM spend_line WHERE counted');
  return { lines: Number(row?.lines ?? 0), amount: String(row?.amount ?? '0') };
}

/** The tables of the analysis and their content signatures (what an autosave compares). */
export async function currentTables(db: DbConnector, options: SignatureOptions = {}): Promise<{ defs: TableDef[]; signatures: Map<string, string> }> {
  const defs = await workspaceTables(db);
  return { defs, signatures: await tableSignatures(db, defs, options) };
}

/**
 * The whole analysis as a manifest plus Arrow IPC parts: every table of the catalog (workspace.md),
 * the imported files and the configuration areas. Reads only; the analysis is not changed.
 */
export async function snapshotWorkspace(db: DbConnector, options: SnapshotOptions): Promise<WorkspaceSnapshot> {
  const found = await workspaceTables(db);
  const names = new Set(found.map((d) => d.name));
  await options.pause?.();
  const totals = await workspaceTotals(db, names);
  const includeLines = options.lineLimit === undefined || totals.lines <= options.lineLimit;
  const defs = includeLines ? found : found.filter((d) => !LINE_TABLES.has(d.name) && !d.temporary);
  for (const def of defs) {
    const problem = tableDefProblem(def);
    if (problem) throw new Error(`Workspace cannot store table ${problem}`);
  }
  const signatures = options.signatures ?? (await tableSignatures(db, defs, { pause: options.pause, chunkRows: options.rowsPerPart }));
  const parts = new Map<string, Uint8Array>();
  const tables: TableEntry[] = [];
  for (const def of defs) {
    const signature = signatures.get(def.name) ?? '';
    const known = options.known?.get(def.name);
    if (known && known.signature === signature) {
      tables.push(known);
      continue;
    }
    const entryParts = await exportTable(db, def, options.rowsPerPart ?? ROWS_PER_PART, parts, options.pause);
    tables.push({ ...def, rows: entryParts.reduce((s, p) => s + p.rows, 0), signature, parts: entryParts });
  }
  const manifest: WorkspaceManifest = {
    format: WORKSPACE_FORMAT,
    formatVersion: FORMAT_VERSION,
    app: { name: 'Overblik', version: options.appVersion },
    created: (options.now ?? new Date()).toISOString(),
    runtime: db.runtime,
    files: await importedFiles(db, names),
    totals,
    lines: { included: includeLines, count: totals.lines },
    ...(options.summary === undefined || includeLines ? {} : { summary: options.summary }),
    tables,
    config: await describeConfig(db, names, options.client ?? {}),
  };
  return { manifest, parts };
}

import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { quoteIdent } from '../../sql/escape.js';
import { createTableSql, tableDefProblem, workspaceTables } from './catalog.js';
import { WorkspaceFileError } from './errors.js';
import type { TableEntry, WorkspaceManifest } from './manifest.js';
import { sha256Hex } from './snapshot.js';

const STAGE = '__overblik_open_';

/** Reads every part and checks its length and SHA-256: a damaged file is refused before anything is touched. */
async function verifiedParts(manifest: WorkspaceManifest, readPart: (path: string) => Promise<Uint8Array | undefined>): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const table of manifest.tables) {
    const problem = tableDefProblem(table);
    if (problem) throw new WorkspaceFileError('damaged', problem);
    for (const part of table.parts) {
      const bytes = await readPart(part.path);
      if (!bytes) throw new WorkspaceFileError('damaged', `${part.path} missing`);
      if (bytes.byteLength !== part.bytes || (await sha256Hex(bytes)) !== part.sha256) throw new WorkspaceFileError('damaged', `${part.path} altered`);
      out.set(part.path, bytes);
    }
  }
  return out;
}

/** Loads each table's parts into a staging table beside the open analysis and checks its row count. */
async function stage(db: DbConnector, tables: readonly TableEntry[], parts: Map<string, Uint8Array>): Promise<void> {
  for (const [i, table] of tables.entries()) {
    const name = `${STAGE}${i}`;
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
    if (!table.parts.length) continue;
    for (const [j, part] of table.parts.entries()) await db.insertArrowStream(name, parts.get(part.path)!, { append: j > 0 });
    const [row] = await queryRows(db, `SELECT count(*) AS n FROM ${quoteIdent(name)}`);
    if (Number(row?.n) !== table.rows) throw new WorkspaceFileError('damaged', `${table.name}: ${String(row?.n)} rows, manifest says ${table.rows}`);
  }
}

/** The staged lines must add up to the manifest's totals (counted lines, exact amount). */
async function checkTotals(db: DbConnector, manifest: WorkspaceManifest): Promise<void> {
  const i = manifest.tables.findIndex((t) => t.name === 'spend_line');
  // Without its lines (a command-line analysis too large for a browser) there is nothing to recount.
  if (!manifest.lines.included || i < 0) return;
  const [row] = await queryRows(db, `SELECT count(*) AS lines, coalesce(sum(amount), 0)::VARCHAR AS amount FROM ${quoteIdent(`${STAGE}${i}`)} WHERE counted`);
  if (Number(row?.lines) !== manifest.totals.lines || String(row?.amount) !== manifest.totals.amount) {
    throw new WorkspaceFileError('damaged', `totals ${String(row?.lines)}/${String(row?.amount)} differ from the manifest`);
  }
}

/**
 * Replaces the open analysis by the staged tables in ONE multi-statement transaction: no other
 * statement on the shared connection (a screen's CREATE TABLE IF NOT EXISTS) can fall between
 * dropping a table and creating it again. A failure anywhere rolls the whole of it back.
 */
async function swap(db: DbConnector, manifest: WorkspaceManifest): Promise<void> {
  const incoming = new Set(manifest.tables.map((t) => t.name));
  const statements = ['BEGIN TRANSACTION'];
  for (const t of await workspaceTables(db)) if (!incoming.has(t.name)) statements.push(`DROP TABLE IF EXISTS ${t.temporary ? 'temp.' : ''}${quoteIdent(t.name)}`);
  for (const [i, table] of manifest.tables.entries()) {
    statements.push(`DROP TABLE IF EXISTS ${table.temporary ? 'temp.' : ''}${quoteIdent(table.name)}`, createTableSql(table));
    const columns = table.columns.map((c) => quoteIdent(c.name)).join(', ');
    if (table.parts.length) statements.push(`INSERT INTO ${quoteIdent(table.name)} (${columns}) SELECT ${columns} FROM ${quoteIdent(`${STAGE}${i}`)}`);
  }
  statements.push('COMMIT');
  try {
    await db.exec(statements.join(';\n'));
  } catch (error) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw new WorkspaceFileError('damaged', error instanceof Error ? error.message : String(error));
  }
}

/**
 * Opens a workspace: every part verified, every table staged and counted, the totals checked,
 * then the open analysis replaced in one transaction. Until that transaction commits, nothing of the open analysis has
 * changed: any problem before (or inside) it is a WorkspaceFileError and the analysis stays as it was.
 */
export async function restoreWorkspace(db: DbConnector, manifest: WorkspaceManifest, readPart: (path: string) => Promise<Uint8Array | undefined>): Promise<void> {
  const parts = await verifiedParts(manifest, readPart);
  try {
    await stage(db, manifest.tables, parts).catch((error: unknown) => {
      throw error instanceof WorkspaceFileError ? error : new WorkspaceFileError('damaged', error instanceof Error ? error.message : String(error));
    });
    parts.clear();
    await checkTotals(db, manifest);
    await swap(db, manifest);
  } finally {
    for (const i of manifest.tables.keys()) await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(`${STAGE}${i}`)}`);
  }
}

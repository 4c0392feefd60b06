import { z } from 'zod';
import { configSchema } from './areas.js';
import { PART_PATH } from './entries.js';
import { WorkspaceFileError } from './errors.js';

/**
 * The manifest of a `.overblik` file (docs/workspace.md): what wrote it, the files imported, the
 * tables (each as Arrow IPC stream parts with their SHA-256), and the configuration areas.
 */
export const WORKSPACE_FORMAT = 'overblik-workspace';
export const FORMAT_VERSION = 1;
/** Files below this version are refused (there is no migration for them). */
export const OLDEST_READABLE_VERSION = 1;

const count = z.number().int().nonnegative();
const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const partSchema = z.object({
  path: z.string().regex(PART_PATH),
  rows: count,
  bytes: count,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const tableSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][\w]*$/),
  temporary: z.boolean(),
  columns: z.array(z.object({ name: z.string().min(1), type: z.string(), nullable: z.boolean(), default: z.string().nullable() })).min(1),
  primaryKey: z.array(z.string()),
  rows: count,
  signature: z.string(),
  parts: z.array(partSchema),
});

export const importedFileSchema = z.object({
  name: z.string(),
  format: z.string(),
  sourceKind: z.string(),
  /** From the import's fingerprint: the file's size in bytes and a hash of its first and last 64 KiB. */
  size: count.nullable(),
  hash: z.string().nullable(),
  rowsRead: count,
  rowsLoaded: count,
  rowsRejected: count,
  amountLoaded: decimalText,
  periodFrom: isoDate.nullable(),
  periodTo: isoDate.nullable(),
  cprMasked: count,
});

export const manifestSchema = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  app: z.object({ name: z.literal('Overblik'), version: z.string() }),
  created: z.iso.datetime(),
  runtime: z.enum(['browser', 'node-wasm', 'native']),
  files: z.array(importedFileSchema),
  /** Counted lines and their net amount (exact), checked again after an open. */
  totals: z.object({ lines: count, amount: decimalText }),
  /**
   * False when the command line left the line-level tables out because they would not fit a
   * browser; `summary` then holds its totals, categories and opportunities.
   */
  lines: z.object({ included: z.boolean(), count }),
  summary: z.unknown().optional(),
  tables: z.array(tableSchema),
  config: configSchema,
});

export type WorkspaceManifest = z.infer<typeof manifestSchema>;
export type TableEntry = z.infer<typeof tableSchema>;
export type ImportedFile = z.infer<typeof importedFileSchema>;

/** One step from a format version to the next. */
export type Migration = (manifest: Record<string, unknown>) => Record<string, unknown>;

/**
 * The format's history: the oldest version still read and, per version, the step to the next.
 * Version 1 is the first, so there is no step yet; a change to the format adds one here.
 */
export interface FormatHistory {
  oldest: number;
  migrations: Readonly<Record<number, Migration>>;
}
export const HISTORY: FormatHistory = { oldest: OLDEST_READABLE_VERSION, migrations: {} };

/**
 * Parses a manifest from the file: foreign, newer and older-than-supported files are refused with
 * their reason; an older supported version is migrated step by step; then the schema must hold.
 */
export function readManifest(text: string, history: FormatHistory = HISTORY): WorkspaceManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new WorkspaceFileError('damaged', 'manifest.json is not JSON');
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== WORKSPACE_FORMAT) {
    throw new WorkspaceFileError('notWorkspace', 'manifest.json names another format');
  }
  let manifest = raw as Record<string, unknown>;
  const version = manifest.formatVersion;
  const app = String((manifest.app as { version?: unknown } | undefined)?.version ?? '?');
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new WorkspaceFileError('damaged', 'formatVersion missing');
  if (version > FORMAT_VERSION) throw new WorkspaceFileError('newer', `format ${version} > ${FORMAT_VERSION}`, { version, app });
  if (version < history.oldest) throw new WorkspaceFileError('older', `format ${version} < ${history.oldest}`, { version, app });
  for (let v = version; v < FORMAT_VERSION; v++) {
    const step = history.migrations[v];
    if (!step) throw new WorkspaceFileError('older', `no migration from format ${v}`, { version, app });
    manifest = { ...step(manifest), formatVersion: v + 1 };
  }
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) throw new WorkspaceFileError('damaged', parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { WorkspaceManifest } from '../../core/workspace/file/index.js';

/**
 * The autosave in IndexedDB: the manifest of the last complete generation ("head") and the table
 * parts it names. A generation is written in ONE transaction (changed parts, parts no longer
 * named, the new head): IndexedDB commits a transaction whole or not at all, so a tab closed
 * mid-save leaves the previous generation, never a half-written one. Each part's SHA-256 in the
 * manifest is checked again when it is restored.
 */
export const AUTOSAVE_DB = 'overblik';

interface AutosaveSchema extends DBSchema {
  head: { key: 'current'; value: { manifest: WorkspaceManifest; savedAt: string } };
  parts: { key: string; value: Uint8Array };
}

let opening: Promise<IDBPDatabase<AutosaveSchema>> | null = null;

function store(): Promise<IDBPDatabase<AutosaveSchema>> {
  // Version 2: a database of that name left without stores (by an older build, or by a tool
  // that opened it) gets them on upgrade.
  opening ??= openDB<AutosaveSchema>(AUTOSAVE_DB, 2, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('head')) db.createObjectStore('head');
      if (!db.objectStoreNames.contains('parts')) db.createObjectStore('parts');
    },
  });
  return opening;
}

export async function readHead(): Promise<{ manifest: WorkspaceManifest; savedAt: string } | undefined> {
  return (await store()).get('head', 'current');
}

export async function readPart(path: string): Promise<Uint8Array | undefined> {
  return (await store()).get('parts', path);
}

/** Writes one generation atomically: the new parts, the removal of parts the manifest no longer names, the head. */
export async function writeGeneration(manifest: WorkspaceManifest, parts: ReadonlyMap<string, Uint8Array>): Promise<void> {
  const db = await store();
  const tx = db.transaction(['head', 'parts'], 'readwrite');
  const named = new Set(manifest.tables.flatMap((t) => t.parts.map((p) => p.path)));
  const partStore = tx.objectStore('parts');
  const writes: Promise<unknown>[] = [];
  for (const [path, bytes] of parts) writes.push(partStore.put(bytes, path));
  for (const key of await partStore.getAllKeys()) if (!named.has(key)) writes.push(partStore.delete(key));
  writes.push(tx.objectStore('head').put({ manifest, savedAt: new Date().toISOString() }, 'current'));
  await Promise.all([...writes, tx.done]);
}

/** Deletes the whole database ("Slet alle data"). */
export async function deleteAutosave(): Promise<void> {
  const db = await opening?.catch(() => null);
  db?.close();
  opening = null;
  await deleteDB(AUTOSAVE_DB);
}

import { AbortedError, serialQueueLength, serialized } from '../../core/review/serial.js';
import {
  currentTables, dropWorkspaceTables, readManifest, restoreWorkspace, snapshotWorkspace,
  type ClientConfig, type TableEntry, type WorkspaceManifest,
} from '../../core/workspace/file/index.js';
import { deleteAutosave, readHead, readPart, writeGeneration } from './autosave-store.js';
import type { TrackedDb } from './write-tracker.js';
import { packInBackground, unpackInBackground } from './zip-async.js';

/** Quiet time after the last change before the autosave runs (a burst of edits is saved once). */
export const AUTOSAVE_DELAY_MS = 1500;
/**
 * Before each statement of an autosave, the screens must have left the database alone this long:
 * a filter change runs a few statements with short JavaScript gaps between them, and the autosave
 * must not slip into those gaps (each of its statements is one the next query waits behind).
 */
export const AUTOSAVE_QUIET_MS = 400;

export interface AutosaveInfo {
  savedAt: string;
  ms: number;
  /** Bytes of table parts written in this generation (unchanged tables are not written again). */
  bytesWritten: number;
}

/**
 * Rows per stored part in the autosave, and per hashed range of its change check: one part's export is the
 * longest a click made just after the autosave's quiet wait has to wait for. 100,000 rows held the database
 * 70–120 ms at 1M lines (a category's drill-down waited ~45 ms behind one); 25,000 hold it 15–30 ms.
 */
const AUTOSAVE_ROWS_PER_PART = 25_000;

/**
 * The workspace in the browser: the autosave (IndexedDB), saving and opening `.overblik` files,
 * and erasing everything. Snapshots and opens run in the database's one queue (serialized), so a
 * rule edit never interleaves with them; an autosave whose snapshot saw a write happen meanwhile is
 * thrown away and taken again. The autosave steps aside: each of its statements waits until the
 * screens' queries are done, and it gives up (to be taken again) when a rule edit queues behind it.
 */
export class WorkspaceController {
  private known = new Map<string, TableEntry>();
  private lastSignatures: Map<string, string> | null = null;
  private savedWrites = -1;
  private savedClient = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  /** Off until there is something worth keeping (a restored or changed analysis), and after erasing. */
  private active = false;
  private stopped = false;
  private persistAsked = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly tracked: TrackedDb,
    private readonly client: () => ClientConfig,
    private readonly appVersion: string,
    private readonly onAutosaved: (info: AutosaveInfo) => void,
  ) {
    this.unsubscribe = tracked.onWrite(() => this.schedule());
  }

  dispose(): void {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
  }

  /** Starts autosaving (after a change a person made). */
  resume(): void {
    this.active = true;
    this.schedule();
  }

  /** Something outside the database changed (filters, mappings): save it too. */
  schedule(): void {
    if (!this.active || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.autosave(), AUTOSAVE_DELAY_MS);
  }

  /** Runs a pending autosave now and waits for it. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.autosave();
    }
    await this.running;
  }

  /** Restores the last complete autosave; null when there is none. A refused one leaves the empty analysis. */
  async restoreAutosave(): Promise<WorkspaceManifest | null> {
    const head = await readHead();
    if (!head) return null;
    // Through the same reader as a file: format, version (migrated or refused) and schema checked.
    const manifest = readManifest(JSON.stringify(head.manifest));
    await serialized(this.tracked.db, () => restoreWorkspace(this.tracked.db, manifest, readPart));
    this.known = new Map(manifest.tables.map((t) => [t.name, t]));
    this.savedWrites = this.tracked.writes();
    this.savedClient = JSON.stringify(manifest.config.view) + JSON.stringify(manifest.config.mappings);
    this.active = true;
    return manifest;
  }

  private async autosave(): Promise<void> {
    if (this.running) {
      this.schedule();
      return;
    }
    this.running = this.saveGeneration()
      .catch((error: unknown) => console.error('Autosave failed', error))
      .finally(() => {
        this.running = null;
      });
    await this.running;
  }

  private async saveGeneration(): Promise<void> {
    const started = performance.now();
    const writes = this.tracked.writes();
    const client = this.client();
    const clientKey = JSON.stringify(client.view ?? null) + JSON.stringify(client.mappings ?? {});
    if (writes === this.savedWrites && clientKey === this.savedClient) return;
    const queue = this.tracked.db;
    const db = this.tracked.background;
    const pause = async () => {
      await this.tracked.quiet(AUTOSAVE_QUIET_MS);
      if (serialQueueLength(queue) > 1 || this.stopped) throw new AbortedError();
    };
    let stepped = false;
    const snapshot = await serialized(queue, async () => {
      // No write since the last generation: the tables are as they were, only the client areas changed.
      const signatures = writes === this.savedWrites && this.lastSignatures
        ? this.lastSignatures
        : (await currentTables(db, { pause, chunkRows: AUTOSAVE_ROWS_PER_PART })).signatures;
      this.lastSignatures = signatures;
      return snapshotWorkspace(db, { appVersion: this.appVersion, client, known: this.known, signatures, pause, rowsPerPart: AUTOSAVE_ROWS_PER_PART });
    }).catch((error: unknown) => {
      // Stepped aside for a rule edit: taken again once things are quiet.
      if (error instanceof AbortedError) stepped = true;
      else console.error('Autosave failed', error);
      return null;
    });
    if (stepped) {
      this.lastSignatures = null;
      this.schedule();
      return;
    }
    // A write during the snapshot (an import's next statement): take it again once things are quiet.
    if (!snapshot || this.tracked.writes() !== writes || !this.active) {
      if (snapshot) this.schedule();
      return;
    }
    await writeGeneration(snapshot.manifest, snapshot.parts);
    this.known = new Map(snapshot.manifest.tables.map((t) => [t.name, t]));
    this.savedWrites = writes;
    this.savedClient = clientKey;
    // Asked once, when there is something worth keeping; the browser may say no (Lagring shows it).
    if (!this.persistAsked && navigator.storage?.persist) void navigator.storage.persist().catch(() => false);
    this.persistAsked = true;
    const bytesWritten = [...snapshot.parts.values()].reduce((s, b) => s + b.byteLength, 0);
    this.onAutosaved({ savedAt: snapshot.manifest.created, ms: performance.now() - started, bytesWritten });
  }

  /** The whole analysis as a `.overblik` file. */
  async saveFile(): Promise<Uint8Array> {
    const db = this.tracked.db;
    const snapshot = await serialized(db, () => snapshotWorkspace(db, { appVersion: this.appVersion, client: this.client() }));
    return packInBackground(snapshot);
  }

  /** Opens a file: refused (WorkspaceFileError) without touching the analysis, or restored whole. */
  async openFile(bytes: Uint8Array): Promise<WorkspaceManifest> {
    const opened = await unpackInBackground(bytes);
    await serialized(this.tracked.db, () => restoreWorkspace(this.tracked.db, opened.manifest, opened.readPart));
    this.known.clear();
    this.lastSignatures = null;
    this.resume();
    return opened.manifest;
  }

  /** "Slet alle data": the analysis, the autosave, local storage, the offline copy of the app. */
  async eraseEverything(): Promise<void> {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await serialized(this.tracked.db, () => dropWorkspaceTables(this.tracked.db));
    await deleteAutosave();
    localStorage.clear();
    sessionStorage.clear();
    // The service worker first, so it cannot fill the cache again while it is being emptied.
    const registrations = (await navigator.serviceWorker?.getRegistrations()) ?? [];
    for (const r of registrations) await r.unregister();
    if ('caches' in window) for (const key of await caches.keys()) await caches.delete(key);
    this.known.clear();
    this.lastSignatures = null;
    this.savedWrites = -1;
    this.savedClient = '';
  }
}

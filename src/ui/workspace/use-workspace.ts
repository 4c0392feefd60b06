import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { version as APP_VERSION } from '../../../package.json';
import { EMPTY_FILTERS, type ViewState } from '../../core/state/url-state.js';
import { WorkspaceFileError, WORKSPACE_EXTENSION, type ClientConfig, type WorkspaceManifest } from '../../core/workspace/file/index.js';
import { downloadBlob } from '../components/download.js';
import { allMappings, rememberMapping } from '../import/mapping-memory.js';
import { WorkspaceController, type AutosaveInfo } from './workspace-controller.js';
import type { TrackedDb } from './write-tracker.js';

export type WorkspaceNote =
  | { kind: 'restored'; when: string }
  | { kind: 'opened'; name: string; when: string; manifest: WorkspaceManifest }
  | { kind: 'saved'; name: string; bytes: number }
  | { kind: 'cleared' }
  | { kind: 'error'; error: WorkspaceFileError | Error; restoring?: boolean };

export interface Workspace {
  /** False until the autosave was restored (or found absent): screens wait for it. */
  ready: boolean;
  busy: 'saving' | 'opening' | 'clearing' | null;
  note: WorkspaceNote | null;
  autosaved: AutosaveInfo | null;
  /** Last save/open duration in ms (shown in the note's data-ms for measurements). */
  lastMs: number | null;
  /** Writes a pending autosave now (before the app reloads for an update). */
  flush(): Promise<void>;
  save(): Promise<void>;
  open(file: File): Promise<void>;
  clear(): Promise<void>;
}

function fileName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `overblik-analyse-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${WORKSPACE_EXTENSION}`;
}

/**
 * The browser side of the workspace for the app shell: restores the autosave once the database is
 * up, keeps autosaving (database changes, filters and mapping memory), and runs save, open and
 * "Slet alle data". The filters and the screen travel with the analysis; the language stays the reader's.
 */
export function useWorkspace(tracked: TrackedDb | null, view: ViewState, setView: (v: ViewState) => void, dataChanged: () => void, dataVersion: number): Workspace {
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState<Workspace['busy']>(null);
  const [note, setNote] = useState<WorkspaceNote | null>(null);
  const [autosaved, setAutosaved] = useState<AutosaveInfo | null>(null);
  const [lastMs, setLastMs] = useState<number | null>(null);
  const [controller, setController] = useState<WorkspaceController | null>(null);
  const viewRef = useRef(view);
  const versionRef = useRef(dataVersion);
  useLayoutEffect(() => {
    viewRef.current = view;
    versionRef.current = dataVersion;
  });
  // After "Slet alle data" the empty analysis is not saved again until a person changes something.
  const quietUntil = useRef(0);

  const apply = useCallback(
    (manifest: WorkspaceManifest, onlyIfNoView: boolean) => {
      for (const [signature, value] of Object.entries(manifest.config.mappings)) rememberMapping(signature, value);
      const saved = manifest.config.view;
      const current = viewRef.current;
      // A reload keeps the URL's own view (a bookmark); a fresh start or an opened file takes the saved one.
      if (saved && (!onlyIfNoView || window.location.hash.length <= 2)) setView({ ...current, screen: saved.screen, filters: saved.filters });
    },
    [setView],
  );

  useEffect(() => {
    if (!tracked) return;
    const client = (): ClientConfig => ({ mappings: allMappings(), view: { screen: viewRef.current.screen, filters: viewRef.current.filters } });
    const c = new WorkspaceController(tracked, client, APP_VERSION, setAutosaved);
    setController(c);
    let cancelled = false;
    c.restoreAutosave().then(
      (manifest) => {
        if (cancelled) return;
        if (manifest) {
          apply(manifest, true);
          setNote({ kind: 'restored', when: manifest.created });
          dataChanged();
        }
        setReady(true);
      },
      (error: unknown) => {
        console.error('Autosave restore failed', error);
        if (cancelled) return;
        setNote({ kind: 'error', error: error instanceof Error ? error : new Error(String(error)), restoring: true });
        setReady(true);
      },
    );
    return () => {
      cancelled = true;
      c.dispose();
    };
  }, [tracked, apply, dataChanged]);

  // A change a person made (import, rule, merge, tree, settings) starts the autosave; filters and screen changes are saved too.
  useEffect(() => {
    if (dataVersion > quietUntil.current && ready) controller?.resume();
  }, [controller, dataVersion, ready]);
  useEffect(() => {
    controller?.schedule();
  }, [controller, view.screen, view.filters]);

  const run = useCallback(
    async (kind: NonNullable<Workspace['busy']>, task: (c: WorkspaceController) => Promise<WorkspaceNote | null>) => {
      if (!controller) return;
      const started = performance.now();
      setBusy(kind);
      try {
        setNote(await task(controller));
        setLastMs(Math.round(performance.now() - started));
      } catch (error) {
        setNote({ kind: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      } finally {
        setBusy(null);
      }
    },
    [controller],
  );

  const save = useCallback(
    () =>
      run('saving', async (c) => {
        const bytes = await c.saveFile();
        const name = fileName();
        downloadBlob(name, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
        return { kind: 'saved', name, bytes: bytes.byteLength };
      }),
    [run],
  );
  const open = useCallback(
    (file: File) =>
      run('opening', async (c) => {
        const manifest = await c.openFile(new Uint8Array(await file.arrayBuffer()));
        apply(manifest, false);
        dataChanged();
        return { kind: 'opened', name: file.name, when: manifest.created, manifest };
      }),
    [run, apply, dataChanged],
  );
  const clear = useCallback(
    () =>
      run('clearing', async (c) => {
        await c.eraseEverything();
        quietUntil.current = versionRef.current + 1;
        setView({ ...viewRef.current, filters: EMPTY_FILTERS });
        setAutosaved(null);
        dataChanged();
        return { kind: 'cleared' };
      }),
    [run, setView, dataChanged],
  );

  const flush = useCallback(async () => {
    await controller?.flush();
  }, [controller]);

  return { ready, busy, note, autosaved, lastMs, flush, save, open, clear };
}

import { useCallback, useRef, useState } from 'react';

/** How far an import has come (import-batch.ts BatchProgress). */
export interface BuildStep {
  /** 0–1. */
  done: number;
  rows: number;
  /** Rows read (staging) or loaded (into the workspace). */
  rowsKind: 'read' | 'loaded';
  /** performance.now() when this step began. */
  at: number;
}

/** What is being built right now, for the screens that wait for it. */
export interface BuildProgress {
  /** Already in the user's language: "Indlæser faktura.csv…", "Klassificerer og analyserer…". */
  text: string;
  step?: BuildStep;
  /** performance.now() when the build started: the time left is estimated from it. */
  started: number;
  /** Set when the build can be cancelled (an import); cancelling leaves the previous analysis. */
  cancel?: () => void;
  cancelling?: boolean;
}

export type RunBuild = <T>(
  task: (report: (text: string, step?: Omit<BuildStep, 'at'>) => void) => Promise<T>, first: string, cancel?: AbortController,
) => Promise<T>;

/**
 * The one flag that says the workspace is being (re)built by an import or the demo. While it is
 * set no screen queries (a half-built workspace has tables missing), and screens other than the
 * import show the progress instead; when it clears, the data version moves on and they re-query.
 */
export function useWorkspaceBuild(onBuilt: () => void): { building: BuildProgress | null; runBuild: RunBuild } {
  const [building, setBuilding] = useState<BuildProgress | null>(null);
  const active = useRef(false);
  const runBuild = useCallback<RunBuild>(
    async (task, first, controller) => {
      if (active.current) throw new Error('A workspace build is already running');
      active.current = true;
      const started = performance.now();
      const cancel = controller
        ? () => {
            controller.abort();
            setBuilding((b) => (b ? { ...b, cancelling: true } : b));
          }
        : undefined;
      setBuilding({ text: first, started, cancel });
      try {
        return await task((text, step) => {
          const at = performance.now();
          setBuilding((b) => ({ text, step: step && { ...step, at }, started, cancel, cancelling: b?.cancelling }));
        });
      } finally {
        active.current = false;
        setBuilding(null);
        onBuilt();
      }
    },
    [onBuilt],
  );
  return { building, runBuild };
}

import { useCallback, useRef, useState } from 'react';

/** What is being built right now, for the screens that wait for it. */
export interface BuildProgress {
  /** Already in the user's language: "Indlæser faktura.csv…", "Klassificerer og analyserer…". */
  text: string;
}

export type RunBuild = <T>(task: (report: (text: string) => void) => Promise<T>, first: string) => Promise<T>;

/**
 * The one flag that says the workspace is being (re)built by an import or the demo. While it is
 * set no screen queries (a half-built workspace has tables missing), and screens other than the
 * import show the progress instead; when it clears, the data version moves on and they re-query.
 */
export function useWorkspaceBuild(onBuilt: () => void): { building: BuildProgress | null; runBuild: RunBuild } {
  const [building, setBuilding] = useState<BuildProgress | null>(null);
  const active = useRef(false);
  const runBuild = useCallback<RunBuild>(
    async (task, first) => {
      if (active.current) throw new Error('A workspace build is already running');
      active.current = true;
      setBuilding({ text: first });
      try {
        return await task((text) => setBuilding({ text }));
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

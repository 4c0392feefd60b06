import { useEffect } from 'react';
import { warmTopLines } from '../../core/analysis/fragmentation/index.js';
import type { DbConnector } from '../../core/db/connector.js';

/** The database left alone this long first: well after a screen's own queries. */
const QUIET_MS = 300;

/**
 * Once the database has been left alone for a while after a change of the data or of the screen,
 * makes what a person's first click on a category would otherwise wait for: each category's first
 * page of lines (~0.1 s at 1M lines, see warmTopLines). Only for a shared table the screens made.
 */
export function useIdleWarmUp(db: DbConnector | null, dataVersion: number, screen: string, whenQuiet: (ms: number) => Promise<void>): void {
  useEffect(() => {
    if (!db) return;
    let stale = false;
    whenQuiet(QUIET_MS)
      .then(() => (stale ? undefined : warmTopLines(db)))
      // Idle work: a failure costs the first click its head start, nothing else.
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [db, dataVersion, screen, whenQuiet]);
}

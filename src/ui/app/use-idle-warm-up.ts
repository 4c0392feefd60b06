import { useEffect } from 'react';
import { warmTopLines } from '../../core/analysis/fragmentation/index.js';
import type { DbConnector } from '../../core/db/connector.js';

/** The database left alone this long first: well after a screen's own queries. */
const QUIET_MS = 300;
/** Between tries while no screen has made the shared lines yet (a try without them sends no statement). */
const RETRY_MS = 1000;

/**
 * After a change of the data, whenever the database has been left alone for a while, makes what a
 * person's first click on a category would otherwise wait for: each category's first page of lines
 * (~0.1 s at 1M lines, see warmTopLines), then, after another quiet spell, each supplier's (~0.5 s;
 * a supplier's first page then takes ~0.02 s instead of ~0.15 s). Only for a shared table a screen
 * made, so it tries again until one has.
 */
export function useIdleWarmUp(db: DbConnector | null, dataVersion: number, whenQuiet: (ms: number) => Promise<void>): void {
  useEffect(() => {
    if (!db) return;
    let stopped = false;
    const attempt = async (of: 'categories' | 'suppliers'): Promise<void> => {
      await whenQuiet(QUIET_MS);
      if (stopped) return;
      if (await warmTopLines(db, of)) return of === 'categories' ? attempt('suppliers') : undefined;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      if (!stopped) return attempt(of);
    };
    // Idle work: a failure costs the first click its head start, nothing else.
    attempt('categories').catch(() => undefined);
    return () => {
      stopped = true;
    };
  }, [db, dataVersion, whenQuiet]);
}

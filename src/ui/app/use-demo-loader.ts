import { useState } from 'react';
import { refreshAnalysis } from '../../core/workspace/refresh.js';
import { useApp } from './app-context.js';

/** Loads the built-in demo (generated on the spot); the generator is fetched only when asked for. */
export function useDemoLoader(onLoaded?: () => void): { load: () => Promise<void>; busy: boolean; error: string | null } {
  const { db, notifyDataChanged } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    if (!db) return;
    setBusy(true);
    setError(null);
    try {
      const { loadDemo } = await import('../../core/demo/load-demo.js');
      await loadDemo(db);
      await refreshAnalysis(db);
      notifyDataChanged();
      onLoaded?.();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { load, busy, error };
}

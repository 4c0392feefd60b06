import { useState } from 'react';
import type { BatchProgress } from '../../core/import/import-batch.js';
import { describeError } from '../import/describe-error.js';
import { useApp, useT } from './app-context.js';

/**
 * Loads the built-in demo (generated on the spot; the generator is fetched only when asked for)
 * as one workspace build: other screens wait for it instead of reading a half-built workspace.
 */
export function useDemoLoader(onLoaded?: () => void): { load: () => Promise<void>; busy: boolean; error: { message: string; detail?: string } | null } {
  const { db, runBuild } = useApp();
  const { t, lang } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; detail?: string } | null>(null);
  const load = async () => {
    if (!db) return;
    setBusy(true);
    setError(null);
    const progress = (p: BatchProgress) => (p.step === 'analysing' ? t('import.analysing') : t('import.demoLoading'));
    try {
      await runBuild(async (report) => {
        const { loadDemo } = await import('../../core/demo/load-demo.js');
        await loadDemo(db, undefined, { analyse: true, onProgress: (p) => report(progress(p)) });
      }, t('import.demoLoading'));
      onLoaded?.();
    } catch (e) {
      setError(describeError(lang, e, 'Demo Kommune'));
    } finally {
      setBusy(false);
    }
  };
  return { load, busy, error };
}

import { useState } from 'react';
import type { DbConnector } from '../../../core/db/connector.js';
import { SettingsError, type SettingProblem } from '../../../core/workspace/settings-error.js';
import { useApp } from '../../app/app-context.js';
import type { MessageKey } from '../../i18n/messages.js';

/**
 * The save flow both settings forms share: check in core first (problems shown beside the
 * fields, nothing saved), then save, report, and let every screen recompute.
 */
export function useSettingsSave(setDone: (m: MessageKey | null) => void) {
  const { db, notifyDataChanged } = useApp();
  const [problems, setProblems] = useState<SettingProblem[]>([]);
  const [busy, setBusy] = useState(false);

  const run = async (action: (db: DbConnector) => Promise<void>, message: MessageKey) => {
    if (!db) return;
    setBusy(true);
    setDone(null);
    try {
      await action(db);
      setProblems([]);
      setDone(message);
      notifyDataChanged();
    } catch (e) {
      if (e instanceof SettingsError) setProblems(e.problems);
      else throw e;
    } finally {
      setBusy(false);
    }
  };

  /** Saves `value` unless `check` finds problems. */
  const save = <T,>(value: T, check: (v: T) => SettingProblem[], write: (db: DbConnector, v: T) => Promise<void>, message: MessageKey) => {
    const found = check(value);
    if (found.length) {
      setProblems(found);
      setDone(null);
      return;
    }
    void run((d) => write(d, value), message);
  };

  return { problems, busy, run, save };
}

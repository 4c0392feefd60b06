import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { RuleImportError, RuleSetError } from '../../../core/classify/index.js';
import type { DbConnector } from '../../../core/db/connector.js';
import { useApp, useT } from '../../app/app-context.js';
import type { MessageKey } from '../../i18n/messages.js';

/**
 * One action at a time on the classification screen (save a rule, assign, accept): the screen
 * shows what is running, every action button waits, and other screens re-query afterwards.
 * The heavy work runs in DuckDB's worker, so the page stays responsive meanwhile.
 */
export interface ClsActions {
  /** What is running (a label for people), or null. */
  busy: string | null;
  message: string | null;
  error: { text: string; problems: string[] } | null;
  /** Runs `task`; its result is shown as a message. Returns false when it failed or another action ran. */
  run: (label: string, task: (db: DbConnector) => Promise<string | null>) => Promise<boolean>;
  clear: () => void;
  /** Opens "why this category?" for a line. */
  showWhy: (lineId: number) => void;
}

const Ctx = createContext<ClsActions | null>(null);

export function useClsActions(): ClsActions {
  const value = useContext(Ctx);
  if (!value) throw new Error('useClsActions outside ClsActionsProvider');
  return value;
}

/** An error for people: rule problems come as a list (in Danish, from the engine) under a heading in the UI language. */
function describe(e: unknown, t: (key: MessageKey) => string): { text: string; problems: string[] } {
  if (e instanceof RuleImportError) return { text: t('cls.importFailed'), problems: e.problems };
  if (e instanceof RuleSetError) return { text: t('cls.rulesUnusable'), problems: e.problems };
  return { text: e instanceof Error ? e.message : String(e), problems: [] };
}

export function ClsActionsProvider({ children, onWhy }: { children: ReactNode; onWhy: (lineId: number) => void }) {
  const { db, notifyDataChanged } = useApp();
  const { t } = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; problems: string[] } | null>(null);
  const running = useRef(false);

  const run = useCallback<ClsActions['run']>(
    async (label, task) => {
      if (!db || running.current) return false;
      running.current = true;
      setBusy(label);
      setMessage(null);
      setError(null);
      try {
        setMessage(await task(db));
        return true;
      } catch (e) {
        setError(describe(e, t));
        return false;
      } finally {
        running.current = false;
        setBusy(null);
        // Also after a failure: a rule set may have been saved before the re-classification failed.
        notifyDataChanged();
      }
    },
    // `t` changes with the language only; the error is described in the language of the moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [db, notifyDataChanged],
  );
  const clear = useCallback(() => {
    setMessage(null);
    setError(null);
  }, []);
  const value = useMemo<ClsActions>(() => ({ busy, message, error, run, clear, showWhy: onWhy }), [busy, message, error, run, clear, onWhy]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The running action, the last result and the last error, for the top of the screen. */
export function ActionStatus() {
  const { busy, message, error, clear } = useClsActions();
  const { t } = useT();
  return (
    <div className="cls-status" aria-live="polite">
      {busy && (
        <p className="cls-busy" role="status" aria-busy="true" data-testid="cls-busy">
          <span className="cls-spinner" aria-hidden="true" /> {busy} <span className="muted">{t('cls.busyHint')}</span>
        </p>
      )}
      {!busy && message && (
        <p className="notice cls-message" role="status" data-testid="cls-message">
          {message}{' '}
          <button type="button" className="link-button" onClick={clear} aria-label={t('cls.dismiss')}>×</button>
        </p>
      )}
      {!busy && error && (
        <div className="error-message cls-error" role="alert" data-testid="cls-error">
          <p>{error.text}</p>
          {error.problems.length > 0 && (
            <ul>
              {error.problems.slice(0, 12).map((p) => <li key={p}>{p}</li>)}
              {error.problems.length > 12 && <li>…</li>}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

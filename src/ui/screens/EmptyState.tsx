import { useState } from 'react';
import { formatHash } from '../../core/state/url-state.js';
import { useApp, useT } from '../app/app-context.js';

/** First visit: no data yet. Offer the built-in demo right here, and the way to one's own files. */
export function NoDataState() {
  const { view, db, notifyDataChanged } = useApp();
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const loadDemo = async () => {
    if (!db) return;
    setBusy(true);
    setError(null);
    try {
      const { loadDemo: run } = await import('../../core/demo/load-demo.js');
      await run(db);
      notifyDataChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="empty-state" data-testid="no-data">
      <h2>{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <button type="button" className="button primary" data-testid="demo-load" disabled={busy || !db} onClick={() => void loadDemo()}>
        {busy ? t('import.demoLoading') : t('import.demo')}
      </button>{' '}
      <a className="button" href={formatHash({ ...view, screen: 'import' })}>{t('empty.goImport')}</a>
      {error && <p role="alert" className="error-message">{error}</p>}
    </div>
  );
}

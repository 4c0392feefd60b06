import { useState } from 'react';
import { useApp, useT } from '../app/app-context.js';

export function ImportScreen() {
  const { t } = useT();
  const { db, notifyDataChanged, view, setView } = useApp();
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
      setView({ ...view, screen: 'overview' });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen" data-testid="screen-import">
      <h1>{t('import.title')}</h1>
      <p className="lead">{t('import.intro')}</p>
      <div className="dropzone">
        <label className="button">
          {t('import.choose')}
          <input type="file" multiple data-testid="file-input" className="visually-hidden" />
        </label>
        <p className="muted">{t('import.notYet')}</p>
      </div>
      <div className="demo-box">
        <button type="button" className="button primary" data-testid="demo-load" onClick={loadDemo} disabled={busy || !db}>
          {busy ? t('import.demoLoading') : t('import.demo')}
        </button>
        <p className="muted">{t('import.demoHint')}</p>
        {error && <p role="alert" className="error-message">{error}</p>}
      </div>
    </section>
  );
}

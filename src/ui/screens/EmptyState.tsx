import { formatHash } from '../../core/state/url-state.js';
import { useApp, useT } from '../app/app-context.js';
import { useDemoLoader } from '../app/use-demo-loader.js';
import { ImportMessage } from './import/ImportMessage.js';

/** First visit: no data yet. Offer the built-in demo right here, and the way to one's own files. */
export function NoDataState() {
  const { view, db } = useApp();
  const { t } = useT();
  const demo = useDemoLoader();
  return (
    <div className="empty-state" data-testid="no-data">
      <h2>{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <button type="button" className="button primary" data-testid="demo-load" disabled={demo.busy || !db} onClick={() => void demo.load()}>
        {demo.busy ? t('import.demoLoading') : t('import.demo')}
      </button>{' '}
      <a className="button" href={formatHash({ ...view, screen: 'import' })}>{t('empty.goImport')}</a>
      {demo.error && <ImportMessage message={demo.error} testId="demo-error" />}
    </div>
  );
}

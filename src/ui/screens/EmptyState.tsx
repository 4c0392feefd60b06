import { formatHash } from '../../core/state/url-state.js';
import { useApp, useT } from '../app/app-context.js';

export function NoDataState() {
  const { view } = useApp();
  const { t } = useT();
  return (
    <div className="empty-state" data-testid="no-data">
      <h2>{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <a className="button" href={formatHash({ ...view, screen: 'import' })}>{t('empty.goImport')}</a>
    </div>
  );
}

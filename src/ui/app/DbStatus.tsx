import type { BrowserDbStatus } from '../db/browser-connector.js';
import { formatNumber } from '../../core/format/format.js';
import { useT } from './app-context.js';

export function DbStatus({ status, error }: { status: BrowserDbStatus; error: Error | null }) {
  const { t, lang } = useT();
  const mb = (bytes: number) => `${formatNumber(bytes / 1_048_576, lang, 1)} MB`;
  let text: string;
  if (status.phase === 'failed' || error) text = `${t('db.failed')}: ${error?.message ?? ''}`;
  else if (status.phase === 'ready') text = t('db.ready');
  else if (status.bytesTotal) text = t('db.loadingBytes', { loaded: mb(status.bytesLoaded ?? 0), total: mb(status.bytesTotal) });
  else text = t('db.loading');
  return (
    <div className={`db-status db-${error ? 'failed' : status.phase}`} role="status" data-testid="db-status" data-phase={error ? 'failed' : status.phase}>
      <span className="db-dot" aria-hidden="true" />
      {text}
    </div>
  );
}

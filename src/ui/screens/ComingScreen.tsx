import type { Screen } from '../../core/state/url-state.js';
import type { MessageKey } from '../i18n/messages.js';
import { useT } from '../app/app-context.js';

/** An honest placeholder for screens whose issue has not landed yet. */
export function ComingScreen({ screen }: { screen: Screen }) {
  const { t } = useT();
  return (
    <section className="screen" data-testid={`screen-${screen}`}>
      <h1>{t(`nav.${screen}` as MessageKey)}</h1>
      <div className="empty-state" data-testid="coming">
        <h2>{t('coming.title')}</h2>
        <p>{t('coming.body')}</p>
      </div>
    </section>
  );
}

import { SCREENS, formatHash, type Screen } from '../../core/state/url-state.js';
import type { MessageKey } from '../i18n/messages.js';
import { useApp, useT } from './app-context.js';

const ICONS: Record<Screen, string> = {
  import: '⇪',
  overview: '◧',
  categories: '▤',
  suppliers: '⚑',
  opportunities: '★',
  classification: '⚙',
  report: '▦',
  compare: '⇆',
};

export function Sidebar() {
  const { view } = useApp();
  const { t } = useT();
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">◔</span>
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <ul>
        {SCREENS.map((screen) => (
          <li key={screen}>
            <a
              href={formatHash({ ...view, screen })}
              aria-current={view.screen === screen ? 'page' : undefined}
              data-testid={`nav-${screen}`}
            >
              <span className="nav-icon" aria-hidden="true">{ICONS[screen]}</span>
              {t(`nav.${screen}` as MessageKey)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

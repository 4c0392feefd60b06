import { useApp, useT } from './app-context.js';

export function LangSwitch() {
  const { view, setView } = useApp();
  const { t } = useT();
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      aria-label={t('lang.switchLabel')}
      onClick={() => setView({ ...view, lang: view.lang === 'da' ? 'en' : 'da' })}
    >
      {t('lang.switch')}
    </button>
  );
}

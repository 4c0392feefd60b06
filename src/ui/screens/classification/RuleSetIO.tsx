import { useRef } from 'react';
import { exportUserRules, importRuleSet } from '../../../core/review/index.js';
import { formatNumber } from '../../../core/format/format.js';
import { useApp, useT } from '../../app/app-context.js';
import { downloadText } from '../../components/download.js';
import { useClsActions } from './action.js';

/** Rule sets: the user's rules as JSON to download, and a JSON file to merge in (same id = replaced). */
export function RuleSetIO() {
  const { db, tree } = useApp();
  const { t, lang } = useT();
  const actions = useClsActions();
  const input = useRef<HTMLInputElement>(null);

  const exportRules = async () => {
    if (!db) return;
    downloadText(t('cls.exportFile'), await exportUserRules(db, tree), 'application/json');
  };
  const importFile = (file: File) =>
    void actions.run(t('cls.importing', { name: file.name }), async (d) => {
      const result = await importRuleSet(d, await file.text(), { tree });
      return t('cls.imported', {
        added: formatNumber(result.added, lang),
        replaced: formatNumber(result.replaced, lang),
        skipped: formatNumber(result.skippedBuiltin, lang),
      });
    });

  return (
    <section className="panel cls-ruleset" data-testid="cls-ruleset">
      <h2>{t('cls.ruleSets')}</h2>
      <p className="muted">{t('cls.ruleSetsIntro')}</p>
      <div className="actions">
        <button type="button" className="button" data-testid="rules-export" onClick={() => void exportRules()}>{t('cls.export')}</button>{' '}
        <label className="button">
          {t('cls.import')}
          <input
            ref={input}
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            data-testid="rules-import"
            disabled={!!actions.busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) importFile(file);
              if (input.current) input.current.value = '';
            }}
          />
        </label>
      </div>
    </section>
  );
}

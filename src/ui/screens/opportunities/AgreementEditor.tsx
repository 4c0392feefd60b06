import { useState } from 'react';
import { AgreementMappingError, setAgreementCategories, type AgreementRow } from '../../../core/agreements/index.js';
import { useApp, useT } from '../../app/app-context.js';

/**
 * Choose the categories an agreement covers: main categories with their subcategories as
 * checkboxes. Saving replaces the automatic mapping for this agreement everywhere; "automatic"
 * gives it back.
 */
export function AgreementEditor({ agreement, onDone, onCancel }: { agreement: AgreementRow; onDone: (message: string) => void; onCancel: () => void }) {
  const { db, tree, notifyDataChanged } = useApp();
  const { t, lang } = useT();
  const [chosen, setChosen] = useState(() => new Set(agreement.categories.map((m) => m.categoryId)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = `${agreement.id ?? ''} ${agreement.name ?? ''}`.trim();
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const save = async (ids: string[] | null) => {
    if (!db) return;
    setBusy(true);
    setError(null);
    try {
      await setAgreementCategories(db, agreement.key, ids, tree);
      notifyDataChanged();
      onDone(t('agr.saved', { name: label }));
    } catch (e) {
      setError(t('agr.saveFailed', { reason: e instanceof AgreementMappingError ? (lang === 'da' ? e.da : e.message) : '' }));
    } finally {
      setBusy(false);
    }
  };
  const mains = tree.categories.filter((c) => c.level === 1 && c.addressable);
  return (
    <div className="agreement-editor" data-testid="agreement-editor" role="group" aria-label={t('agr.editTitle', { name: label })}>
      <h3>{t('agr.editTitle', { name: label })}</h3>
      <p className="muted">{t('agr.editIntro')}</p>
      <div className="agreement-editor-grid">
        {mains.map((main) => (
          <fieldset key={main.id}>
            <legend>
              <label>
                <input type="checkbox" checked={chosen.has(main.id)} onChange={() => toggle(main.id)} data-category={main.id} /> {main.name[lang]}
              </label>
            </legend>
            {tree.categories
              .filter((c) => c.parent === main.id)
              .map((c) => (
                <label key={c.id} className="agreement-editor-sub">
                  <input type="checkbox" checked={chosen.has(c.id) || chosen.has(main.id)} disabled={chosen.has(main.id)} onChange={() => toggle(c.id)} data-category={c.id} />{' '}
                  {c.name[lang]}
                </label>
              ))}
          </fieldset>
        ))}
      </div>
      {chosen.size === 0 && <p className="muted">{t('agr.noneChosen')}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy} data-testid="agreement-save" onClick={() => void save([...chosen])}>{t('agr.save')}</button>
        <button type="button" className="button" disabled={busy} data-testid="agreement-auto" onClick={() => void save(null)}>{t('agr.auto')}</button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>{t('agr.cancel')}</button>
      </div>
    </div>
  );
}

import { useState } from 'react';
import { categoryLabel, explain, findLines, overrideLine, type LineFilter } from '../../../core/review/index.js';
import { formatKr, formatPercent } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { useClsActions } from './action.js';
import { CategoryPicker, useCategoryTree } from './CategoryPicker.js';
import { methodKey } from './labels.js';
import { RuleMatches } from './RuleMatches.js';
import { useDebounced } from '../../hooks/use-debounced.js';
import { SearchInput } from '../../components/SearchInput.js';

const FILTERS: readonly LineFilter[] = ['all', 'unclassified', 'suggested', 'manual'];

/** "Why this category?": find a line, see the deciding rule, the other rules that matched, and set its category by hand. */
export function ExplainPanel({ where, lineId, onLine }: { where: string; lineId: number | null; onLine: (id: number) => void }) {
  const { t, lang } = useT();
  const tree = useCategoryTree();
  const actions = useClsActions();
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<LineFilter>('all');
  const search = useDebounced(text.trim());
  const found = useQuery(`cls-find|${where}|${filter}|${search}`, (db, signal) => findLines(db, { search, filter, where, limit: 25, signal }));
  const why = useQuery(`cls-why|${lineId ?? ''}`, (db, signal) => (lineId === null ? Promise.resolve(null) : explain(db, lineId, { signal, tree })));
  const [override, setOverride] = useState('');
  if (found.error) throw found.error;
  const e = why.data;

  const setCategory = () => {
    if (lineId === null || !override) return;
    void actions.run(t('cls.overriding'), async (db) => {
      await overrideLine(db, lineId, override, { tree });
      return t('cls.overridden', { id: lineId, category: categoryLabel(tree, override, lang) });
    });
  };

  return (
    <section className="panel cls-why" data-testid="cls-why">
      <h2>{t('cls.whyTitle')}</h2>
      <p className="muted">{t('cls.whyIntro')}</p>
      <div className="cls-why-grid">
        <div className="cls-find">
          <div className="cls-find-controls">
            <SearchInput label={t('cls.findLine')} value={text} onChange={setText} testId="why-search" />
            <select value={filter} onChange={(ev) => setFilter(ev.target.value as LineFilter)} aria-label={t('cls.lineFilter')} data-testid="why-filter">
              {FILTERS.map((f) => <option key={f} value={f}>{t(`cls.lineFilter.${f}` as Parameters<typeof t>[0])}</option>)}
            </select>
          </div>
          <ul className="cls-found" aria-busy={found.isLoading} data-testid="why-lines">
            {(found.data ?? []).map((l) => (
              <li key={l.lineId}>
                <button type="button" className={`link-button${l.lineId === lineId ? ' selected' : ''}`} onClick={() => onLine(l.lineId)} data-testid="why-line">
                  <span className="cls-found-main">{l.description ?? t('cls.noDescription')}</span>
                  <span className="muted">
                    {l.supplierName ?? '–'} · {formatKr(l.amount, lang, 0)} · {l.categoryId ? categoryLabel(tree, l.categoryId, lang) : t('cls.method.none')}
                    {l.accepted === false ? ` (${t('cls.suggestionShort')})` : ''}
                  </span>
                </button>
              </li>
            ))}
            {found.data?.length === 0 && <li className="muted">{t('cls.noLinesFound')}</li>}
          </ul>
        </div>
        <div className="cls-explain" data-testid="why-explanation" aria-busy={why.isLoading}>
          {lineId === null ? (
            <p className="muted">{t('cls.pickLine')}</p>
          ) : why.error ? (
            <p className="error-message" role="alert">{why.error.message}</p>
          ) : !e ? (
            <p className="muted">{t('cls.loading')}</p>
          ) : (
            <>
              <h3>{String(e.line?.description ?? t('cls.noDescription'))}</h3>
              <dl className="cls-facts">
                <dt>{t('cls.colSupplier')}</dt><dd>{String(e.line?.supplier_name ?? '–')} <span className="muted key">{String(e.line?.supplier_key ?? '')}</span></dd>
                <dt>{t('cls.colAmount')}</dt><dd>{formatKr(Number(e.line?.amount ?? 0), lang)}</dd>
                <dt>{t('cls.factAccount')}</dt><dd>{String(e.line?.account ?? '–')} <span className="muted">{String(e.line?.account_no ?? '')}</span></dd>
                <dt>{t('cls.factUnit')}</dt><dd>{String(e.line?.unit ?? '–')}</dd>
                <dt>{t('cls.factItem')}</dt><dd>{e.line?.item_code ? `${String(e.line.item_scheme ?? '')} ${String(e.line.item_code)}` : '–'}</dd>
                <dt>{t('cls.factSource')}</dt><dd>{String(e.line?.file ?? '')}, {t('cls.row')} {String(e.line?.row ?? '')} <span className="muted">(id {e.lineId})</span></dd>
              </dl>
              <p className="cls-verdict" data-testid="why-verdict" data-method={e.decision?.method ?? 'none'}>
                {e.decision ? (
                  <>
                    <strong>{categoryLabel(tree, e.decision.categoryId, lang)}</strong> ·{' '}
                    {/* An open suggestion is not "accepted": its badge says what it is. */}
                    {e.decision.method === 'learned' && !e.decision.accepted ? t('cls.method.learnedOpen') : t(methodKey(e.decision.method))} · {t('cls.confidence')}{' '}
                    {formatPercent(e.decision.confidence, lang, 0)}
                    {!e.decision.accepted && <span className="badge">{t('cls.suggestionShort')}</span>}
                    {e.decision.refineRuleId && <span className="muted"> · {t('cls.refinedBy', { id: e.decision.refineRuleId })}</span>}
                    {e.decision.suggestedCategoryId && (
                      <span className="muted"> · {t('cls.level2Suggested', { category: categoryLabel(tree, e.decision.suggestedCategoryId, lang) })}</span>
                    )}
                  </>
                ) : (
                  t('cls.noDecision')
                )}
              </p>
              {e.decision?.method === 'learned' && <p className="muted">{t('cls.learnedExplain')}</p>}
              {e.decision?.overruledRuleId && <p className="muted" data-testid="why-overruled-explain">{t('cls.overruledExplain', { id: e.decision.overruledRuleId })}</p>}
              <RuleMatches explanation={e} />
              <div className="cls-override">
                <CategoryPicker value={override} onChange={setOverride} testId="override-category" label={t('cls.overrideLabel')} />
                <button type="button" className="button" data-testid="override-line" disabled={!override || !!actions.busy} onClick={setCategory}>{t('cls.override')}</button>
              </div>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

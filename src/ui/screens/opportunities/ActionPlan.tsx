import { useMemo } from 'react';
import { buildActionPlan, type OpportunityResult } from '../../../core/analysis/opportunities/index.js';
import { formatKr, formatKrCompact, formatNumber, formatPercent } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';
import type { MessageKey } from '../../i18n/messages.js';
import { ExportButton } from '../../components/ExportButton.js';
import { planColumns } from './opportunity-export.js';

/** The indsatsplan: the opportunities in three waves, easy wins first, tenders last (DOMAIN.md). */
export function ActionPlan({ result }: { result: OpportunityResult }) {
  const { t, lang } = useT();
  const plan = useMemo(() => buildActionPlan(result), [result]);
  const kr = (v: number) => formatKrCompact(v, lang);
  const total = plan.totals.savingsBase;
  return (
    <section className="action-plan" data-testid="action-plan" data-value={total}>
      <div className="panel-head">
        <h2>{t('plan.title')}</h2>
        <ExportButton
          spec={{ name: t('export.file.plan'), columns: planColumns(t, lang), rows: plan.waves.flatMap((wave) => wave.opportunities.map((o) => ({ wave, o }))) }}
          testId="action-plan-export"
        />
      </div>
      <p className="lead">{t('plan.intro')}</p>
      <ol className="waves">
        {plan.waves.map((w) => (
          <li key={w.wave} className={`wave wave-${w.wave} panel`} data-testid={`action-plan-wave-${w.wave}`} data-value={w.savingsBase}>
            <div className="wave-head">
              <span className="wave-number">{t('plan.wave', { n: w.wave })}</span>
              <h3>{w.title[lang]}</h3>
              <span className="savings" title={t('plan.savings')}>
                {t('opp.savingsRange', { low: kr(w.savingsLow), high: kr(w.savingsHigh), base: kr(w.savingsBase) })}
              </span>
            </div>
            <div className="wave-bar" aria-hidden="true">
              <span style={{ width: `${total > 0 ? Math.max(0, (w.savingsBase / total) * 100) : 0}%` }} />
            </div>
            <p>{w.summary[lang]}</p>
            <p className="wave-figures">
              <span><strong>{t('plan.timing')}:</strong> {w.timing[lang]}</span>
              <span>{t('plan.spendMoving')}: {formatKr(w.spendMoving, lang, 0)}</span>
              <span>{t('plan.count', { n: formatNumber(w.opportunities.length, lang) })}</span>
              {total > 0 && <span>{t('plan.share', { pct: formatPercent(w.savingsBase / total, lang, 0) })}</span>}
            </p>
            {w.opportunities.length === 0 ? (
              <p className="muted">{t('plan.empty')}</p>
            ) : (
              <table className="data-table wave-table">
                <thead>
                  <tr>
                    <th className="num">#</th>
                    <th>{t('plan.action')}</th>
                    <th>{t('plan.category')}</th>
                    <th className="num">{t('opp.annualSpend')}</th>
                    <th className="num">{t('plan.savings')}</th>
                  </tr>
                </thead>
                <tbody>
                  {w.opportunities.map((o) => (
                    <tr key={o.id} data-testid="action-plan-item" data-kind={o.kind}>
                      <td className="num muted">{o.rank}</td>
                      <td><span className={`kind-badge kind-${o.kind}`}>{t(`opp.kind.${o.kind}` as MessageKey)}</span></td>
                      <td className="wave-category">{o.categoryName[lang]}</td>
                      <td className="num">{formatKr(o.annualSpend, lang, 0)}</td>
                      <td className="num"><strong>{kr(o.savingsBase)}</strong> <span className="muted">({kr(o.savingsLow)}–{kr(o.savingsHigh)})</span></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {w.notes.length > 0 && (
              <div className="wave-notes" data-testid="action-plan-notes">
                <h4>{t('plan.notes')}</h4>
                <ul>
                  {w.notes.map((n) => (
                    <li key={`${n.opportunityId}|${n.text.en}`}>{n.text[lang]}</li>
                  ))}
                </ul>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

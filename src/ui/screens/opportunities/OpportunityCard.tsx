import type { Opportunity } from '../../../core/analysis/opportunities/index.js';
import { formatDate, formatKr, formatKrCompact } from '../../../core/format/format.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useT } from '../../app/app-context.js';

const SHOWN = 5;
/** The kinds decided by comparing the category's annual value with the threshold. */
const USES_THRESHOLD: readonly Opportunity['kind'][] = ['tender', 'consolidate'];

/** One ranked opportunity: what to do, why, who is involved, and what it is worth (an estimate). */
export function OpportunityCard({ opportunity: o, detailed = false }: { opportunity: Opportunity; detailed?: boolean }) {
  const { t, lang } = useT();
  const kr = (v: number) => formatKrCompact(v, lang);
  return (
    <li className={`opportunity kind-${o.kind}`} data-testid="opportunity" data-kind={o.kind} data-category={o.categoryId} data-savings={o.savingsBase}>
      <div className="opportunity-head">
        <span className="rank">{o.rank}</span>
        <span className={`kind-badge kind-${o.kind}`}>{t(`opp.kind.${o.kind}` as MessageKey)}</span>
        <strong>{o.categoryName[lang]}</strong>
        <span className="savings" title={t('opp.savings')}>
          {t('opp.savingsRange', { low: kr(o.savingsLow), high: kr(o.savingsHigh), base: kr(o.savingsBase) })}
        </span>
      </div>
      <p className="rationale">{o.rationale[lang]}</p>
      <div className="opportunity-figures">
        <span>{t('opp.annualSpend')}: {formatKr(o.annualSpend, lang, 0)}</span>
        {USES_THRESHOLD.includes(o.kind) && o.threshold > 0 && (
          <span data-testid="opportunity-threshold" data-value={o.threshold} data-estimate={o.thresholdEstimate}>
            {t('opp.thresholdUsed')}: {formatKr(o.threshold, lang, 0)} ({t(`opp.regime.${o.regime}` as MessageKey)}
            {o.thresholdPeriod ? `, ${formatDate(o.thresholdPeriod.from, lang)}–${formatDate(o.thresholdPeriod.to, lang)}` : ''}
            {`, ${o.thresholdEstimate ? t('opp.estimate') : t('opp.thresholdOfficial')}`})
          </span>
        )}
      </div>
      {detailed && (
        <div className="opportunity-detail">
          <div>
            <h4>{t('opp.suppliers')} ({o.details.supplierCount})</h4>
            <ul>
              {o.suppliers.slice(0, SHOWN).map((s) => (
                <li key={s.key}>{s.name ?? s.key}: {formatKr(s.spend, lang, 0)}</li>
              ))}
              {o.suppliers.length > SHOWN && <li className="muted">{t('opp.moreSuppliers', { n: o.suppliers.length - SHOWN })}</li>}
            </ul>
          </div>
          <div>
            <h4>{t('opp.units')} ({o.details.unitCount})</h4>
            <ul>
              {o.units.slice(0, SHOWN).map((u) => (
                <li key={u.name ?? '-'}>{u.name ?? '–'}: {formatKr(u.spend, lang, 0)}</li>
              ))}
              {o.units.length > SHOWN && <li className="muted">{t('opp.moreSuppliers', { n: o.units.length - SHOWN })}</li>}
            </ul>
          </div>
          <details>
            <summary>{t('opp.assumptions')}</summary>
            <ul>
              {o.assumptions.map((a) => (
                <li key={a.da}>{a[lang]}</li>
              ))}
            </ul>
          </details>
        </div>
      )}
    </li>
  );
}

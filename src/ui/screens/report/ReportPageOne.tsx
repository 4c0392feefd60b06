import { useMemo } from 'react';
import { formatDate, formatKr, formatKrCompact, formatKrRange, formatNumber, formatPercent } from '../../../core/format/format.js';
import type { ReportData } from '../../../core/report/report-data.js';
import { summarySentence } from '../../../core/report/summary-sentence.js';
import { useT } from '../../app/app-context.js';
import { Chart } from '../../components/Chart.js';
import type { MessageKey } from '../../i18n/messages.js';
import { categoryBars } from './report-charts.js';

const TOP = 5;

function Figure({ label, value, display, hint, testId }: { label: string; value: number | null; display: string; hint?: string; testId: string }) {
  return (
    <div className="report-kpi" data-testid={testId} data-value={value === null ? '' : String(value)}>
      <div className="report-kpi-label">{label}</div>
      <div className="report-kpi-value">{display}</div>
      {hint && <div className="report-kpi-hint">{hint}</div>}
    </div>
  );
}

/** Page 1: who and when, the headline figures, spend by category, the five largest opportunities. */
export function ReportPageOne({ r, filters }: { r: ReportData; filters: string }) {
  const { t, lang } = useT();
  const kr = (v: number) => formatKrCompact(v, lang);
  const t0 = r.totals;
  const s = r.opportunities.totals;
  const unclassified = t('report.unclassified');
  const chart = useMemo(() => categoryBars(r.category1, lang, unclassified), [r.category1, lang, unclassified]);
  const bars = r.category1.filter((m) => m.spend > 0).slice(0, 16).length;
  const top = r.opportunities.opportunities.slice(0, TOP);
  const rates = r.opportunities.rates;
  const pct = (v: number) => formatNumber(v * 100, lang);
  return (
    <section className="report-sheet report-page-1">
      <header className="report-head">
        <div>
          <p className="report-kicker">{t('report.title')}</p>
          <h1 data-testid="report-municipality">{r.municipality ?? '–'}</h1>
        </div>
        <dl className="report-meta">
          <dt>{t('report.period')}</dt>
          <dd data-testid="report-period">{t0.firstDate && t0.lastDate ? `${formatDate(t0.firstDate, lang)}–${formatDate(t0.lastDate, lang)}` : '–'}</dd>
          <dt>{t('report.filters')}</dt>
          <dd>{filters || t('report.noFilters')}</dd>
        </dl>
      </header>
      <div className="report-kpis" data-testid="report-kpis">
        <Figure testId="report-kpi-total" label={t('report.kpi.total')} value={t0.spend} display={kr(t0.spend)} hint={formatKr(t0.spend, lang, 0)} />
        <Figure testId="report-kpi-addressable" label={t('report.kpi.addressable')} value={t0.addressableSpend} display={kr(t0.addressableSpend)} hint={formatPercent(t0.spend ? t0.addressableSpend / t0.spend : 0, lang, 0)} />
        <Figure testId="report-kpi-suppliers" label={t('report.kpi.suppliers')} value={t0.suppliers} display={formatNumber(t0.suppliers, lang)} />
        <Figure testId="report-kpi-classified" label={t('report.kpi.classified')} value={r.classifiedShare} display={formatPercent(r.classifiedShare, lang)} />
        <Figure
          testId="report-kpi-on-agreement"
          label={t('report.kpi.onAgreement')}
          value={r.compliance.onAgreementShare}
          display={r.compliance.onAgreementShare === null ? '–' : formatPercent(r.compliance.onAgreementShare, lang)}
          hint={r.compliance.hasContracts ? t('report.kpi.onAgreementHint') : t('report.kpi.noContracts')}
        />
        <Figure
          testId="report-kpi-savings"
          label={t('report.kpi.savings')}
          value={s.savingsBase}
          display={formatKrRange(s.savingsLow, s.savingsHigh, lang)}
          hint={t('report.kpi.savingsHint', { base: kr(s.savingsBase) })}
        />
      </div>
      <div className="report-block report-figure" data-testid="report-chart-categories">
        <h2>{t('report.categories')}</h2>
        <Chart option={chart} renderer="svg" height={Math.max(80, bars * 17 + 10)} label={t('report.categories')} />
      </div>
      <div className="report-block">
        <h2>{t('report.top')}</h2>
        {top.length === 0 ? (
          <p className="muted">{t('report.noOpportunities')}</p>
        ) : (
          <table className="report-table" data-testid="report-top">
            <thead>
              <tr>
                <th className="num">{t('report.col.rank')}</th>
                <th>{t('report.col.category')}</th>
                <th>{t('report.col.why')}</th>
                <th className="num">{t('report.col.savings')}</th>
              </tr>
            </thead>
            <tbody>
              {top.map((o) => (
                <tr key={o.id} data-testid="report-row" data-savings={o.savingsBase}>
                  <td className="num">{o.rank}</td>
                  <td>
                    <strong>{o.categoryName[lang]}</strong>
                    <div className="report-kind">{t(`opp.kind.${o.kind}` as MessageKey)}</div>
                  </td>
                  <td className="report-why">{summarySentence(o)[lang]}</td>
                  <td className="num">
                    <strong>{kr(o.savingsBase)}</strong>
                    <div className="report-kind">{formatKrRange(o.savingsLow, o.savingsHigh, lang)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="report-note">
          {t('report.estimateNote', { low: pct(rates.low), base: pct(rates.base), high: pct(rates.high), perInvoice: formatNumber(rates.perInvoice, lang) })}
        </p>
      </div>
    </section>
  );
}

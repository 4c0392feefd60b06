import { useMemo } from 'react';
import { KRALJIC_QUADRANTS, QUADRANT_APPROACH } from '../../../core/analysis/opportunities/index.js';
import { formatKrCompact, formatKrRange, formatNumber } from '../../../core/format/format.js';
import type { ReportData } from '../../../core/report/report-data.js';
import { useT } from '../../app/app-context.js';
import { Chart } from '../../components/Chart.js';
import { ReportNotes } from './ReportNotes.js';
import { kraljicScatter } from './report-charts.js';

const NAMED = 2;

/** Page 2: the action plan in waves, the Kraljic matrix, and how the figures were made. */
export function ReportPageTwo({ r }: { r: ReportData }) {
  const { t, lang } = useT();
  const kr = (v: number) => formatKrCompact(v, lang);
  const chart = useMemo(() => kraljicScatter(r.kraljic, lang), [r.kraljic, lang]);
  const counts = KRALJIC_QUADRANTS.map((q) => `${QUADRANT_APPROACH[q].title[lang]} ${formatNumber(r.kraljic.counts[q], lang)}`).join(' · ');
  return (
    <section className="report-sheet report-page-2">
      <div className="report-block">
        <h2>{t('report.plan')}</h2>
        <table className="report-table" data-testid="report-plan">
          <thead>
            <tr>
              <th>{t('report.col.wave')}</th>
              <th>{t('report.col.what')}</th>
              <th>{t('report.col.timing')}</th>
              <th className="num">{t('report.col.count')}</th>
              <th className="num">{t('report.col.savings')}</th>
            </tr>
          </thead>
          <tbody>
            {r.plan.waves.map((w) => {
              const names = w.opportunities.slice(0, NAMED).map((o) => o.categoryName[lang]);
              const more = w.opportunities.length - names.length;
              return (
                <tr key={w.wave} data-testid="report-row" data-wave={w.wave} data-savings={w.savingsBase}>
                  <td className="num">{w.wave}</td>
                  <td>
                    <strong>{w.title[lang]}</strong>
                    <div className="report-kind">{names.join(', ')}{more > 0 ? ` ${t('report.more', { n: formatNumber(more, lang) })}` : ''}</div>
                  </td>
                  <td className="report-why">{w.timing[lang]}</td>
                  <td className="num">{formatNumber(w.opportunities.length, lang)}</td>
                  <td className="num">
                    <strong>{kr(w.savingsBase)}</strong>
                    <div className="report-kind">{formatKrRange(w.savingsLow, w.savingsHigh, lang)}</div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="report-block report-figure" data-testid="report-chart-kraljic">
        <h2>{t('report.kraljic')}</h2>
        <p className="report-note">{t('report.kraljicHint', { counts })}</p>
        {r.kraljic.categories.some((c) => c.annualSpend > 0) ? (
          <Chart option={chart} renderer="svg" height={200} label={t('report.kraljic')} />
        ) : (
          <p className="muted">{t('kraljic.none')}</p>
        )}
      </div>
      <ReportNotes r={r} />
    </section>
  );
}

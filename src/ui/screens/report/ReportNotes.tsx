import { formatDate, formatKr, formatNumber, formatPercent } from '../../../core/format/format.js';
import type { ReportData } from '../../../core/report/report-data.js';
import { useT } from '../../app/app-context.js';
import type { ThresholdRegime } from '../../../core/thresholds/thresholds.js';
import type { MessageKey } from '../../i18n/messages.js';
import { methodKey } from '../classification/labels.js';

const REGIME_LABEL: Record<ThresholdRegime, MessageKey> = {
  standard: 'report.regime.standard',
  light: 'report.regime.light',
  works: 'report.regime.works',
  'small-lots': 'report.regime.small-lots',
  'works-licitation': 'report.regime.works-licitation',
  'works-bids': 'report.regime.works-bids',
};

/** The thresholds the findings used, each with its source (as a table: rows never split over pages). */
function ThresholdList({ thresholds }: { thresholds: ReportData['method']['thresholds'] }) {
  const { t, lang } = useT();
  return (
    <>
      <h3>{t('report.thresholds')}</h3>
      <table className="report-table compact report-thresholds">
        <tbody>
          {thresholds.map((th) => (
            <tr key={th.regime} data-testid="report-row">
              <td>
                <strong>{t(REGIME_LABEL[th.regime])}</strong>: {formatKr(th.dkk, lang, 0)}{th.estimate ? ` ${t('report.estimate')}` : ''}{' '}
                <span className="report-nowrap">({formatDate(th.validFrom, lang)}–{formatDate(th.validTo, lang)})</span>
                <div className="report-kind">{t('report.source')}: {th.source}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Method and data: files, coverage by method, assumptions and rates, thresholds with sources, what is an estimate. */
export function ReportNotes({ r }: { r: ReportData }) {
  const { t, lang } = useT();
  const o = r.opportunities;
  const w = o.window;
  const pct = (v: number) => formatNumber(v * 100, lang);
  const cov = r.method.coverage;
  const methods = Object.entries(cov.byMethod)
    .filter(([m]) => m !== 'none')
    .sort((a, b) => b[1].spendShare - a[1].spendShare)
    .map(([m, c]) => `${t(methodKey(m))} ${formatPercent(c.spendShare, lang, 0)}`)
    .join(', ');
  const files = r.method.imports.files;
  return (
    <div className="report-block report-notes" data-testid="report-notes">
      <h2>{t('report.method')}</h2>
      <div className="report-notes-grid">
        <div>
          <h3>{t('report.files')}</h3>
          <table className="report-table compact">
            <thead>
              <tr>
                <th>{t('report.col.file')}</th>
                <th className="num">{t('report.col.read')}</th>
                <th className="num">{t('report.col.loaded')}</th>
                <th className="num">{t('report.col.rejected')}</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.fileId} data-testid="report-row">
                  <td>{f.name}</td>
                  <td className="num">{formatNumber(f.rowsRead, lang)}</td>
                  <td className="num">{formatNumber(f.rowsLoaded, lang)}</td>
                  <td className="num">{formatNumber(f.rowsRejected, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('report.coverage')}</h3>
          <p>{t('report.coverageText', { share: formatPercent(cov.coveredSpendShare, lang, 0), methods: methods || '–' })}</p>
          <h3>{t('report.estimates')}</h3>
          <p>{t('report.estimatesText')}</p>
          <h3>{t('report.assumptions')}</h3>
          <p>
            {w && t('report.window', { from: formatDate(w.from, lang), to: formatDate(w.to, lang), months: formatNumber(w.months, lang, 0), scaled: w.factor !== 1 ? t('report.scaled') : '' })}{' '}
            {t('report.rates', { low: pct(o.rates.low), base: pct(o.rates.base), high: pct(o.rates.high), perInvoice: formatNumber(o.rates.perInvoice, lang), limit: formatNumber(o.rules.smallOrderLimit, lang) })}{' '}
            {t('report.compliance')}
          </p>
        </div>
        <div>
          <ThresholdList thresholds={r.method.thresholds} />
        </div>
      </div>
    </div>
  );
}

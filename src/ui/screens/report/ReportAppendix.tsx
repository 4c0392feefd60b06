import { formatKrCompact, formatNumber, formatPercent } from '../../../core/format/format.js';
import type { ReportData } from '../../../core/report/report-data.js';
import { useT } from '../../app/app-context.js';
import type { MessageKey } from '../../i18n/messages.js';

/** Column widths, so every category's table lines up with the others. */
const WIDTHS = ['30%', '11%', '6%', '8%', '7%', '8%', '9%', '8%', '13%'];

/** The appendix on request: each level-1 category with its level-2 categories and their figures. */
export function ReportAppendix({ r }: { r: ReportData }) {
  const { t, lang } = useT();
  const share = (v: number | null) => (v === null ? '–' : formatPercent(v, lang, 0));
  const tops = r.category1.filter((m) => m.id !== null && m.spend > 0);
  const opps = (id: string) => r.opportunities.opportunities.filter((o) => o.categoryId === id);
  return (
    <section className="report-sheet report-appendix" data-testid="report-appendix">
      <h2>{t('report.appendixTitle')}</h2>
      <p className="report-note">{t('report.appendixHint')}</p>
      {tops.map((top) => (
        <div key={top.id} className="report-category" data-testid="report-category">
          <h3>
            {top.name[lang]} <span className="report-kind">{formatKrCompact(top.spend, lang)}</span>
          </h3>
          <table className="report-table compact fixed">
            <colgroup>
              {WIDTHS.map((w, i) => <col key={i} style={{ width: w }} />)}
            </colgroup>
            <thead>
              <tr>
                <th>{t('report.col.category')}</th>
                <th className="num">{t('report.col.spend')}</th>
                <th className="num">{t('report.col.suppliers')}</th>
                <th className="num">{t('report.col.suppliers80')}</th>
                <th className="num">{t('report.col.hhi')}</th>
                <th className="num">{t('report.col.units')}</th>
                <th className="num">{t('report.col.small')}</th>
                <th className="num">{t('report.col.onAgreement')}</th>
                <th>{t('report.col.kind')}</th>
              </tr>
            </thead>
            <tbody>
              {r.category2
                .filter((m) => m.id !== null && m.parentId === top.id)
                .map((m) => (
                  <tr key={m.id} data-testid="report-row">
                    <td>{m.name[lang]}</td>
                    <td className="num">{formatKrCompact(m.spend, lang)}</td>
                    <td className="num">{formatNumber(m.suppliers, lang)}</td>
                    <td className="num">{formatNumber(m.suppliers80, lang)}</td>
                    <td className="num">{formatNumber(m.hhi, lang)}</td>
                    <td className="num">{formatNumber(m.units, lang)}</td>
                    <td className="num">{share(m.smallOrderShare)}</td>
                    <td className="num">{share(m.onContractShare)}</td>
                    <td>{opps(m.id!).map((o) => `#${o.rank} ${t(`opp.kind.${o.kind}` as MessageKey)}`).join(', ')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

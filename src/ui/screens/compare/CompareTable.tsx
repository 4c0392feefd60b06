import { useMemo } from 'react';
import { COMPARE_METRICS, MARKED_METRICS, standOut, type CompareMetric, type Comparison, type CompareRow } from '../../../core/compare/index.js';
import type { ExportColumn } from '../../../core/export/table-csv.js';
import { formatKr, formatKrCompact, formatNumber, formatPercent } from '../../../core/format/format.js';
import type { Lang } from '../../../core/state/url-state.js';
import { useT } from '../../app/app-context.js';
import { ExportButton } from '../../components/ExportButton.js';
import type { MessageKey } from '../../i18n/messages.js';

const show: Record<CompareMetric, (v: number, lang: Lang) => string> = {
  spend: (v, lang) => formatKrCompact(v, lang),
  perInhabitant: (v, lang) => formatKr(v, lang, 0),
  suppliers: (v, lang) => formatNumber(v, lang),
  hhi: (v, lang) => formatNumber(v, lang),
  onAgreementShare: (v, lang) => formatPercent(v, lang, 0),
  smallOrderShare: (v, lang) => formatPercent(v, lang, 0),
};

const FORMAT = { spend: 'amount', perInhabitant: 'amount', suppliers: 'int', hhi: 'decimal', onAgreementShare: 'percent', smallOrderShare: 'percent' } as const;

type Line = { key: string; level: 0 | 1 | 2; name: string; values: (Partial<Record<CompareMetric, number | null>> | null)[] };

/**
 * The categories side by side: for each figure one column per data set, so a row reads across
 * ("spend per inhabitant: Demo 1.230 kr., Anden 2.010 kr."). Figures that stand out are marked.
 */
export function CompareTable({ c }: { c: Comparison }) {
  const { t, lang } = useT();
  const names = c.datasets.map((d) => (c.by === 'year' && new Set(c.datasets.map((x) => x.municipality)).size === 1 ? d.period : `${d.municipality} ${d.period}`));
  const lines = useMemo<Line[]>(() => {
    // The whole data set has no single supplier concentration: no HHI in the total row.
    const total: Line = { key: 'total', level: 0, name: t('cmp.total'), values: c.datasets.map((d) => ({ ...d, hhi: null })) };
    const unclassified = t('report.unclassified');
    return [total, ...c.rows.map((r: CompareRow): Line => ({ key: `${r.level}:${r.id ?? ''}`, level: r.level, name: r.id === null ? unclassified : r.name[lang], values: r.values }))];
  }, [c, lang, t]);
  const columns = useMemo<ExportColumn<Line>[]>(
    () => [
      { header: t('cmp.category'), value: (l) => l.name },
      ...COMPARE_METRICS.flatMap((m) =>
        names.map((n, i): ExportColumn<Line> => ({ header: `${t(`cmp.metric.${m}` as MessageKey)} – ${n}`, value: (l) => l.values[i]?.[m] ?? null, format: FORMAT[m] })),
      ),
    ],
    [names, t],
  );
  return (
    <div className="panel">
      <div className="panel-head">
        <h2>{t('cmp.table')}</h2>
        <ExportButton spec={{ name: t('export.file.compare'), columns, rows: lines }} testId="compare-table-export" />
      </div>
      <p className="muted">
        {c.datasets.map((d, i) => t('cmp.window', { name: names[i]!, from: d.from ?? '–', to: d.to ?? '–', months: formatNumber(d.months, lang, 0) })).join(' · ')}
      </p>
      <div className="table-scroll compare-scroll">
        <table className="data-table compare-table" data-testid="compare-table" data-datasets={c.datasets.length}>
          <thead>
            <tr>
              <th rowSpan={2}>{t('cmp.category')}</th>
              {COMPARE_METRICS.map((m) => (
                <th key={m} colSpan={names.length} className="group">{t(`cmp.metric.${m}` as MessageKey)}</th>
              ))}
            </tr>
            <tr>
              {COMPARE_METRICS.flatMap((m) => names.map((n, i) => <th key={`${m}${i}`} className="num">{n}</th>))}
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.key} className={`level-${l.level}`} data-testid="compare-row" data-category={l.key}>
                <td className="compare-name">{l.name}</td>
                {COMPARE_METRICS.flatMap((m) => {
                  const values = l.values.map((v) => v?.[m] ?? null);
                  const marks = MARKED_METRICS.includes(m) ? standOut(values, m) : values.map(() => null);
                  return values.map((v, i) => (
                    <td
                      key={`${m}${i}`}
                      className={`num${marks[i] ? ` stand-${marks[i]}` : ''}${i === 0 ? ' group-start' : ''}`}
                      data-metric={m}
                      data-dataset={c.datasets[i]!.key}
                      data-value={v ?? ''}
                      data-stand={marks[i] ?? undefined}
                      title={marks[i] ? t(marks[i] === 'high' ? 'cmp.standHigh' : 'cmp.standLow') : undefined}
                    >
                      {v === null ? '–' : show[m](v, lang)}
                    </td>
                  ));
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

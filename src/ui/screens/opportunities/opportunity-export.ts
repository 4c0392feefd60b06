import type { ActionWave, Opportunity } from '../../../core/analysis/opportunities/index.js';
import type { ExportColumn } from '../../../core/export/table-csv.js';
import type { Lang } from '../../../core/state/url-state.js';
import type { MessageKey } from '../../i18n/messages.js';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The opportunities as an export: rank, kind, category, amounts and the full rationale. */
export function opportunityColumns(t: T, lang: Lang): ExportColumn<Opportunity>[] {
  return [
    { header: '#', value: (o) => o.rank, format: 'int' },
    { header: t('report.col.kind'), value: (o) => t(`opp.kind.${o.kind}` as MessageKey) },
    { header: t('report.col.category'), value: (o) => o.categoryName[lang] },
    { header: t('opp.annualSpend'), value: (o) => o.annualSpend, format: 'amount' },
    { header: t('opp.threshold'), value: (o) => (Number.isFinite(o.threshold) ? o.threshold : null), format: 'amount' },
    { header: `${t('opp.savings')} (${lang === 'da' ? 'lav' : 'low'})`, value: (o) => o.savingsLow, format: 'amount' },
    { header: `${t('opp.savings')} (${lang === 'da' ? 'basis' : 'base'})`, value: (o) => o.savingsBase, format: 'amount' },
    { header: `${t('opp.savings')} (${lang === 'da' ? 'høj' : 'high'})`, value: (o) => o.savingsHigh, format: 'amount' },
    { header: t('opp.suppliers'), value: (o) => o.details.supplierCount, format: 'int' },
    { header: t('opp.units'), value: (o) => o.details.unitCount, format: 'int' },
    { header: t('report.col.why'), value: (o) => o.rationale[lang] },
  ];
}

export type PlanRow = { wave: ActionWave; o: Opportunity };

export function planColumns(t: T, lang: Lang): ExportColumn<PlanRow>[] {
  return [
    { header: t('report.col.wave'), value: (r) => r.wave.wave, format: 'int' },
    { header: t('report.col.what'), value: (r) => r.wave.title[lang] },
    { header: t('report.col.timing'), value: (r) => r.wave.timing[lang] },
    ...opportunityColumns(t, lang).map((c): ExportColumn<PlanRow> => ({ ...c, value: (r) => c.value(r.o) })),
  ];
}

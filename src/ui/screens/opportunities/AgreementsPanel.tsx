import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { loadAgreementOverview, NEAR_MAX_SHARE, type AgreementRow, type CategoryCompliance, type MappedCategory, type UnitCompliance } from '../../../core/agreements/index.js';
import { filtersWhere } from '../../../core/analysis/filters-sql.js';
import { formatDate, formatKr, formatNumber, formatPercent } from '../../../core/format/format.js';
import { categoryLabel } from '../../../core/review/index.js';
import { useApp, useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { DataTable } from '../../components/DataTable.js';
import type { MessageKey } from '../../i18n/messages.js';
import { AgreementEditor } from './AgreementEditor.js';

type T = ReturnType<typeof useT>['t'];

/** Why an agreement covers a category, in the user's words. */
export function mappingReason(m: MappedCategory, t: T, lang: 'da' | 'en'): string {
  const basis: Record<string, string> = m.method === 'supplier_spend' ? { share: formatPercent(Number(m.basis), lang, 0) } : { basis: m.basis };
  const why = t(`agr.method.${m.method}` as MessageKey, basis);
  return m.method === 'manual' ? why : `${why} · ${t('agr.confidence', { value: formatPercent(m.confidence, lang, 0) })}`;
}

/** A framework near its maximum: projected to use 90 % of it over its term, or 80 % used already. */
const nearMax = (a: AgreementRow) => a.maxValue !== null && ((a.projectedShare ?? 0) >= NEAR_MAX_SHARE || (a.usedShare ?? 0) >= 0.8);

const period = (a: AgreementRow, lang: 'da' | 'en') => `${a.validFrom ? formatDate(a.validFrom, lang) : '…'} – ${a.validTo ? formatDate(a.validTo, lang) : '…'}`;

/** The "Aftaler" tab: the register with the categories each agreement covers (editable) and compliance. */
export function AgreementsPanel() {
  const { view, tree } = useApp();
  const { t, lang } = useT();
  const where = filtersWhere(view.filters, tree);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const overview = useQuery(`agreements|${where}|${version}`, (db) => loadAgreementOverview(db, { where, tree }));
  const data = overview.data;

  const agreementColumns = useMemo<ColumnDef<AgreementRow, unknown>[]>(
    () => [
      {
        header: t('agr.agreement'), id: 'agreement',
        cell: (c) => <span title={c.row.original.framework ?? undefined}><strong>{c.row.original.id ?? ''}</strong> {c.row.original.name ?? ''}</span>,
      },
      {
        header: t('agr.covers'), id: 'covers',
        cell: (c) => {
          const a = c.row.original;
          if (!a.categories.length) return <span className="agr-unmapped">{t('agr.unmapped')}</span>;
          return (
            <span className="agr-cats">
              {a.categories.map((m) => (
                <span key={m.categoryId} className={`agr-cat${m.confidence < 0.6 ? ' agr-unsure' : ''}`} title={`${categoryLabel(tree, m.categoryId, lang)}: ${mappingReason(m, t, lang)}`}>
                  {tree.categories.find((x) => x.id === m.categoryId)?.name[lang] ?? m.categoryId}
                </span>
              ))}
            </span>
          );
        },
      },
      {
        header: t('agr.why'), id: 'why',
        cell: (c) => <span className="muted small">{c.row.original.categories.map((m) => mappingReason(m, t, lang)).join('; ')}</span>,
      },
      {
        header: t('agr.status'), id: 'status',
        cell: (c) => <span className={`agr-status agr-${c.row.original.status}`}>{t(`agr.status.${c.row.original.status}` as MessageKey)}</span>,
      },
      { header: t('agr.period'), id: 'period', cell: (c) => period(c.row.original, lang) },
      { header: t('agr.spend'), id: 'spend', meta: { numeric: true }, cell: (c) => formatKr(c.row.original.spend, lang, 0) },
      {
        header: t('agr.max'), id: 'max', meta: { numeric: true },
        cell: (c) => {
          const a = c.row.original;
          if (a.maxValue === null) return '–';
          const near = nearMax(a);
          return (
            <span className={near ? 'agr-near-max' : undefined} title={near ? t('agr.nearMax') : undefined} data-testid={near ? 'agreement-near-max' : undefined}>
              {formatKr(a.maxValue, lang, 0)}{' · '}
              <span className="small">
                {t('agr.used', { used: formatPercent(a.usedShare ?? 0, lang, 0), projected: formatPercent(a.projectedShare ?? 0, lang, 0) })}
                {a.maxReachedOn ? ` · ${t('agr.maxReached', { date: formatDate(a.maxReachedOn, lang) })}` : ''}
              </span>
            </span>
          );
        },
      },
      {
        header: t('agr.suppliers'), id: 'suppliers',
        cell: (c) => {
          const names = c.row.original.suppliers.map((s) => s.name ?? s.cvr ?? '–').join(', ');
          return <span className="agr-suppliers" title={names}>{names}</span>;
        },
      },
      {
        header: '', id: 'edit',
        cell: (c) => (
          <button type="button" className="button small" data-testid="agreement-edit" onClick={() => { setEditing(c.row.original.key); setMessage(null); }}>
            {t('agr.edit')}
          </button>
        ),
      },
    ],
    [t, lang, tree],
  );

  const name = (id: string) => categoryLabel(tree, id, lang);
  const complianceColumns = useMemo<ColumnDef<CategoryCompliance, unknown>[]>(
    () => [
      {
        header: t('agr.category'), id: 'category',
        cell: (c) => (
          <button type="button" className="link-button" onClick={() => setCategory(c.row.original.categoryId)}>{name(c.row.original.categoryId)}</button>
        ),
      },
      { header: t('agr.total'), id: 'spend', meta: { numeric: true }, cell: (c) => formatKr(c.row.original.spend, lang, 0) },
      {
        header: t('agr.on'), id: 'on', meta: { numeric: true },
        cell: (c) => (c.row.original.onAgreementShare === null ? '–' : formatPercent(c.row.original.onAgreementShare, lang, 0)),
      },
      { header: t('agr.off'), id: 'off', meta: { numeric: true }, cell: (c) => formatKr(c.row.original.offAgreement, lang, 0) },
      { header: t('agr.noAgreement'), id: 'none', meta: { numeric: true }, cell: (c) => formatKr(c.row.original.noAgreement, lang, 0) },
      {
        header: t('agr.offSuppliers'), id: 'offSuppliers',
        cell: (c) => c.row.original.offSuppliers.map((s) => `${s.name ?? s.key} (${formatKr(s.spend, lang, 0)})`).join(', '),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `name` reads tree and lang, listed here
    [t, lang, tree],
  );
  const unitColumns = useMemo<ColumnDef<UnitCompliance, unknown>[]>(
    () => [
      { header: t('agr.unit'), id: 'unit', cell: (c) => c.row.original.unit ?? t('agr.noUnit') },
      { header: t('agr.total'), id: 'spend', meta: { numeric: true }, cell: (c) => formatKr(c.row.original.spend, lang, 0) },
      {
        header: t('agr.on'), id: 'on', meta: { numeric: true },
        cell: (c) => (c.row.original.onAgreementShare === null ? '–' : formatPercent(c.row.original.onAgreementShare, lang, 0)),
      },
      { header: t('agr.off'), id: 'off', meta: { numeric: true }, cell: (c) => formatKr(c.row.original.offAgreement, lang, 0) },
    ],
    [t, lang],
  );

  if (overview.error) throw overview.error;
  if (!data) return <p className="muted" aria-busy="true">…</p>;
  if (!data.agreements.length) return <p className="notice" data-testid="agreements-none">{t('agr.none')}</p>;
  const edited = editing ? data.agreements.find((a) => a.key === editing) : undefined;
  const units = category ? data.compliance.find((c) => c.categoryId === category) : undefined;
  return (
    <div
      className="agreements"
      data-testid="agreements-panel"
      data-value={data.agreements.length}
      data-unmapped={data.agreements.filter((a) => !a.categories.length).length}
      data-near-max={data.agreements.filter(nearMax).length}
      aria-busy={overview.isLoading || undefined}
    >
      <section className="panel">
        <h2>{t('agr.title')}</h2>
        <p className="muted">{t('agr.intro')}</p>
        {data.asOf && <p className="muted small">{t('agr.asOf', { date: formatDate(data.asOf, lang), months: formatNumber(data.horizonMonths, lang) })}</p>}
        {message && <p className="notice" role="status" data-testid="agreement-message">{message}</p>}
        {edited && (
          <AgreementEditor
            key={edited.key}
            agreement={edited}
            onDone={(text) => { setEditing(null); setMessage(text); setVersion((v) => v + 1); }}
            onCancel={() => setEditing(null)}
          />
        )}
        <DataTable data={data.agreements} columns={agreementColumns} maxHeight={520} testId="agreements-table" />
      </section>
      <section className="panel">
        <h2>{t('agr.compliance')}</h2>
        <p className="muted">{t('agr.complianceIntro')}</p>
        <DataTable data={data.compliance} columns={complianceColumns} maxHeight={420} testId="compliance-table" />
        {units && (
          <div data-testid="compliance-units">
            <h3>{t('agr.unitsFor', { category: name(units.categoryId) })}</h3>
            <DataTable data={units.units} columns={unitColumns} maxHeight={320} />
          </div>
        )}
      </section>
    </div>
  );
}

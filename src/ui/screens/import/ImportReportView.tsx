import { useMemo } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { formatDate, formatKr, formatNumber } from '../../../core/format/format.js';
import { defaultRates } from '../../../core/import/currency.js';
import { loadImportReport, loadRejects, rejectsCsv, type RejectRow } from '../../../core/import/report.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useApp, useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { DataTable } from '../../components/DataTable.js';
import { downloadText } from '../../components/download.js';

/** The import report: per file what was read, loaded and rejected, and every reject with its reason. */
export function ImportReportView() {
  const { t, lang } = useT();
  const report = useQuery('import-report', (db) => loadImportReport(db));
  const rejects = useQuery('import-rejects', (db) => loadRejects(db, 20_000));
  const reasonText = (row: RejectRow) => rejectReason(t, row);
  const columns = useMemo<ColumnDef<RejectRow, unknown>[]>(
    () => [
      { header: t('import.file'), accessorKey: 'file' },
      { header: t('import.row'), accessorKey: 'row', meta: { numeric: true } },
      { header: t('import.reason'), accessorKey: 'reason', cell: (c) => <RejectReason row={c.row.original} /> },
      { header: t('import.raw'), accessorKey: 'raw' },
    ],
    [t],
  );
  if (report.error) throw report.error;
  const r = report.data;
  if (!r || r.files.length === 0) return null;
  const period = (from: string | null, to: string | null) => (from && to ? `${formatDate(from, lang)} – ${formatDate(to, lang)}` : '–');
  return (
    <section className="panel import-report" data-testid="import-report">
      <h2>{t('import.report')}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('import.file')}</th>
              <th>{t('import.format')}</th>
              <th>{t('import.sourceRole')}</th>
              <th className="num">{t('import.rowsRead')}</th>
              <th className="num">{t('import.rowsLoaded')}</th>
              <th className="num">{t('import.rowsRejected')}</th>
              <th className="num">{t('import.amount')}</th>
              <th>{t('import.period')}</th>
            </tr>
          </thead>
          <tbody>
            {r.files.map((f) => (
              <tr key={f.fileId} data-testid="import-file-row">
                <td title={f.name}>{f.name}</td>
                <td>{f.format.toUpperCase()}{f.encoding && f.encoding !== 'binary' ? ` · ${f.encoding}` : ''}</td>
                <td>{t(`role.${f.sourceKind === 'contracts' ? 'contracts' : f.sourceKind === 'ecommerce' ? 'ecommerce' : 'invoice'}`)}</td>
                <td className="num">{formatNumber(f.rowsRead, lang)}</td>
                <td className="num">{formatNumber(f.rowsLoaded, lang)}</td>
                <td className="num">{formatNumber(f.rowsRejected, lang)}</td>
                <td className="num">{formatKr(f.amountLoaded, lang)}</td>
                <td>{period(f.periodFrom, f.periodTo)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t('import.totals')}</th>
              <th />
              <th />
              <th className="num">{formatNumber(r.totals.rowsRead, lang)}</th>
              <th className="num" data-testid="rows-loaded" data-value={r.totals.rowsLoaded}>{formatNumber(r.totals.rowsLoaded, lang)}</th>
              <th className="num" data-testid="rows-rejected" data-value={r.totals.rowsRejected}>{formatNumber(r.totals.rowsRejected, lang)}</th>
              <th className="num" data-testid="amount-loaded" data-value={r.totals.amountLoaded}>{formatKr(r.totals.amountLoaded, lang)}</th>
              <th />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted">
        {t('import.invariant')}: {formatNumber(r.totals.rowsRead, lang)} = {formatNumber(r.totals.rowsLoaded, lang)} + {formatNumber(r.totals.rowsRejected, lang)}{' '}
        {r.totals.rowsRead === r.totals.rowsLoaded + r.totals.rowsRejected ? '✓' : '✗'}
      </p>
      {r.totals.cprMasked > 0 && <p className="notice" data-testid="cpr-masked">{r.totals.cprMasked === 1 ? t('import.cprMaskedOne') : t('import.cprMasked', { n: formatNumber(r.totals.cprMasked, lang) })}</p>}
      {r.foreignCurrencyLines > 0 && (
        <p className="notice" data-testid="foreign-currency">{t('import.foreign', { n: formatNumber(r.foreignCurrencyLines, lang), date: formatDate(defaultRates().date, lang) })}</p>
      )}
      {r.linkedEcommerce.lines > 0 && (
        <p className="notice">{t('import.linked', { n: formatNumber(r.linkedEcommerce.lines, lang), amount: formatKr(r.linkedEcommerce.amount, lang) })}</p>
      )}
      {r.possibleOverlap.supplierMonths > 0 && (
        <p className="warning" data-testid="possible-overlap">
          {t('import.overlap', { n: formatNumber(r.possibleOverlap.supplierMonths, lang), amount: formatKr(r.possibleOverlap.amount, lang) })}
        </p>
      )}
      <h3>{t('import.rejectsTitle')}</h3>
      {r.rejectsByReason.length === 0 ? (
        <p className="muted">{t('import.noRejects')}</p>
      ) : (
        <>
          <ul className="reason-list">
            {r.rejectsByReason.map((x) => (
              <li key={x.reason}>{t((GROUPED.has(x.reason) ? `reasonGroup.${x.reason}` : `reason.${x.reason}`) as MessageKey)}: {formatNumber(x.rows, lang)}</li>
            ))}
          </ul>
          <RejectsDownload reasonText={reasonText} />
          <DataTable data={rejects.data ?? []} columns={columns} testId="rejects-table" maxHeight={320} />
        </>
      )}
    </section>
  );
}

type Translate = ReturnType<typeof useT>['t'];

/** Reasons whose full text names a column or field counts; the summary list uses their short form. */
const GROUPED = new Set(['too_few_fields', 'too_many_fields', 'quote_invalid', 'encoding_invalid']);

/** A reject's reason in words, with the column and field counts of a line the CSV reader refused. */
function rejectReason(t: Translate, row: RejectRow): string {
  const d = row.detail;
  return t(`reason.${row.reason}` as MessageKey, { column: d?.column ?? '?', found: d?.found ?? '?', expected: d?.expected ?? '?' });
}

/** The reason, and the engine's own words behind "Detaljer" when there are any. */
function RejectReason({ row }: { row: RejectRow }) {
  const { t } = useT();
  return (
    <span className="reject-reason">
      {rejectReason(t, row)}
      {row.detail?.engine && (
        <details className="inline-details">
          <summary>{t('problem.details')}</summary>
          <code>{row.detail.engine}</code>
        </details>
      )}
    </span>
  );
}

function RejectsDownload({ reasonText }: { reasonText: (row: RejectRow) => string }) {
  const { t } = useT();
  const { db } = useApp();
  const save = async () => {
    if (!db) return;
    const labels = { file: t('import.file'), row: t('import.row'), reason: t('import.reason'), raw: t('import.raw') };
    downloadText(t('import.rejectsFile'), await rejectsCsv(db, reasonText, labels), 'text/csv');
  };
  return (
    <button type="button" className="button" data-testid="download-rejects" onClick={() => void save()}>
      {t('import.downloadRejects')}
    </button>
  );
}

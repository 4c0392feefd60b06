import { useState } from 'react';
import { filtersWhere } from '../../core/analysis/filters-sql.js';
import { hasSpendLines } from '../../core/analysis/views/index.js';
import { formatDate } from '../../core/format/format.js';
import { loadReport } from '../../core/report/report-data.js';
import type { Filters } from '../../core/state/url-state.js';
import type { CategoryTree } from '../../core/taxonomy/category-tree.js';
import { useApp, useT } from '../app/app-context.js';
import { useQuery } from '../app/use-query.js';
import '../components/svg-renderer.js';
import { WorkbookButton } from '../components/WorkbookButton.js';
import { NoDataState } from './EmptyState.js';
import { PageStyle } from './report/PageStyle.js';
import { ReportAppendix } from './report/ReportAppendix.js';
import { ReportPageOne } from './report/ReportPageOne.js';
import { ReportPageTwo } from './report/ReportPageTwo.js';
import './report/report.css';

function describeFilters(f: Filters, tree: CategoryTree, lang: 'da' | 'en', sources: Record<string, string>): string {
  const category = f.category ? (tree.categories.find((c) => c.id === f.category)?.name[lang] ?? f.category) : null;
  const period = f.from || f.to ? `${f.from ? formatDate(f.from, lang) : '…'}–${f.to ? formatDate(f.to, lang) : '…'}` : null;
  return [period, f.unit, category, f.source ? sources[f.source] : null].filter(Boolean).join(' · ');
}

/**
 * Rapport: the executive summary for A4, read in two minutes, printed or saved as PDF with the
 * browser's own print dialog. Follows the global filters and the language.
 */
export function ReportScreen() {
  const { view, tree } = useApp();
  const { t, lang } = useT();
  const [appendix, setAppendix] = useState(false);
  const where = filtersWhere(view.filters, tree);
  const hasData = useQuery('has-data', (db, signal) => hasSpendLines(db, signal));
  const report = useQuery(`report|${where}`, (db) => loadReport(db, { where, filters: view.filters, tree }));
  if (hasData.error) throw hasData.error;
  if (report.error) throw report.error;
  const r = report.data;
  const today = new Date().toISOString().slice(0, 10);
  const filters = describeFilters(view.filters, tree, lang, { invoice: t('source.invoice'), ecommerce: t('source.ecommerce') });
  return (
    <section className="screen report-screen" data-testid="screen-report">
      <div className="report-toolbar no-print">
        <h1>{t('nav.report')}</h1>
        <button type="button" className="button primary" onClick={() => window.print()} disabled={!r} data-testid="report-print">
          {t('report.print')}
        </button>
        <label className="report-appendix-toggle">
          <input type="checkbox" checked={appendix} onChange={(e) => setAppendix(e.target.checked)} data-testid="report-appendix-toggle" />
          {t('report.appendix')}
        </label>
        <WorkbookButton />
        <p className="muted">{t('report.toolbarHint')}</p>
      </div>
      {hasData.data === false ? (
        <NoDataState />
      ) : !r ? (
        <p className="muted" aria-busy="true">…</p>
      ) : (
        <article className="report-paper" data-testid="report-page" data-ready={report.isLoading ? undefined : 'true'} aria-busy={report.isLoading || undefined} lang={lang}>
          <PageStyle footer={t('report.footer', { name: r.municipality ?? '', date: formatDate(today, lang) })} page={(page, pages) => t('report.page', { page, pages })} />
          <ReportPageOne r={r} filters={filters} />
          <ReportPageTwo r={r} />
          {appendix && <ReportAppendix r={r} />}
        </article>
      )}
    </section>
  );
}

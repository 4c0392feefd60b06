import { loadSupplierOverview } from '../analysis/views/index.js';
import type { DbConnector } from '../db/connector.js';
import { formatNumber } from '../format/format.js';
import type { Lang } from '../state/url-state.js';
import { categoryNamer } from '../analysis/views/scope.js';
import { exportLines } from './lines-export.js';
import { loadReport, type ReportData, type ReportOptions } from './report-data.js';
import {
  agreementsSheet, categoriesSheet, col, complianceSheet, involvedSheet, opportunitiesSheet, overviewSheet, planSheet, sheet, suppliersSheet,
} from './workbook-sheets.js';
import { writeWorkbook, XLSX_MAX_ROWS, type Cell, type Sheet } from './xlsx-workbook.js';

/**
 * "Hent analysen som Excel" and the command line's --xlsx: the whole analysis under the filters as
 * one workbook, from the same core code. Sheets: overview, categories, suppliers, opportunities,
 * their suppliers and units, action plan, agreements, compliance, lines (as many as a sheet
 * holds) and notes (assumptions, rates, thresholds, coverage, files).
 */

async function* lineRows(db: DbConnector, where: string, lang: Lang, tree: ReportOptions['tree']): AsyncGenerator<Cell[]> {
  const name = categoryNamer(tree);
  for await (const page of exportLines(db, where)) {
    for (const r of page) {
      const category = r.category_id === null ? null : String(r.category_id);
      yield [
        r.file, r.row, r.date, r.document_id, r.supplier_cvr, r.supplier_name, r.supplier_key, r.unit, r.account, r.description,
        r.amount, r.currency, r.source_kind, category, category === null ? null : name(category)[lang], r.method, r.confidence,
      ] as Cell[];
    }
  }
}

function linesSheet(db: DbConnector, where: string, lang: Lang, tree: ReportOptions['tree']): Sheet {
  const cols = [
    col('Fil', 'File'), col('Række', 'Row', 'int'), col('Dato', 'Date', 'date'), col('Bilag', 'Document'), col('CVR', 'CVR'),
    col('Leverandør', 'Supplier'), col('Leverandørnøgle', 'Supplier key'), col('Enhed', 'Unit'), col('Art', 'Account'), col('Tekst', 'Text'),
    col('Beløb (kr.)', 'Amount (DKK)', 'amount'), col('Valuta', 'Currency'), col('Kilde', 'Source'), col('Kategori-id', 'Category id'),
    col('Kategori', 'Category'), col('Metode', 'Method'), col('Sikkerhed', 'Confidence', 'decimal'),
  ];
  const out = sheet({ da: 'Linjer', en: 'Lines' }, cols, lineRows(db, where, lang, tree), lang);
  // Fixed widths: the rows are read from the database while the sheet is written.
  const widths = [22, 8, 11, 12, 11, 32, 22, 26, 8, 44, 14, 7, 10, 20, 28, 10, 9];
  out.columns.forEach((c, i) => (c.width = widths[i]));
  return out;
}

function notesSheet(r: ReportData, lang: Lang, linesWritten: number, linesTotal: number): Sheet {
  const da = lang === 'da';
  const pct = (v: number) => `${formatNumber(v * 100, lang, 1)} %`;
  const o = r.opportunities;
  const w = o.window;
  const notes: [string, string][] = [];
  const add = (topic: string, text: string) => notes.push([topic, text]);
  add(da ? 'Skøn' : 'Estimates', da
    ? 'Alle besparelser er skøn: en andel af det forbrug, der flytter, efter erfaringstal (SKI, KL), ikke et tilbud. Årsværdien er de seneste 12 måneder af data (udbudsloven § 35).'
    : 'All savings are estimates: a share of the spend that moves, from experience figures (SKI, KL), not a quote. The annual value is the last 12 months of data (Public Procurement Act § 35).');
  if (w) add(da ? 'Periode for årsværdi' : 'Annual value window', `${w.from} – ${w.to} (${formatNumber(w.months, lang, 1)} ${da ? 'måneder' : 'months'}${w.factor !== 1 ? (da ? ', opregnet til 12 måneder' : ', scaled to 12 months') : ''})`);
  add(da ? 'Besparelsessatser' : 'Savings rates', `${pct(o.rates.low)} / ${pct(o.rates.base)} / ${pct(o.rates.high)} ${da ? '(lav/basis/høj) af det forbrug, der flytter' : '(low/base/high) of the spend that moves'}`);
  add(da ? 'Procesbesparelse' : 'Process saving', `${formatNumber(o.rates.perInvoice, lang)} ${da ? 'kr. pr. faktura, der forsvinder (Hjørring via SKI)' : 'DKK per invoice removed (Hjørring via SKI)'}`);
  add(da ? 'Små ordrer' : 'Small orders', `${da ? 'Fakturaer under' : 'Invoices under'} ${formatNumber(o.rules.smallOrderLimit, lang)} ${da ? 'kr.' : 'DKK'}`);
  for (const t of r.method.thresholds) {
    add(da ? `Tærskelværdi (${t.regime})` : `Threshold (${t.regime})`, `${formatNumber(t.dkk, lang)} ${da ? 'kr.' : 'DKK'} (${t.validFrom} – ${t.validTo}${t.estimate ? (da ? ', skøn' : ', estimate') : ''}): ${t.source}`);
  }
  const cov = r.method.coverage;
  add(da ? 'Klassificeret' : 'Classified', `${pct(cov.coveredSpendShare)} ${da ? 'af forbruget' : 'of spend'}, ${pct(cov.coveredLineShare)} ${da ? 'af linjerne' : 'of lines'}`);
  for (const [method, m] of Object.entries(cov.byMethod)) add(`${da ? 'Metode' : 'Method'}: ${method}`, `${formatNumber(m.lines, lang)} ${da ? 'linjer' : 'lines'}, ${pct(m.spendShare)} ${da ? 'af forbruget' : 'of spend'}`);
  for (const f of r.method.imports.files) {
    add(`${da ? 'Fil' : 'File'}: ${f.name}`, `${f.format}, ${formatNumber(f.rowsRead, lang)} ${da ? 'læst' : 'read'}, ${formatNumber(f.rowsLoaded, lang)} ${da ? 'indlæst' : 'loaded'}, ${formatNumber(f.rowsRejected, lang)} ${da ? 'afvist' : 'rejected'}`);
  }
  add(da ? 'Aftaler' : 'Agreements', r.compliance.hasContracts
    ? (da ? 'Andel på aftale = forbrug hos en leverandør med aftale i kategorien på datoen (compliance 1).' : 'On-agreement share = spend with a supplier holding an agreement in the category on the date (compliance 1).')
    : (da ? 'Intet aftaleregister er indlæst.' : 'No contract register is loaded.'));
  if (linesWritten < linesTotal) {
    add(da ? 'Linjer' : 'Lines', da
      ? `Arket Linjer rummer de første ${formatNumber(linesWritten, lang)} af ${formatNumber(linesTotal, lang)} linjer (et Excel-ark har plads til 1.048.575); brug kommandolinjens --lines for alle.`
      : `The Lines sheet holds the first ${formatNumber(linesWritten, lang)} of ${formatNumber(linesTotal, lang)} lines (an Excel sheet holds 1,048,575); use the command line's --lines for all.`);
  }
  return sheet({ da: 'Noter', en: 'Notes' }, [col('Emne', 'Topic'), col('Note', 'Note')], notes, lang);
}

export interface WorkbookOptions extends ReportOptions {
  lang: Lang;
}

/** The whole analysis under the filters; `report` may be passed when it is already loaded. */
export async function analysisWorkbook(db: DbConnector, options: WorkbookOptions, report?: ReportData): Promise<Uint8Array> {
  const r = report ?? (await loadReport(db, options));
  const { lang, where, tree } = options;
  const suppliers = await loadSupplierOverview(db, { where, tree, limit: XLSX_MAX_ROWS });
  const sheets: Sheet[] = [
    overviewSheet(r, lang),
    categoriesSheet(r.category1, r.category2, lang),
    suppliersSheet(suppliers.rows, lang),
    opportunitiesSheet(r, lang),
    involvedSheet(r, lang),
    planSheet(r, lang),
    agreementsSheet(r, lang),
    complianceSheet(r, lang),
    linesSheet(db, where, lang, tree),
    // The lines sheet holds the same counted, filtered lines as the totals, up to a sheet's limit.
    notesSheet(r, lang, Math.min(r.totals.lines, XLSX_MAX_ROWS), r.totals.lines),
  ];
  return (await writeWorkbook(sheets)).bytes;
}

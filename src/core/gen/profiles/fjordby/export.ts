import { formatDanishDate, formatIsoDate, PERIOD_LAST_DAY } from '../../calendar.js';
import { csvField, formatMinorDanish } from '../../format.js';
import type { FinishedRun, InvoiceLayout } from '../../profile.js';
import type { Contract, Document, InvoiceLine } from '../../types.js';
import { FJORDBY_AGREEMENTS, type FjordbyAgreement, NEAR_MAX_TARGET_SHARE } from './agreements.js';
import { FJORDBY_CATEGORIES } from './categories.js';

/**
 * Fjordby's files. The invoice export comes from another finance system than Demo Kommune's:
 * other column names (which the import's header synonyms still know), dates dd.mm.yyyy, the art
 * without its dot ("49" for 4.9), no quantities, prices, currency or order numbers. The agreement
 * register is a spreadsheet of the purchasing unit's: what it covers in words, no category ids.
 */

const CRLF = '\r\n';

export const FJORDBY_INVOICE_HEADER = [
  'Fakturanr', 'Dato', 'Kreditor CVR', 'Kreditornavn', 'Afdeling', 'EAN-lokation', 'Artskonto', 'Posteringstekst', 'Beløb ekskl. moms',
] as const;

export const FJORDBY_INVOICE_LAYOUT: InvoiceLayout = {
  header: FJORDBY_INVOICE_HEADER,
  // The system always writes dd.mm.yyyy, whichever separator the format would ask for.
  prefix: (doc: Document) =>
    [doc.docNo, formatDanishDate(doc.invoiceDay, '.'), csvField(doc.cvrText), csvField(doc.supplierName), csvField(doc.unit.name), doc.unit.gln].join(';'),
  row: (prefix: string, _doc: Document, line: InvoiceLine) =>
    `${prefix};${line.art.replace('.', '')};${csvField(line.text)};${formatMinorDanish(line.amountMinor)}${CRLF}`,
};

export const FJORDBY_REGISTER_HEADER = [
  'Aftalenr', 'Aftale', 'Leverandør', 'CVR', 'Startdato', 'Slutdato', 'Udbudsform', 'Område', 'Anslået værdi (kr.)',
] as const;

export interface RegisterRow {
  contract: Contract;
  spec: FjordbyAgreement;
  registerName: string;
  cvr: string;
  valueKr: number | null;
}

const SPEC_BY_ID = new Map(FJORDBY_AGREEMENTS.map((a) => [a.id, a]));
const ADDRESSABLE_WEIGHT = FJORDBY_CATEGORIES.filter((s) => !s.id.startsWith('nonaddr.')).reduce((sum, s) => sum + s.spend, 0);

/** Two significant digits, as purchasing units write an estimate ("24.000.000"). */
function roundEstimate(kr: number): number {
  if (kr <= 0) return 0;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(kr)) - 1);
  return Math.round(kr / step) * step;
}

const termYears = (c: Contract): number => (c.toDay - c.fromDay + 1) / 365.25;

/** Spend on the contract's supplier (valid CVR as written) in its categories while it was valid. */
export function usedMinor(run: FinishedRun, contracts: readonly Contract[]): number {
  let minor = 0;
  for (const c of contracts) {
    for (const categoryId of c.categoryIds) minor += run.stats.category(categoryId).bySupplier?.get(c.supplier.cvr)?.minor ?? 0;
  }
  return minor;
}

/**
 * The value column. An estimate is the covered categories' expected spend over the term with a
 * margin (so it is far from used up); the planted framework's maximum is set from what the data
 * shows was bought on it, so that 97 % of it is used, at any line count and spend.
 */
function agreementValue(run: FinishedRun, spec: FjordbyAgreement, members: readonly Contract[]): number | null {
  if (!spec.value) return null;
  if (spec.value === 'near-max') {
    const used = usedMinor(run, members) / 100;
    return Math.max(100_000, Math.round(used / NEAR_MAX_TARGET_SHARE / 100_000) * 100_000);
  }
  const annual = members[0]!.categoryIds
    .map((id) => FJORDBY_CATEGORIES.find((s) => s.id === id)!.spend / ADDRESSABLE_WEIGHT)
    .reduce((sum, s) => sum + s, 0) * run.annualSpendKr;
  return roundEstimate(annual * termYears(members[0]!) * 1.25);
}

const withoutLegalForm = (name: string): string => name.replace(/\s+(A\/S|ApS|I\/S|K\/S|P\/S|S\/I|Eftf\.|a\.m\.b\.a\.)$/, '');

export function registerRows(run: FinishedRun): RegisterRow[] {
  const byId = new Map<string, Contract[]>();
  for (const c of run.world.contracts) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  return run.world.contracts.map((contract) => {
    const spec = SPEC_BY_ID.get(contract.id)!;
    return {
      contract,
      spec,
      registerName: spec.shortName ? withoutLegalForm(contract.supplier.name) : contract.supplier.name,
      cvr: spec.noCvr ? '' : contract.supplier.cvr,
      valueKr: agreementValue(run, spec, byId.get(contract.id)!),
    };
  });
}

const wholeKroner = (kr: number): string => formatMinorDanish(kr * 100).replace(/,00$/, '');

export function registerCsvRows(run: FinishedRun): string[] {
  return registerRows(run).map(({ contract: c, spec, registerName, cvr, valueKr }) =>
    [
      c.id,
      csvField(c.name),
      csvField(registerName),
      cvr,
      formatDanishDate(c.fromDay, '.'),
      formatDanishDate(c.toDay, '.'),
      csvField(c.framework),
      csvField(spec.area),
      valueKr === null ? '' : wholeKroner(valueKr),
    ].join(';') + CRLF,
  );
}

/** Whether the row's agreement was put out to competition (SKI, own or joint tender, approval model). */
export const isTendered = (framework: string): boolean => !/^Ikke udbudt|^Direkte/.test(framework);

export const DATA_LAST_DATE = formatIsoDate(PERIOD_LAST_DAY);

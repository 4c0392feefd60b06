import type { GroupMetrics } from '../analysis/fragmentation/index.js';
import { ACTIONS, type Text } from '../analysis/opportunities/index.js';
import type { SupplierOverviewRow } from '../analysis/views/index.js';
import type { Lang } from '../state/url-state.js';
import type { ReportData } from './report-data.js';
import type { Cell, CellFormat, Column, Sheet } from './xlsx-workbook.js';

/**
 * The whole analysis as sheets, in the user's language: overview, categories, suppliers,
 * opportunities with their suppliers and units, action plan, agreements, compliance. The lines
 * sheet and the notes sheet are in analysis-workbook.ts. Amounts are DKK numbers.
 */

export type Labelled = Text & { format?: CellFormat };

export const col = (da: string, en: string, format?: CellFormat): Labelled => ({ da, en, format });

export function columns(list: readonly Labelled[], lang: Lang): Column[] {
  return list.map((c) => ({ header: c[lang], format: c.format }));
}

export function sheet(name: Text, cols: readonly Labelled[], rows: Sheet['rows'], lang: Lang): Sheet {
  return { name: name[lang], columns: columns(cols, lang), rows };
}

const KIND: Record<string, Text> = {
  tender: { da: 'Udbud', en: 'Tender' },
  agreement: { da: 'Brug aftalen', en: 'Use the agreement' },
  consolidate: { da: 'Saml indkøbet', en: 'Consolidate' },
  'small-orders': { da: 'Små ordrer / e-handel', en: 'Small orders / e-commerce' },
  'price-variance': { da: 'Prisforskelle', en: 'Price variance' },
};

export function overviewSheet(r: ReportData, lang: Lang): Sheet {
  const t = r.totals;
  const s = r.opportunities.totals;
  const kv = (label: Text, value: Cell, format: CellFormat = 'text'): Cell[] => [label[lang], { value: value as never, format }];
  const f = r.filters;
  const filters = [f.from && `≥ ${f.from}`, f.to && `≤ ${f.to}`, f.unit, f.category, f.source].filter(Boolean).join(' · ');
  const rows: Cell[][] = [
    kv({ da: 'Kommune', en: 'Municipality' }, r.municipality),
    kv({ da: 'Første dato', en: 'First date' }, t.firstDate, 'date'),
    kv({ da: 'Sidste dato', en: 'Last date' }, t.lastDate, 'date'),
    kv({ da: 'Filtre', en: 'Filters' }, filters || (lang === 'da' ? 'ingen' : 'none')),
    kv({ da: 'Samlet forbrug (kr.)', en: 'Total spend (DKK)' }, t.spend, 'amount'),
    kv({ da: 'Påvirkeligt forbrug (kr.)', en: 'Addressable spend (DKK)' }, t.addressableSpend, 'amount'),
    kv({ da: 'Klassificeret forbrug (kr.)', en: 'Classified spend (DKK)' }, t.classifiedSpend, 'amount'),
    kv({ da: 'Klassificeret andel', en: 'Classified share' }, r.classifiedShare, 'percent'),
    kv({ da: 'Andel købt på aftale (af påvirkeligt)', en: 'Share bought on agreement (of addressable)' }, r.compliance.onAgreementShare, 'percent'),
    kv({ da: 'Compliance i kategorier med aftale', en: 'Compliance in categories with an agreement' }, r.compliance.compliance, 'percent'),
    kv({ da: 'Forbrug uden om aftale (kr.)', en: 'Off-agreement spend (DKK)' }, r.compliance.hasContracts ? r.compliance.offAgreementSpend : null, 'amount'),
    kv({ da: 'Leverandører', en: 'Suppliers' }, t.suppliers, 'int'),
    kv({ da: 'Enheder', en: 'Units' }, t.units, 'int'),
    kv({ da: 'Bilag', en: 'Documents' }, t.documents, 'int'),
    kv({ da: 'Linjer', en: 'Lines' }, t.lines, 'int'),
    kv({ da: 'Muligheder', en: 'Opportunities' }, r.opportunities.opportunities.length, 'int'),
    kv({ da: 'Skønnet besparelse pr. år, lav (kr.)', en: 'Estimated savings a year, low (DKK)' }, s.savingsLow, 'amount'),
    kv({ da: 'Skønnet besparelse pr. år, basis (kr.)', en: 'Estimated savings a year, base (DKK)' }, s.savingsBase, 'amount'),
    kv({ da: 'Skønnet besparelse pr. år, høj (kr.)', en: 'Estimated savings a year, high (DKK)' }, s.savingsHigh, 'amount'),
  ];
  return sheet({ da: 'Overblik', en: 'Overview' }, [col('Nøgletal', 'Figure'), col('Værdi', 'Value')], rows, lang);
}

export function categoriesSheet(level1: GroupMetrics[], level2: GroupMetrics[], lang: Lang): Sheet {
  const cols = [
    col('Kategori-id', 'Category id'), col('Overkategori', 'Parent'), col('Kategori', 'Category'), col('Niveau', 'Level', 'int'),
    col('Forbrug (kr.)', 'Spend (DKK)', 'amount'), col('Påvirkeligt (kr.)', 'Addressable (DKK)', 'amount'), col('Linjer', 'Lines', 'int'),
    col('Leverandører', 'Suppliers', 'int'), col('Leverandører for 80 %', 'Suppliers for 80 %', 'int'), col('HHI', 'HHI', 'decimal'),
    col('Største leverandørs andel', 'Top supplier share', 'percent'), col('Største leverandør', 'Top supplier'), col('Enheder', 'Units', 'int'),
    col('Bilag', 'Documents', 'int'), col('Median pr. bilag (kr.)', 'Median per document (DKK)', 'amount'), col('Små ordrer', 'Small orders', 'int'),
    col('Andel små ordrer', 'Small-order share', 'percent'), col('E-handelsandel', 'E-commerce share', 'percent'),
    col('Andel på aftale', 'On-agreement share', 'percent'), col('Uden om aftale (kr.)', 'Off-agreement (DKK)', 'amount'),
  ];
  const unclassified = { da: 'Ikke klassificeret', en: 'Unclassified' };
  const rows = [...level1, ...level2.filter((m) => m.id !== null)].map((m): Cell[] => [
    m.id, m.parentId, m.id === null ? unclassified[lang] : m.name[lang], m.level, m.spend, m.addressableSpend, m.lines, m.suppliers,
    m.suppliers80, m.hhi, m.topSupplierShare, m.topSupplier ? (m.topSupplier.name ?? m.topSupplier.key) : null, m.units, m.documents,
    m.medianDocument, m.smallOrders, m.smallOrderShare, m.ecommerceShare, m.onContractShare, m.offAgreementSpend,
  ]);
  return sheet({ da: 'Kategorier', en: 'Categories' }, cols, rows, lang);
}

export function suppliersSheet(list: SupplierOverviewRow[], lang: Lang): Sheet {
  const cols = [
    col('Nøgle', 'Key'), col('Navn', 'Name'), col('CVR', 'CVR'), col('CVR-status', 'CVR status'), col('Navnevarianter', 'Name variants', 'int'),
    col('Forbrug (kr.)', 'Spend (DKK)', 'amount'), col('Linjer', 'Lines', 'int'), col('Enheder', 'Units', 'int'),
    col('Kategorier', 'Categories', 'int'), col('Største kategori', 'Largest category'),
  ];
  const rows = list.map((s): Cell[] => [
    s.key, s.name, s.cvr, s.cvrStatus, s.variants, s.spend, s.lines, s.units, s.categories, s.topCategoryId === null ? null : s.topCategoryName[lang],
  ]);
  return sheet({ da: 'Leverandører', en: 'Suppliers' }, cols, rows, lang);
}

export function opportunitiesSheet(r: ReportData, lang: Lang): Sheet {
  const cols = [
    col('Rang', 'Rank', 'int'), col('Type', 'Kind'), col('Handling', 'Action'), col('Kategori-id', 'Category id'), col('Kategori', 'Category'),
    col('Årligt forbrug omfattet (kr.)', 'Annual spend covered (DKK)', 'amount'), col('Kategoriens årsværdi (kr.)', 'Category annual value (DKK)', 'amount'),
    col('Tærskelværdi (kr.)', 'Threshold (DKK)', 'amount'), col('Forbrug der flytter (kr.)', 'Spend moving (DKK)', 'amount'),
    col('Besparelse lav (kr.)', 'Savings low (DKK)', 'amount'), col('Besparelse basis (kr.)', 'Savings base (DKK)', 'amount'),
    col('Besparelse høj (kr.)', 'Savings high (DKK)', 'amount'), col('Leverandører', 'Suppliers', 'int'), col('Enheder', 'Units', 'int'),
    col('Begrundelse', 'Rationale'), col('Antagelser', 'Assumptions'),
  ];
  const rows = r.opportunities.opportunities.map((o): Cell[] => [
    o.rank, KIND[o.kind]?.[lang] ?? o.kind, ACTIONS[o.kind][lang], o.categoryId, o.categoryName[lang], o.annualSpend, o.categoryAnnualSpend,
    Number.isFinite(o.threshold) ? o.threshold : null, o.spendMoving, o.savingsLow, o.savingsBase, o.savingsHigh, o.details.supplierCount,
    o.details.unitCount, o.rationale[lang], o.assumptions.map((a) => a[lang]).join('\n'),
  ]);
  return sheet({ da: 'Muligheder', en: 'Opportunities' }, cols, rows, lang);
}

/** One row per supplier and per unit of each opportunity (who is involved). */
export function involvedSheet(r: ReportData, lang: Lang): Sheet {
  const cols = [
    col('Rang', 'Rank', 'int'), col('Type', 'Kind'), col('Kategori', 'Category'), col('Hvem', 'Who'), col('Navn', 'Name'),
    col('Leverandørnøgle', 'Supplier key'), col('Årligt forbrug (kr.)', 'Annual spend (DKK)', 'amount'),
  ];
  const supplier = lang === 'da' ? 'Leverandør' : 'Supplier';
  const unit = lang === 'da' ? 'Enhed' : 'Unit';
  const rows = r.opportunities.opportunities.flatMap((o): Cell[][] => [
    ...o.suppliers.map((s): Cell[] => [o.rank, KIND[o.kind]?.[lang] ?? o.kind, o.categoryName[lang], supplier, s.name ?? s.key, s.key, s.spend]),
    ...o.units.map((u): Cell[] => [o.rank, KIND[o.kind]?.[lang] ?? o.kind, o.categoryName[lang], unit, u.name ?? '–', null, u.spend]),
  ]);
  return sheet({ da: 'Leverandører og enheder', en: 'Suppliers and units' }, cols, rows, lang);
}

export function planSheet(r: ReportData, lang: Lang): Sheet {
  const cols = [
    col('Bølge', 'Wave', 'int'), col('Bølgens titel', 'Wave title'), col('Tidsplan (skøn)', 'Timing (estimate)'), col('Rang', 'Rank', 'int'),
    col('Type', 'Kind'), col('Kategori', 'Category'), col('Årligt forbrug (kr.)', 'Annual spend (DKK)', 'amount'),
    col('Besparelse lav (kr.)', 'Savings low (DKK)', 'amount'), col('Besparelse basis (kr.)', 'Savings base (DKK)', 'amount'),
    col('Besparelse høj (kr.)', 'Savings high (DKK)', 'amount'), col('Note', 'Note'),
  ];
  const rows = r.plan.waves.flatMap((w) =>
    w.opportunities.map((o): Cell[] => [
      w.wave, w.title[lang], w.timing[lang], o.rank, KIND[o.kind]?.[lang] ?? o.kind, o.categoryName[lang], o.annualSpend, o.savingsLow,
      o.savingsBase, o.savingsHigh, w.notes.filter((n) => n.opportunityId === o.id).map((n) => n.text[lang]).join('\n') || null,
    ]),
  );
  return sheet({ da: 'Indsatsplan', en: 'Action plan' }, cols, rows, lang);
}

export function agreementsSheet(r: ReportData, lang: Lang): Sheet {
  const cols = [
    col('Aftale-id', 'Agreement id'), col('Aftalenavn', 'Agreement name'), col('Leverandør', 'Supplier'), col('CVR', 'CVR'),
    col('Kategori', 'Category'), col('Gyldig fra', 'Valid from', 'date'), col('Gyldig til', 'Valid to', 'date'), col('Rammeaftale', 'Framework'),
  ];
  const rows = r.compliance.agreements.map((a): Cell[] => [a.id, a.name, a.supplierName, a.supplierCvr, a.categoryId, a.validFrom, a.validTo, a.framework]);
  return sheet({ da: 'Aftaler', en: 'Agreements' }, cols, rows, lang);
}

export function complianceSheet(r: ReportData, lang: Lang): Sheet {
  const cols = [
    col('Kategori-id', 'Category id'), col('Kategori', 'Category'), col('Påvirkeligt forbrug (kr.)', 'Addressable spend (DKK)', 'amount'),
    col('På aftale (kr.)', 'On agreement (DKK)', 'amount'), col('Uden om aftale (kr.)', 'Off agreement (DKK)', 'amount'),
    col('Uden aftale (kr.)', 'No agreement (DKK)', 'amount'), col('Compliance', 'Compliance', 'percent'), col('Aftaler', 'Agreements'),
  ];
  const rows = r.compliance.categories.map((c): Cell[] => [
    c.categoryId, c.name[lang], c.spend, c.onAgreement, c.offAgreement, c.noAgreement, c.compliance, c.agreements.join(', '),
  ]);
  return sheet({ da: 'Compliance', en: 'Compliance' }, cols, rows, lang);
}

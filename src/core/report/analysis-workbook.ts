import type { ContractAnalysis } from '../analysis/opportunities/index.js';
import type { DbConnector } from '../db/connector.js';
import { loadSupplierList } from '../suppliers/index.js';
import { writeWorkbook, type Sheet } from './xlsx-workbook.js';

/** The category overview, suppliers and opportunities as sheets (Danish headers: it goes to the municipality). */
export async function analysisWorkbook(db: DbConnector, analysis: ContractAnalysis): Promise<Uint8Array> {
  const suppliers = await loadSupplierList(db, { limit: 100_000 });
  const sheets: Sheet[] = [
    {
      name: 'Kategorier',
      header: ['Kategori-id', 'Overkategori', 'Kategori', 'Niveau', 'Forbrug (kr.)', 'Leverandører', 'Enheder', 'HHI'],
      rows: analysis.categories.map((c) => [c.id, c.parentId, c.name, c.level, c.spend, c.suppliers, c.units, c.hhi]),
      amountColumns: [4],
    },
    {
      name: 'Leverandører',
      header: ['Nøgle', 'Navn', 'CVR', 'CVR-status', 'Navnevarianter', 'Forbrug (kr.)', 'Linjer'],
      rows: suppliers.map((s) => [s.key, s.displayName, s.cvr, s.cvrStatus, s.variants.length, s.spend, s.lines]),
      amountColumns: [5],
    },
    {
      name: 'Muligheder',
      header: ['Rang', 'Type', 'Kategori-id', 'Kategori', 'Årligt forbrug (kr.)', 'Tærskelværdi (kr.)', 'Besparelse lav', 'Besparelse basis', 'Besparelse høj', 'Leverandører', 'Enheder', 'Begrundelse'],
      rows: analysis.result.opportunities.map((o) => [
        o.rank, o.kind, o.categoryId, o.categoryName.da, o.annualSpend, o.threshold, o.savingsLow, o.savingsBase, o.savingsHigh,
        o.suppliers.map((s) => s.name ?? s.key).join(', '), o.units.map((u) => u.name ?? '–').join(', '), o.rationale.da,
      ]),
      amountColumns: [4, 5, 6, 7, 8],
    },
  ];
  return writeWorkbook(sheets);
}

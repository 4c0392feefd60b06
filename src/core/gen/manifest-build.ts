import { CATEGORY_SPECS } from './categories.js';
import { minorToNumber } from './format.js';
import { CPR_PATTERN } from './ids.js';
import type { Manifest, ManifestFile, SupplierSpend } from './manifest.js';
import {
  EU_THRESHOLD_KR, EUR_RATE_DKK, FRAGMENTED_CATEGORY, MAVERICK_AGREEMENT, MAVERICK_CATEGORY, PRICE_VARIANCE_ITEMS,
  SMALL_ORDER_CATEGORIES, SMALL_ORDER_LIMIT_KR, SPLIT_CATEGORY, WELL_BOUGHT,
} from './planted.js';
import type { CategoryAcc, Stats } from './stats.js';
import type { World } from './world.js';

export const GENERATOR_VERSION = 1;

export interface ManifestInput {
  world: World;
  stats: Stats;
  lines: number;
  annualSpendKr: number;
  formats: readonly string[];
  files: ManifestFile[];
  truth: Manifest['truth'];
}

const kr = minorToNumber;
const byYear = (pair: readonly [number, number]): Record<string, number> => ({ '2024': kr(pair[0]), '2025': kr(pair[1]) });

function supplierSpend(world: World, acc: CategoryAcc, exclude?: string): SupplierSpend[] {
  return [...(acc.bySupplier ?? new Map())]
    .filter(([cvr]) => cvr !== exclude)
    .map(([cvr, s]) => ({ cvr, name: world.supplierByCvr.get(cvr)?.name ?? '', spendDkk: kr(s.minor), lines: s.lines }))
    .sort((a, b) => b.spendDkk - a.spendDkk || a.cvr.localeCompare(b.cvr));
}

export function buildManifest(input: ManifestInput): Manifest {
  const { world, stats } = input;
  const cat = (id: string) => stats.category(id);
  const contractFor = (categoryId: string) => world.contracts.find((c) => c.categoryId === categoryId);

  const office = cat(FRAGMENTED_CATEGORY);
  const officeAgreement = contractFor(FRAGMENTED_CATEGORY)!;
  const officeAgreementMinor = office.bySupplier?.get(officeAgreement.supplier.cvr)?.minor ?? 0;
  const cleaning = cat(SPLIT_CATEGORY);
  const hardware = cat(MAVERICK_CATEGORY);
  const hwAgreement = world.contracts.find((c) => c.id === MAVERICK_AGREEMENT)!;
  const hwOn = hardware.bySupplier?.get(hwAgreement.supplier.cvr)?.minor ?? 0;
  const hwOff = hardware.minor - hwOn - hardware.noCvrMinor;
  const unitNames = (acc: CategoryAcc) => [...acc.units].sort((a, b) => a - b).map((i) => world.units[i]!.name);

  return {
    generator: { name: 'overblik-gen', version: GENERATOR_VERSION },
    municipality: { name: 'Demo Kommune', cvr: world.municipality.cvr, inhabitants: 60_000 },
    seed: world.seed,
    options: { lines: input.lines, annualSpendKr: input.annualSpendKr, formats: [...input.formats], from: '2024-01-01', to: '2025-12-31' },
    files: input.files,
    truth: input.truth,
    totals: {
      invoiceLines: stats.lines,
      documents: stats.documents,
      creditNotes: stats.creditNotes,
      creditNoteLines: stats.creditNoteLines,
      spendDkk: kr(stats.minor),
      addressableSpendDkk: kr(stats.addressableMinor),
      spendByYear: byYear(stats.byYear),
      suppliers: stats.supplierIndexes.size,
      suppliersWithValidCvr: stats.validCvrs.size,
      units: stats.unitIndexes.size,
      categoriesPresent: [...stats.categories.values()].filter((c) => c.lines > 0).length,
    },
    categories: CATEGORY_SPECS.map((spec) => {
      const acc = cat(spec.id);
      return { id: spec.id, lines: acc.lines, documents: acc.documents, spendDkk: kr(acc.minor), suppliers: acc.cvrs.size, units: acc.units.size };
    }),
    units: world.units.map((u) => ({ name: u.name, ean: u.gln, costCentre: u.costCentre, function: u.fn })),
    cvrMess: {
      linesMissingCvr: stats.missingCvr,
      linesDkPrefix: stats.dkPrefix,
      linesInvalidCvr: stats.invalidCvr,
      linesSpacedCvr: stats.spacedCvr,
      invalidCvrExamples: [...stats.invalidExamples],
    },
    nameVariants: [...stats.names]
      .filter(([, names]) => names.size > 1)
      .map(([cvr, names]) => ({ cvr, canonical: world.supplierByCvr.get(cvr)?.name ?? '', names: [...names].sort() }))
      .sort((a, b) => a.cvr.localeCompare(b.cvr)),
    textMess: { emptyTexts: stats.emptyTexts, textsWithSemicolon: stats.semicolons, textsWithQuote: stats.quotes, textsWithLineBreak: stats.lineBreaks },
    cpr: { lines: stats.cprLines, occurrences: stats.cprOccurrences, pattern: CPR_PATTERN.source },
    currency: { eurLines: stats.eurLines, eurDocuments: stats.eurDocuments, eurAmount: kr(stats.eurMinor), eurRateDkk: EUR_RATE_DKK },
    ecommerce: {
      orders: stats.orders,
      lines: stats.orderLines,
      linesInvoiced: stats.orderLinesInvoiced,
      linesNotInvoiced: stats.orderLines - stats.orderLinesInvoiced,
      spendDkk: kr(stats.orderMinor),
    },
    contracts: { rows: world.contracts.length, agreements: new Set(world.contracts.map((c) => c.id)).size },
    planted: {
      officeFragmentation: {
        categoryId: FRAGMENTED_CATEGORY,
        spendDkk: kr(office.minor),
        lines: office.lines,
        suppliers: office.cvrs.size,
        supplierCvrs: [...office.cvrs].sort(),
        units: office.units.size,
        unitNames: unitNames(office),
        agreement: {
          id: officeAgreement.id,
          supplierCvr: officeAgreement.supplier.cvr,
          spendDkk: kr(officeAgreementMinor),
          share: office.minor ? Math.round((officeAgreementMinor / office.minor) * 1e4) / 1e4 : 0,
        },
      },
      cleaningAboveThreshold: {
        categoryId: SPLIT_CATEGORY,
        thresholdDkk: EU_THRESHOLD_KR,
        spendByYear: byYear(cleaning.byYear),
        suppliers: supplierSpend(world, cleaning).map((s) => ({ ...s, spendByYear: byYear(cleaning.bySupplier!.get(s.cvr)!.byYear) })),
        supplierCount: cleaning.cvrs.size,
        units: cleaning.units.size,
        agreements: world.contracts.filter((c) => c.categoryId === SPLIT_CATEGORY).map((c) => c.id),
        spendWithoutValidCvr: kr(cleaning.noCvrMinor),
      },
      itHardwareMaverick: {
        categoryId: MAVERICK_CATEGORY,
        agreementId: hwAgreement.id,
        agreementSupplierCvr: hwAgreement.supplier.cvr,
        agreementSupplierName: hwAgreement.supplier.name,
        onAgreementSpendDkk: kr(hwOn),
        offAgreementSpendDkk: kr(hwOff),
        spendWithoutValidCvr: kr(hardware.noCvrMinor),
        offAgreementShare: hwOn + hwOff ? Math.round((hwOff / (hwOn + hwOff)) * 1e4) / 1e4 : 0,
        mavericks: supplierSpend(world, hardware, hwAgreement.supplier.cvr),
      },
      smallOrders: {
        thresholdDkk: SMALL_ORDER_LIMIT_KR,
        definition: 'invoices (not credit notes, in DKK) of one category whose lines sum to more than 0 and less than the threshold',
        categories: SMALL_ORDER_CATEGORIES.map((id) => {
          const acc = cat(id);
          return {
            categoryId: id,
            documents: acc.smallDocuments,
            spendDkk: kr(acc.smallMinor),
            invoiceDocuments: acc.invoiceDocuments,
            share: acc.invoiceDocuments ? Math.round((acc.smallDocuments / acc.invoiceDocuments) * 1e4) / 1e4 : 0,
          };
        }),
      },
      priceVariance: PRICE_VARIANCE_ITEMS.flatMap((spec) => {
        const acc = stats.plantedItems.get(spec.key);
        if (!acc) return [];
        const prices = [...acc.prices];
        return [{
          key: spec.key,
          itemNo: acc.itemNo,
          itemName: acc.itemName,
          unspsc: acc.unspsc,
          supplierCvr: acc.supplierCvr,
          supplierName: world.supplierByCvr.get(acc.supplierCvr)?.name ?? '',
          ecommerceLines: acc.lines,
          units: acc.units.size,
          distinctUnitPrices: prices.length,
          minUnitPriceDkk: kr(Math.min(...prices)),
          maxUnitPriceDkk: kr(Math.max(...prices)),
        }];
      }),
      wellBought: WELL_BOUGHT.map((id) => {
        const acc = cat(id);
        const contract = contractFor(id)!;
        return {
          categoryId: id,
          supplierCvr: contract.supplier.cvr,
          supplierName: contract.supplier.name,
          agreementId: contract.id,
          framework: contract.framework,
          spendDkk: kr(acc.minor),
          lines: acc.lines,
          suppliers: acc.cvrs.size,
        };
      }),
    },
  };
}

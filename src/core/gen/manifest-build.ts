import { minorToNumber } from './format.js';
import { CPR_PATTERN } from './ids.js';
import type { ManifestCommon, ManifestFile, SupplierSpend } from './manifest.js';
import { EUR_RATE_DKK } from './planted.js';
import type { FinishedRun } from './profile.js';
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
  truth: ManifestCommon['truth'];
}

export const kr = minorToNumber;
export const byYear = (pair: readonly [number, number]): Record<string, number> => ({ '2024': kr(pair[0]), '2025': kr(pair[1]) });

/** A category's spend per valid CVR as written, largest first, optionally without one CVR. */
export function supplierSpend(world: World, acc: CategoryAcc, exclude?: string): SupplierSpend[] {
  return [...(acc.bySupplier ?? new Map())]
    .filter(([cvr]) => cvr !== exclude)
    .map(([cvr, s]) => ({ cvr, name: world.supplierByCvr.get(cvr)?.name ?? '', spendDkk: kr(s.minor), lines: s.lines }))
    .sort((a, b) => b.spendDkk - a.spendDkk || a.cvr.localeCompare(b.cvr));
}

/** A share rounded to four decimals, 0 when there is nothing to share. */
export const share = (part: number, whole: number): number => (whole ? Math.round((part / whole) * 1e4) / 1e4 : 0);

/** The part of the manifest every profile has, in the order Demo Kommune's manifest has always had it. */
function buildCommon(input: ManifestInput): ManifestCommon {
  const { world, stats } = input;
  const cat = (id: string) => stats.category(id);
  return {
    generator: { name: 'overblik-gen', version: GENERATOR_VERSION },
    municipality: { name: world.profile.municipality.name, cvr: world.municipality.cvr, inhabitants: world.profile.municipality.inhabitants },
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
    categories: world.profile.categories.map((spec) => {
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
  };
}

/** The manifest: the common part, then what the profile plants and reports. */
export function buildManifest(input: ManifestInput): unknown {
  const run: FinishedRun = { world: input.world, stats: input.stats, annualSpendKr: input.annualSpendKr };
  return input.world.profile.manifest(buildCommon(input), run);
}

import { daysFromCivil, formatIsoDate, PERIOD_FIRST_DAY, PERIOD_LAST_DAY } from '../../calendar.js';
import type { ManifestCommon } from '../../manifest.js';
import { byYear, kr, share, supplierSpend } from '../../manifest-build.js';
import type { FinishedRun } from '../../profile.js';
import type { Random } from '../../prng.js';
import type { CategoryAcc } from '../../stats.js';
import type { Contract } from '../../types.js';
import { type ForcedDoc, type World, workday } from '../../world.js';
import {
  CRAFTS_CATEGORY, ENDING_AGREEMENT, EU_SERVICES_THRESHOLD_KR, MAVERICK_AGREEMENT, MAVERICK_CATEGORY, NEAR_MAX_AGREEMENT,
  REPAIR_CATEGORY, TILBUDSLOV_LICITATION_KR, WELL_BOUGHT,
} from './agreements.js';
import { DATA_LAST_DATE, isTendered, registerRows, usedMinor } from './export.js';
import type { FjordbyManifest, SplitFigures } from './manifest-types.js';
import { fjordbyVocabulary } from './vocab.js';

/** Categories whose lines may carry a CPR number (the import must mask them). */
export const FJORDBY_CPR_CATEGORIES = ['social.residential', 'social.special_ed', 'social.treatment', 'social.support'] as const;

/** Documents the planted findings need: every category present, every planted supplier in both years. */
export function fjordbyForcedDocs(rng: Random, world: Omit<World, 'forced'>): ForcedDoc[] {
  const out: ForcedDoc[] = [];
  const endOf2024 = daysFromCivil(2024, 12, 31);
  for (const id of world.categories.keys()) out.push({ day: workday(rng), categoryId: id });
  for (const categoryId of [CRAFTS_CATEGORY, REPAIR_CATEGORY]) {
    for (const supplier of world.categories.get(categoryId)!.suppliers.all) {
      out.push({ day: workday(rng, PERIOD_FIRST_DAY, endOf2024), categoryId, supplier });
      out.push({ day: workday(rng, endOf2024 + 1), categoryId, supplier });
    }
  }
  for (const supplier of world.categories.get(MAVERICK_CATEGORY)!.suppliers.ranked) {
    for (let k = 0; k < 2; k++) out.push({ day: workday(rng), categoryId: MAVERICK_CATEGORY, supplier });
  }
  for (const id of FJORDBY_CPR_CATEGORIES.slice(0, 3)) out.push({ day: workday(rng), categoryId: id, cpr: true });
  return out;
}

function splitFigures(run: FinishedRun, categoryId: string, thresholdDkk: number, thresholdSource: string): SplitFigures {
  const { world, stats } = run;
  const acc = stats.category(categoryId);
  const suppliers = supplierSpend(world, acc).map((s) => ({ ...s, spendByYear: byYear(acc.bySupplier!.get(s.cvr)!.byYear) }));
  return {
    categoryIds: [categoryId],
    kind: 'tender',
    thresholdDkk,
    thresholdSource,
    spendDkk: kr(acc.minor),
    spendByYear: byYear(acc.byYear),
    suppliers,
    supplierCount: acc.cvrs.size,
    largestSupplierShare: share(acc.bySupplier!.get(suppliers[0]?.cvr ?? '')?.minor ?? 0, acc.minor),
    units: acc.units.size,
    agreements: world.contracts.filter((c) => c.categoryIds.includes(categoryId)).map((c) => c.id),
    spendWithoutValidCvr: kr(acc.noCvrMinor),
  };
}

/** Spend of the category bought from suppliers on one of its agreements valid for the whole period. */
function onAgreement(world: World, acc: CategoryAcc, categoryId: string): { minor: number; contracts: Contract[] } {
  const contracts = world.contracts.filter(
    (c) => c.categoryIds.includes(categoryId) && c.fromDay <= PERIOD_FIRST_DAY && c.toDay >= PERIOD_LAST_DAY && isTendered(c.framework),
  );
  const cvrs = new Set(contracts.map((c) => c.supplier.cvr));
  let minor = 0;
  for (const cvr of cvrs) minor += acc.bySupplier?.get(cvr)?.minor ?? 0;
  return { minor, contracts };
}

export function fjordbyManifest(common: ManifestCommon, run: FinishedRun): FjordbyManifest {
  const { world, stats } = run;
  const iso = formatIsoDate;
  const agreement = (id: string) => world.contracts.filter((c) => c.id === id);

  const hardware = stats.category(MAVERICK_CATEGORY);
  const hw = agreement(MAVERICK_AGREEMENT)[0]!;
  const hwOn = hardware.bySupplier?.get(hw.supplier.cvr)?.minor ?? 0;
  const hwOff = hardware.minor - hwOn - hardware.noCvrMinor;

  const nearMax = agreement(NEAR_MAX_AGREEMENT);
  const register = registerRows(run);
  const nearMaxValue = register.find((r) => r.contract.id === NEAR_MAX_AGREEMENT)!.valueKr!;
  const nearMaxUsed = usedMinor(run, nearMax);

  const ending = agreement(ENDING_AGREEMENT)[0]!;
  const endingAcc = stats.category(ending.categoryId);
  const endingOn = endingAcc.bySupplier?.get(ending.supplier.cvr)?.minor ?? 0;
  const endTo = new Date(`${iso(ending.toDay)}T00:00:00Z`);
  const monthsAfterData = (endTo.getUTCFullYear() - 2025) * 12 + endTo.getUTCMonth() + 1 - 12;

  const genericExamples = [...new Set([...fjordbyVocabulary().values()].flat().filter((v) => v.generic).map((v) => v.template.source))].sort();

  return {
    profile: 'fjordby',
    ...common,
    planted: {
      expected: [
        { key: 'itHardwareOffAgreement', categoryIds: [MAVERICK_CATEGORY], kind: 'agreement', why: 'a valid agreement, and about half the spend bought from seven other suppliers: use the agreement' },
        { key: 'craftsWithoutAgreement', categoryIds: [CRAFTS_CATEGORY], kind: 'tender', why: 'works (crafts) for about 5 mio. kr. a year over twelve craftsmen with no agreement: tilbudsloven requires a licitation over 3 mio. kr.; tender a crafts framework' },
        { key: 'vehicleRepairSplit', categoryIds: [REPAIR_CATEGORY], kind: 'tender', why: 'a service above the EU threshold every year, split over eight workshops, no agreement' },
        { key: 'frameworkNearMaximum', categoryIds: ['staffing.health'], kind: 'tender', warning: 'framework-near-maximum', why: 'the temporary-staff framework has used about 97 % of its maximum after two of four years; once used up it no longer covers the duty to tender (C-216/17)' },
        { key: 'agreementEndingSoon', categoryIds: [ending.categoryId], kind: 'tender', warning: 'agreement-ends-within-horizon', why: `the agreement ends ${iso(ending.toDay)}, within 12 months of the data's last date: plan the re-tender` },
      ],
      wellBought: [...WELL_BOUGHT],
      wellBoughtFigures: WELL_BOUGHT.map((categoryId) => {
        const acc = stats.category(categoryId);
        const on = onAgreement(world, acc, categoryId);
        return {
          categoryId,
          agreementIds: [...new Set(on.contracts.map((c) => c.id))],
          supplierCvrs: [...new Set(on.contracts.map((c) => c.supplier.cvr))].sort(),
          spendDkk: kr(acc.minor),
          onAgreementSpendDkk: kr(on.minor),
          onAgreementShare: share(on.minor, acc.minor),
          suppliers: acc.cvrs.size,
          spendWithoutValidCvr: kr(acc.noCvrMinor),
        };
      }),
      itHardwareOffAgreement: {
        categoryIds: [MAVERICK_CATEGORY],
        kind: 'agreement',
        agreementId: hw.id,
        agreementSupplierCvr: hw.supplier.cvr,
        agreementSupplierName: hw.supplier.name,
        spendDkk: kr(hardware.minor),
        onAgreementSpendDkk: kr(hwOn),
        offAgreementSpendDkk: kr(hwOff),
        spendWithoutValidCvr: kr(hardware.noCvrMinor),
        offAgreementShare: share(hwOff, hwOn + hwOff),
        mavericks: supplierSpend(world, hardware, hw.supplier.cvr),
      },
      craftsWithoutAgreement: splitFigures(run, CRAFTS_CATEGORY, TILBUDSLOV_LICITATION_KR, 'tilbudsloven: licitation over 3 mio. kr. (udbudsportalen.dk, kfst.dk)'),
      vehicleRepairSplit: splitFigures(run, REPAIR_CATEGORY, EU_SERVICES_THRESHOLD_KR, 'udbudsloven, EU threshold for municipal supplies and services 2024–25 (KFST)'),
      frameworkNearMaximum: {
        categoryIds: [...nearMax[0]!.categoryIds],
        kind: 'tender',
        agreementId: NEAR_MAX_AGREEMENT,
        name: nearMax[0]!.name,
        validFrom: iso(nearMax[0]!.fromDay),
        validTo: iso(nearMax[0]!.toDay),
        maxValueDkk: nearMaxValue,
        usedDkk: kr(nearMaxUsed),
        usedShare: share(nearMaxUsed / 100, nearMaxValue),
        supplierCvrs: nearMax.map((c) => c.supplier.cvr).sort(),
      },
      agreementEndingSoon: {
        categoryIds: [...ending.categoryIds],
        kind: 'tender',
        agreementId: ending.id,
        name: ending.name,
        validTo: iso(ending.toDay),
        dataLastDate: DATA_LAST_DATE,
        monthsAfterData,
        spendDkk: kr(endingAcc.minor),
        onAgreementSpendDkk: kr(endingOn),
        onAgreementShare: share(endingOn, endingAcc.minor),
        supplierCvr: ending.supplier.cvr,
      },
      silentSuppliers: [...stats.silent]
        .map(([index, s]) => {
          const supplier = world.suppliers.all[index]!;
          return { cvr: supplier.cvr, name: supplier.name, categoryId: [...supplier.categories.keys()][0]!, lines: s.lines, emptyLines: s.emptyLines, spendDkk: kr(s.minor) };
        })
        .sort((a, b) => b.lines - a.lines || a.cvr.localeCompare(b.cvr)),
      genericTexts: { lines: stats.genericLines, spendDkk: kr(stats.genericMinor), examples: genericExamples },
    },
    register: {
      file: 'kontrakter.csv',
      rows: register.map((r, i) => ({
        row: i + 1,
        agreementId: r.contract.id,
        name: r.contract.name,
        supplierCvr: r.contract.supplier.cvr,
        cvrInRegister: r.cvr !== '',
        supplierName: r.registerName,
        supplierInvoiceName: r.contract.supplier.name,
        categoryIds: [...r.contract.categoryIds],
        area: r.spec.area,
        tender: r.contract.framework,
        tendered: isTendered(r.contract.framework),
        validFrom: iso(r.contract.fromDay),
        validTo: iso(r.contract.toDay),
        estimatedValueDkk: r.valueKr,
      })),
    },
  };
}

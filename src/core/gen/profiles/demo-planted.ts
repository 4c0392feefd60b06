import { unitWeights } from '../org-units.js';
import type { Manifest, ManifestCommon } from '../manifest.js';
import { byYear, kr, supplierSpend } from '../manifest-build.js';
import {
  CPR_CATEGORIES, EU_THRESHOLD_KR, EUR_CATEGORIES, FRAGMENTED_CATEGORY, MAVERICK_AGREEMENT, MAVERICK_CATEGORY,
  PRICE_VARIANCE_ITEMS, SMALL_ORDER_CATEGORIES, SMALL_ORDER_LIMIT_KR, SPLIT_CATEGORY, WELL_BOUGHT,
} from '../planted.js';
import type { FinishedRun } from '../profile.js';
import type { Random } from '../prng.js';
import type { CategoryAcc } from '../stats.js';
import { daysFromCivil, PERIOD_FIRST_DAY } from '../calendar.js';
import { type ForcedDoc, type World, workday } from '../world.js';

/**
 * Demo Kommune's planted findings: the documents they need on given days, and their figures in
 * the manifest (counted from what was written).
 */

export function demoForcedDocs(rng: Random, world: Omit<World, 'forced'>): ForcedDoc[] {
  const out: ForcedDoc[] = [];
  const cat = (id: string) => world.categories.get(id)!;
  for (const id of world.categories.keys()) out.push({ day: workday(rng), categoryId: id });
  cat(FRAGMENTED_CATEGORY).suppliers.all.forEach((supplier, i) => {
    out.push({ day: workday(rng), categoryId: FRAGMENTED_CATEGORY, supplier, unit: world.units[i % world.units.length] });
  });
  for (const supplier of cat(SPLIT_CATEGORY).suppliers.all) {
    out.push({ day: workday(rng, PERIOD_FIRST_DAY, daysFromCivil(2024, 12, 31)), categoryId: SPLIT_CATEGORY, supplier });
    out.push({ day: workday(rng, daysFromCivil(2025, 1, 1)), categoryId: SPLIT_CATEGORY, supplier });
  }
  for (const supplier of cat(MAVERICK_CATEGORY).suppliers.ranked) {
    for (let k = 0; k < 2; k++) out.push({ day: workday(rng), categoryId: MAVERICK_CATEGORY, supplier });
  }
  for (const item of PRICE_VARIANCE_ITEMS) {
    const weights = unitWeights(world.units, cat(item.categoryId).spec.units);
    const eligible = rng.shuffled(world.units.filter((u) => weights[u.index]! > 0)).slice(0, 6);
    const supplier = world.suppliers.anchors.get(item.anchor)!;
    for (const unit of eligible) out.push({ day: workday(rng), categoryId: item.categoryId, supplier, unit, plantedItem: item.key });
  }
  for (const id of EUR_CATEGORIES) out.push({ day: workday(rng), categoryId: id, eur: true });
  for (const id of CPR_CATEGORIES.slice(0, 3)) out.push({ day: workday(rng), categoryId: id, cpr: true });
  for (const id of SMALL_ORDER_CATEGORIES) {
    for (let k = 0; k < 5; k++) out.push({ day: workday(rng), categoryId: id, small: true });
  }
  return out;
}

export function demoManifest(common: ManifestCommon, run: FinishedRun): Manifest {
  const { world, stats } = run;
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
    ...common,
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

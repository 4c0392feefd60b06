import { calibrate, yearFactor } from './amounts.js';
import { civilFromDays, dayActivity, PERIOD_FIRST_DAY, PERIOD_LAST_DAY, SEASONS } from './calendar.js';
import { DocumentFactory } from './documents.js';
import { Random, Weighted } from './prng.js';
import type { Document } from './types.js';
import type { ForcedDoc, World } from './world.js';

/**
 * Streams a municipality's invoices in date order, one document at a time, so 5M lines never sit
 * in memory. Each day gets its share of the requested lines (weekdays, seasons, holidays); the
 * documents the world requires are issued on their days; the last document is cut so the file
 * holds exactly the requested number of lines.
 */

export interface GenerateOptions {
  lines: number;
  annualSpendKr: number;
}

/** Share of e-commerce invoices in the last days of December 2025 that are ordered but not yet invoiced. */
const PENDING_ORDER_SHARE = 0.3;
const PENDING_ORDER_DAYS = 10;

export function* generateDocuments(world: World, options: GenerateOptions): Generator<Document> {
  const rng = new Random(`${world.stream}|lines`);
  const calibration = calibrate(world, options.lines, options.annualSpendKr);
  const factory = new DocumentFactory(world, calibration, rng);
  const categories = [...world.categories.values()];

  // Invoices per month and category, with each category's seasonal profile.
  const monthPickers = Array.from({ length: 12 }, (_, m) =>
    new Weighted(
      categories.map((c) => c.spec.id),
      categories.map((c) => calibration.get(c.spec.id)!.docWeight * SEASONS[c.spec.season][m]!),
    ),
  );
  const monthLineWeight = Array.from({ length: 12 }, (_, m) =>
    categories.reduce((sum, c) => sum + c.spec.lines * SEASONS[c.spec.season][m]!, 0),
  );
  const dayWeight = (day: number): number => {
    const { year, month } = civilFromDays(day);
    return dayActivity(day) * monthLineWeight[month - 1]! * yearFactor(year);
  };
  let totalWeight = 0;
  for (let d = PERIOD_FIRST_DAY; d <= PERIOD_LAST_DAY; d++) totalWeight += dayWeight(d);

  const forcedByDay = new Map<number, ForcedDoc[]>();
  for (const f of world.forced) {
    const list = forcedByDay.get(f.day) ?? [];
    list.push(f);
    forcedByDay.set(f.day, list);
  }

  let emitted = 0;
  let orderRows = 0;
  let cumulative = 0;
  const total = options.lines;

  function finish(doc: Document): Document {
    if (emitted + doc.lines.length > total) doc.lines.length = total - emitted;
    for (const line of doc.lines) line.row = ++emitted;
    for (const line of doc.orderLines) line.row = ++orderRows;
    return doc;
  }

  for (let day = PERIOD_FIRST_DAY; day <= PERIOD_LAST_DAY && emitted < total; day++) {
    cumulative += dayWeight(day);
    const target = day === PERIOD_LAST_DAY ? total : Math.round((total * cumulative) / totalWeight);
    for (const forced of forcedByDay.get(day) ?? []) {
      if (emitted >= total) break;
      yield finish(factory.make(forced));
    }
    const month = civilFromDays(day).month;
    while (emitted < target) {
      const doc = finish(factory.make({ day, categoryId: monthPickers[month - 1]!.pick(rng) }));
      yield doc;
      if (doc.orderNo && day > PERIOD_LAST_DAY - PENDING_ORDER_DAYS && rng.chance(PENDING_ORDER_SHARE)) {
        yield finish(factory.make({ day, categoryId: doc.categoryId, supplier: doc.supplier, orderOnly: true }));
      }
    }
  }
}

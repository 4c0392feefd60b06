import type { Season } from './calendar.js';
import type { CategorySpec } from './types.js';

/**
 * The shape of Demo Kommune's spend per level-2 category of the default tree. Spend is in mio. kr.
 * a year for a municipality of about 60,000 inhabitants (social services, construction, staffing,
 * energy and food large; office small but spread over many lines). Line shares follow how often
 * such things are invoiced: groceries and office supplies come in many small lines, residential
 * care in few large monthly ones.
 *
 * Columns: id, spend, lines, lines per invoice, spread of line amounts, art, season,
 * buying units (type:weight, '*' = every other unit), generated suppliers, Zipf exponent,
 * share ordered through e-commerce, VAT-free.
 */
function c(
  id: string, spend: number, lines: number, perDoc: number, sigma: number, art: string, season: Season,
  units: string, suppliers: number, zipf: number, ecom = 0, vatFree = false,
): CategorySpec {
  return { id, spend, lines, perDoc, sigma, art, season, units, suppliers, zipf, ecom, vatFree };
}

export const CATEGORY_SPECS: readonly CategorySpec[] = [
  c('office.supplies', 6, 55, 3, 0.9, '2.9', 'std', '*:1,admin:3,school:2,job:2', 33, 0.75, 0.45),
  c('office.paper', 2.5, 12, 1.5, 0.7, '2.9', 'std', '*:0.5,admin:3,school:3', 6, 1.0, 0.5),
  c('office.print', 4, 8, 1.5, 1.1, '4.9', 'std', 'admin:3,culture:2,library:1,school:1,job:1', 25, 1.1),
  c('office.postal', 3.5, 10, 1.3, 1.0, '4.9', 'flat', 'admin:5,job:2,family:1', 4, 1.5),
  c('it.hardware', 18, 22, 2.5, 1.0, '2.7', 'yearend', 'it:6,school:2,*:0.6', 0, 1.0, 0.4),
  c('it.software', 25, 12, 1.3, 1.3, '4.9', 'flat', 'it:8,admin:1,school:1', 40, 1.1),
  c('it.services', 20, 8, 1.5, 1.1, '4.9', 'flat', 'it:8,admin:1', 30, 1.1),
  c('it.telecom', 8, 14, 1.5, 0.9, '4.9', 'flat', 'it:6,*:0.3', 5, 1.6),
  c('it.printers', 4, 8, 1.5, 1.0, '2.9', 'flat', 'it:4,admin:1,school:1', 6, 1.2, 0.3),
  c('facility.cleaning', 8, 12, 1.2, 0.8, '4.9', 'flat', 'property:4,school:2,daycare:1,nursing:1,admin:1,library:0.5,culture:0.5', 0, 1.0),
  c('facility.hygiene', 6, 30, 3, 0.9, '2.9', 'std', 'nursing:3,daycare:2,school:2,kitchen:2,property:2,homecare:1,*:0.3', 12, 1.0, 0.5),
  c('facility.security', 5, 4, 1.2, 1.0, '4.9', 'flat', 'property:5,admin:1,job:1', 6, 1.3),
  c('facility.waste', 12, 10, 1.5, 0.9, '4.9', 'flat', 'property:4,roads:3,nursing:1,school:1', 6, 1.4),
  c('facility.pest', 0.6, 2, 1.1, 0.8, '4.9', 'summer', 'property:4,kitchen:1,nursing:1', 3, 1.2),
  c('facility.grounds', 14, 10, 1.3, 1.0, '4.9', 'grounds', 'roads:6,property:2', 25, 1.1),
  c('facility.service', 30, 25, 1.5, 1.1, '4.9', 'flat', 'property:8,school:1,nursing:1', 80, 1.0),
  c('facility.rent', 22, 4, 1.1, 0.6, '4.9', 'flat', 'property:5,job:1,disability:1,family:1', 30, 1.0, 0, true),
  c('works.crafts', 45, 35, 2, 1.1, '4.5', 'summer', 'property:8,roads:1,school:1,nursing:1', 170, 0.9),
  c('works.construction', 70, 5, 1.5, 1.2, '4.5', 'summer', 'property:6,roads:2', 25, 1.0),
  c('works.roads', 40, 6, 1.5, 1.2, '4.5', 'summer', 'roads:10', 20, 1.0),
  c('works.materials', 10, 25, 3, 1.0, '2.9', 'summer', 'property:3,roads:3,*:0.1', 60, 1.0, 0.2),
  c('works.advisory', 15, 4, 1.3, 1.0, '4.9', 'flat', 'property:4,roads:4', 30, 1.0),
  c('food.groceries', 30, 160, 5, 0.9, '2.2', 'std', 'kitchen:6,nursing:4,daycare:3,school:1,disability:1,*:0.2', 45, 1.0, 0.35),
  c('food.meals', 20, 20, 2, 0.9, '4.9', 'flat', 'homecare:4,disability:1,admin:1', 8, 1.3),
  c('food.beverages', 4, 25, 2.5, 0.8, '2.2', 'std', '*:1,admin:2,nursing:2', 15, 1.1, 0.4),
  c('food.canteen', 5, 5, 1.2, 0.6, '4.9', 'std', 'admin:4,property:1', 3, 1.5),
  c('health.aids', 35, 35, 1.5, 1.1, '2.7', 'flat', 'aids:8,homecare:1,nursing:1', 50, 1.0, 0.15),
  c('health.supplies', 8, 35, 3, 0.9, '2.9', 'flat', 'nursing:4,homecare:4,health:2', 20, 1.0, 0.5),
  c('health.incontinence', 7, 15, 2, 0.7, '2.9', 'flat', 'nursing:4,homecare:4,aids:2', 0, 1.0, 0.3),
  c('health.medicine', 3, 10, 2, 0.9, '2.9', 'flat', 'nursing:3,health:2,homecare:1', 6, 1.3),
  c('health.services', 12, 8, 1.2, 1.0, '4.0', 'flat', 'health:4,family:2,job:2,disability:1', 40, 0.9, 0, true),
  c('social.residential', 140, 12, 1.2, 0.7, '4.0', 'flat', 'family:5,disability:5', 100, 0.9, 0, true),
  c('social.homecare', 60, 10, 1.5, 0.8, '4.0', 'flat', 'homecare:6', 12, 1.1, 0, true),
  c('social.special_ed', 35, 6, 1.2, 0.7, '4.0', 'school', 'school:3,family:3', 30, 1.0, 0, true),
  c('social.treatment', 15, 4, 1.2, 0.8, '4.0', 'flat', 'disability:4,family:1,job:1', 20, 1.0, 0, true),
  c('social.support', 25, 8, 1.3, 0.9, '4.0', 'flat', 'family:4,disability:4,job:1', 40, 1.0, 0, true),
  c('transport.citizens', 45, 20, 1.3, 0.9, '4.9', 'school', 'school:2,disability:3,nursing:1,family:2,health:1', 20, 1.1),
  c('transport.vehicles', 12, 6, 1.3, 0.8, '4.9', 'flat', 'roads:3,homecare:3,property:1', 10, 1.1),
  c('transport.fuel', 6, 30, 3, 0.8, '2.3', 'flat', 'roads:4,homecare:3,property:1', 5, 1.5),
  c('transport.repair', 5, 12, 2, 0.9, '4.9', 'flat', 'roads:4,homecare:2', 40, 1.0),
  c('transport.travel', 3, 10, 1.5, 0.8, '4.9', 'travel', '*:1,admin:2', 40, 1.0),
  c('consulting.management', 12, 3, 1.3, 1.0, '4.9', 'flat', 'admin:5,it:1', 25, 1.0),
  c('consulting.legal', 5, 3, 1.3, 1.0, '4.9', 'flat', 'admin:4,family:2', 15, 1.1),
  c('consulting.finance', 4, 2, 1.2, 0.9, '4.9', 'flat', 'admin:6', 8, 1.3),
  c('consulting.communication', 5, 10, 1.3, 1.0, '4.9', 'std', 'admin:3,culture:2,job:1,*:0.3', 60, 1.0),
  c('consulting.training', 10, 20, 1.3, 0.9, '4.9', 'travel', '*:1,admin:2', 90, 0.9),
  c('staffing.health', 22, 15, 2, 0.8, '4.9', 'summer', 'nursing:4,homecare:4', 10, 1.2),
  c('staffing.education', 8, 8, 2, 0.8, '4.9', 'school', 'school:4,daycare:3', 6, 1.2),
  c('staffing.office', 5, 4, 1.5, 0.8, '4.9', 'flat', 'admin:4,job:2', 6, 1.2),
  c('energy.electricity', 28, 15, 1.2, 0.9, '2.3', 'power', 'property:8,school:1,nursing:1,roads:1', 0, 1.0),
  c('energy.heating', 22, 12, 1.2, 0.9, '2.3', 'heat', 'property:8,school:1,nursing:1', 3, 1.5),
  c('energy.water', 8, 10, 1.3, 0.9, '2.3', 'flat', 'property:8,roads:1', 2, 1.5),
  c('learning.materials', 12, 35, 3, 0.9, '2.9', 'school', 'school:8,daycare:1,library:1', 30, 1.1, 0.3),
  c('learning.toys', 4, 20, 3, 0.8, '2.9', 'std', 'daycare:6,school:1', 20, 1.0, 0.35),
  c('learning.library', 4, 25, 3, 0.8, '2.9', 'flat', 'library:8,school:2', 15, 1.2),
  c('learning.sports', 3, 10, 2, 0.9, '2.9', 'school', 'school:3,culture:3,daycare:1', 25, 1.0, 0.2),
  c('learning.events', 5, 12, 1.2, 1.0, '4.9', 'summer', 'culture:6,library:2,school:1,admin:1', 70, 0.8),
  c('equipment.furniture', 8, 12, 2, 1.0, '2.7', 'yearend', '*:1,school:2,admin:2', 25, 1.1, 0.2),
  c('equipment.kitchen', 4, 8, 1.5, 1.1, '2.7', 'flat', 'kitchen:4,nursing:2,daycare:1,school:1', 15, 1.1),
  c('equipment.workwear', 5, 14, 2, 0.9, '2.9', 'flat', 'homecare:3,nursing:3,roads:2,kitchen:1', 15, 1.1, 0.3),
  c('equipment.tools', 4, 12, 2, 1.0, '2.7', 'summer', 'roads:5,property:3', 30, 1.0, 0.2),
  c('finance.insurance', 10, 2, 1.2, 1.0, '4.0', 'flat', 'admin:10', 0, 1.0, 0, true),
  c('finance.banking', 2, 4, 1.1, 0.8, '4.0', 'flat', 'admin:10', 2, 1.5, 0, true),
  c('nonaddr.payroll', 20, 10, 1.1, 1.0, '1.0', 'flat', 'admin:3,*:0.5', 20, 0.8, 0, true),
  c('nonaddr.public', 80, 8, 1.1, 1.1, '4.7', 'flat', 'admin:3,family:2,disability:2,job:2', 10, 1.0, 0, true),
  c('nonaddr.transfers', 40, 20, 1.1, 1.1, '5.9', 'flat', 'job:3,family:2,culture:2,admin:1', 50, 0.8, 0, true),
  c('nonaddr.property', 15, 1, 1.0, 0.8, '2.5', 'flat', 'property:10', 5, 1.0, 0, true),
  c('nonaddr.internal', 25, 15, 1.2, 1.0, '9.4', 'flat', '*:1', 0, 1.0, 0, true),
];

export const isAddressable = (categoryId: string): boolean => !categoryId.startsWith('nonaddr.');

/** Arts a bookkeeper plausibly picks instead of the right one (a small share of lines). */
export const ALTERNATIVE_ART: Readonly<Record<string, string>> = {
  '2.9': '2.7',
  '2.7': '2.9',
  '2.2': '2.9',
  '4.9': '4.0',
  '4.0': '4.9',
  '4.5': '4.9',
};

export function categorySpec(id: string): CategorySpec {
  const spec = CATEGORY_SPECS.find((s) => s.id === id);
  if (!spec) throw new Error(`unknown category ${id}`);
  return spec;
}

import type { Season } from '../../calendar.js';
import { isAddressable } from '../../categories.js';
import type { CategorySpec } from '../../types.js';

/**
 * Fjordby Kommune's spend per level-2 category, in mio. kr. a year (about 38,000 inhabitants,
 * about 565 mio. kr. of addressable spend). It buys in 66 of the 68 categories: no contracted
 * staff canteen and no medicine. Planted: works.crafts (about 5 mio. kr. a year over a dozen
 * craftsmen, no agreement), transport.repair (split over eight workshops, no agreement),
 * it.hardware (half beside the agreement). No e-commerce: Fjordby's finance export is all it has.
 *
 * Columns as Demo Kommune's (categories.ts): id, spend, line share, lines per invoice, spread of
 * line amounts, art, season, buying units, generated suppliers, Zipf exponent.
 */
function c(
  id: string, spend: number, lines: number, perDoc: number, sigma: number, art: string, season: Season,
  units: string, suppliers: number, zipf: number, vatFree = false,
): CategorySpec {
  return { id, spend, lines, perDoc, sigma, art, season, units, suppliers, zipf, ecom: 0, vatFree };
}

export const FJORDBY_CATEGORIES: readonly CategorySpec[] = [
  c('office.supplies', 3.5, 40, 2.5, 0.9, '2.9', 'std', '*:1,admin:3,school:2,job:1', 18, 0.9),
  c('office.paper', 1.2, 10, 1.4, 0.7, '2.9', 'std', '*:0.5,admin:3,school:3', 4, 1.2),
  c('office.print', 2, 6, 1.3, 1.1, '4.9', 'std', 'admin:3,culture:2,library:1,school:1', 12, 1.1),
  c('office.postal', 2, 8, 1.2, 1.0, '4.9', 'flat', 'admin:5,job:2,family:1', 3, 1.5),
  c('it.hardware', 9, 18, 2, 1.0, '2.7', 'yearend', 'it:6,school:2,*:0.6', 0, 1.0),
  c('it.software', 14, 10, 1.3, 1.3, '4.9', 'flat', 'it:8,admin:1,school:1', 22, 1.1),
  c('it.services', 9, 7, 1.4, 1.1, '4.9', 'flat', 'it:8,admin:1', 14, 1.1),
  c('it.telecom', 5, 12, 1.4, 0.9, '4.9', 'flat', 'it:6,*:0.3', 3, 1.6),
  c('it.printers', 2.5, 7, 1.4, 1.0, '2.9', 'flat', 'it:4,admin:1,school:1', 4, 1.3),
  c('facility.cleaning', 12, 12, 1.2, 0.8, '4.9', 'flat', 'property:4,school:2,daycare:1,nursing:1,admin:1,library:0.5,culture:0.5', 6, 1.3),
  c('facility.hygiene', 4, 26, 2.8, 0.9, '2.9', 'std', 'nursing:3,daycare:2,school:2,kitchen:2,property:2,homecare:1,*:0.3', 7, 1.0),
  c('facility.security', 2.5, 4, 1.2, 1.0, '4.9', 'flat', 'property:5,admin:1,job:1', 4, 1.3),
  c('facility.waste', 7, 9, 1.4, 0.9, '4.9', 'flat', 'property:4,roads:3,nursing:1,school:1', 4, 1.4),
  c('facility.pest', 0.4, 2, 1.1, 0.8, '4.9', 'summer', 'property:4,kitchen:1,nursing:1', 3, 1.2),
  c('facility.grounds', 8, 9, 1.3, 1.0, '4.9', 'grounds', 'roads:6,property:2', 12, 1.1),
  c('facility.service', 14, 20, 1.4, 1.1, '4.9', 'flat', 'property:8,school:1,nursing:1', 30, 1.0),
  c('facility.rent', 10, 4, 1.1, 0.6, '4.9', 'flat', 'property:5,job:1,disability:1,family:1', 14, 1.0, true),
  c('works.crafts', 5, 22, 1.8, 1.1, '4.5', 'summer', 'property:8,roads:1,school:1,nursing:1', 0, 1.0),
  c('works.construction', 40, 4, 1.4, 1.2, '4.5', 'summer', 'property:6,roads:2', 12, 1.0),
  c('works.roads', 22, 5, 1.4, 1.2, '4.5', 'summer', 'roads:10', 10, 1.0),
  c('works.materials', 5, 20, 2.8, 1.0, '2.9', 'summer', 'property:3,roads:3,*:0.1', 25, 1.0),
  c('works.advisory', 8, 4, 1.3, 1.0, '4.9', 'flat', 'property:4,roads:4', 14, 1.0),
  c('food.groceries', 18, 130, 4.5, 0.9, '2.2', 'std', 'kitchen:6,nursing:4,daycare:3,school:1,disability:1,*:0.2', 14, 1.0),
  c('food.meals', 10, 14, 1.8, 0.9, '4.9', 'flat', 'homecare:4,disability:1,admin:1', 5, 1.3),
  c('food.beverages', 2.5, 20, 2.2, 0.8, '2.2', 'std', '*:1,admin:2,nursing:2', 6, 1.1),
  c('health.aids', 20, 28, 1.5, 1.1, '2.7', 'flat', 'aids:8,homecare:1,nursing:1', 24, 1.0),
  c('health.supplies', 5, 28, 2.8, 0.9, '2.9', 'flat', 'nursing:4,homecare:4,health:2', 9, 1.0),
  c('health.incontinence', 4, 12, 1.8, 0.7, '2.9', 'flat', 'nursing:4,homecare:4,aids:2', 3, 1.4),
  c('health.services', 7, 7, 1.2, 1.0, '4.0', 'flat', 'health:4,family:2,job:2,disability:1', 22, 0.9, true),
  c('social.residential', 85, 10, 1.2, 0.7, '4.0', 'flat', 'family:5,disability:5', 55, 0.9, true),
  c('social.homecare', 35, 8, 1.4, 0.8, '4.0', 'flat', 'homecare:6', 6, 1.1, true),
  c('social.special_ed', 20, 5, 1.2, 0.7, '4.0', 'school', 'school:3,family:3', 16, 1.0, true),
  c('social.treatment', 9, 3, 1.2, 0.8, '4.0', 'flat', 'disability:4,family:1,job:1', 10, 1.0, true),
  c('social.support', 15, 7, 1.3, 0.9, '4.0', 'flat', 'family:4,disability:4,job:1', 20, 1.0, true),
  c('transport.citizens', 25, 16, 1.3, 0.9, '4.9', 'school', 'school:2,disability:3,nursing:1,family:2,health:1', 10, 1.1),
  c('transport.vehicles', 7, 5, 1.3, 0.8, '4.9', 'flat', 'roads:3,homecare:3,property:1', 5, 1.2),
  c('transport.fuel', 4, 24, 2.6, 0.8, '2.3', 'flat', 'roads:4,homecare:3,property:1', 3, 1.6),
  c('transport.repair', 3.2, 10, 1.8, 0.9, '4.9', 'flat', 'roads:4,homecare:2,property:1', 0, 1.0),
  c('transport.travel', 1.5, 7, 1.4, 0.8, '4.9', 'travel', '*:1,admin:2', 18, 1.0),
  c('consulting.management', 6, 3, 1.3, 1.0, '4.9', 'flat', 'admin:5,it:1', 12, 1.0),
  c('consulting.legal', 3, 3, 1.2, 1.0, '4.9', 'flat', 'admin:4,family:2', 8, 1.1),
  c('consulting.finance', 2.5, 2, 1.2, 0.9, '4.9', 'flat', 'admin:6', 4, 1.4),
  c('consulting.communication', 3, 8, 1.3, 1.0, '4.9', 'std', 'admin:3,culture:2,job:1,*:0.3', 25, 1.0),
  c('consulting.training', 6, 16, 1.3, 0.9, '4.9', 'travel', '*:1,admin:2', 40, 0.9),
  c('staffing.health', 12, 13, 1.8, 0.8, '4.9', 'summer', 'nursing:4,homecare:4', 6, 1.1),
  c('staffing.education', 4, 7, 1.8, 0.8, '4.9', 'school', 'school:4,daycare:3', 5, 1.2),
  c('staffing.office', 2, 3, 1.4, 0.8, '4.9', 'flat', 'admin:4,job:2', 4, 1.2),
  c('energy.electricity', 16, 13, 1.2, 0.9, '2.3', 'power', 'property:8,school:1,nursing:1,roads:1', 0, 1.0),
  c('energy.heating', 13, 11, 1.2, 0.9, '2.3', 'heat', 'property:8,school:1,nursing:1', 2, 1.5),
  c('energy.water', 5, 9, 1.2, 0.9, '2.3', 'flat', 'property:8,roads:1', 2, 1.5),
  c('learning.materials', 7, 28, 2.8, 0.9, '2.9', 'school', 'school:8,daycare:1,library:1', 14, 1.1),
  c('learning.toys', 2.5, 16, 2.6, 0.8, '2.9', 'std', 'daycare:6,school:1', 10, 1.0),
  c('learning.library', 2.5, 18, 2.6, 0.8, '2.9', 'flat', 'library:8,school:2', 8, 1.2),
  c('learning.sports', 1.5, 8, 1.8, 0.9, '2.9', 'school', 'school:3,culture:3,daycare:1', 12, 1.0),
  c('learning.events', 3, 10, 1.2, 1.0, '4.9', 'summer', 'culture:6,library:2,school:1,admin:1', 30, 0.8),
  c('equipment.furniture', 4.5, 10, 1.8, 1.0, '2.7', 'yearend', '*:1,school:2,admin:2', 12, 1.1),
  c('equipment.kitchen', 2, 6, 1.4, 1.1, '2.7', 'flat', 'kitchen:4,nursing:2,daycare:1,school:1', 8, 1.1),
  c('equipment.workwear', 3, 11, 1.8, 0.9, '2.9', 'flat', 'homecare:3,nursing:3,roads:2,kitchen:1', 8, 1.1),
  c('equipment.tools', 2.5, 10, 1.8, 1.0, '2.7', 'summer', 'roads:5,property:3', 14, 1.0),
  c('finance.insurance', 6, 2, 1.2, 1.0, '4.0', 'flat', 'admin:10', 2, 1.5, true),
  c('finance.banking', 1.2, 4, 1.1, 0.8, '4.0', 'flat', 'admin:10', 2, 1.5, true),
  c('nonaddr.payroll', 12, 8, 1.1, 1.0, '1.0', 'flat', 'admin:3,*:0.5', 14, 0.8, true),
  c('nonaddr.public', 50, 7, 1.1, 1.1, '4.7', 'flat', 'admin:3,family:2,disability:2,job:2', 10, 1.0, true),
  c('nonaddr.transfers', 25, 16, 1.1, 1.1, '5.9', 'flat', 'job:3,family:2,culture:2,admin:1', 30, 0.8, true),
  c('nonaddr.property', 8, 1, 1.0, 0.8, '2.5', 'flat', 'property:10', 4, 1.0, true),
  c('nonaddr.internal', 15, 12, 1.2, 1.0, '9.4', 'flat', '*:1', 0, 1.0, true),
];

/** The addressable spend a year the shares above add up to, in kr. (the default of `--spend`). */
export const FJORDBY_ANNUAL_SPEND_KR = Math.round(
  FJORDBY_CATEGORIES.filter((s) => isAddressable(s.id)).reduce((sum, s) => sum + s.spend, 0) * 1e6,
);

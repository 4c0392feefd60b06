import { Random, Weighted } from '../../prng.js';
import type { SupplierUniverse } from '../../suppliers.js';
import type { SupplierStyle } from '../../types.js';
import { FJORDBY_WORDS } from './units.js';

/**
 * Fjordby's suppliers: local trades and regional firms named the way West Jutland firms are
 * ("Brdr. Kjeldsen VVS ApS", "Thygesens Malerfirma", "Klitholm IT-Center A/S",
 * "Tømrerforretningen v/Bent Sloth"), with a word stock of their own, so a classifier cannot
 * lean on Demo Kommune's supplier names. All names are made up.
 */

const TRADE: Readonly<Record<string, readonly string[]>> = {
  'office.supplies': ['Kontorcentral', 'Kontorhuset', 'Papirhuset', 'Skrivevarer', 'Bogladen', 'Kontormarked'],
  'office.paper': ['Papirlager', 'Papirkompagniet', 'Grafisk Papir'],
  'office.print': ['Trykkeri', 'Offset', 'Tryksagscentralen', 'Digitaltryk', 'Skilte & Print'],
  'office.postal': ['Budcentralen', 'Fragt & Bud', 'Pakkeshoppen', 'Express'],
  'it.hardware': ['IT-Center', 'PC-Huset', 'Computercentret', 'Netværk & PC', 'Elektronikhuset', 'IT-Lageret'],
  'it.software': ['Softwarehus', 'Systemer', 'Programmel', 'Dataløsninger', 'Applikationer'],
  'it.services': ['IT-Drift', 'Netværksservice', 'IT-Rådgivning', 'Hosting', 'Driftcenter'],
  'it.telecom': ['Telefoni', 'Fibernet', 'Telenet', 'Bredbånd'],
  'it.printers': ['Kopicenter', 'Printservice', 'Kontormaskiner', 'Dokumentsystemer'],
  'facility.cleaning': ['Rengøringsselskab', 'Servicepartner', 'Rent & Pænt', 'Vinduespudsning', 'Erhvervsrengøring'],
  'facility.hygiene': ['Hygiejnecenter', 'Rengøringsengros', 'Renholdsartikler', 'Papir & Hygiejne'],
  'facility.security': ['Vagtcentral', 'Sikkerhed', 'Alarmservice', 'Låseservice', 'Vagtværn'],
  'facility.waste': ['Renovationsselskab', 'Affaldsservice', 'Containerservice', 'Miljøservice', 'Genvinding'],
  'facility.pest': ['Skadedyrskontrol', 'Rotteservice', 'Skadedyrsfirma'],
  'facility.grounds': ['Anlæg & Pleje', 'Have- og Parkservice', 'Landskabsgartner', 'Grønne Områder'],
  'facility.service': ['Klimateknik', 'Installationsservice', 'VVS-Service', 'Elevatorteknik', 'Brandsikring', 'Energiteknik', 'Driftsteknik'],
  'facility.rent': ['Ejendomsinvest', 'Udlejning', 'Erhvervsudlejning', 'Ejendomsdrift'],
  'works.crafts': [
    'VVS', 'El-installation', 'Tømrerforretning', 'Malerfirma', 'Murerfirma', 'Kloakservice', 'Glas', 'Tagdækning',
    'Smedeforretning', 'Gulvservice', 'Snedkeri', 'Byggeservice',
  ],
  'works.construction': ['Entreprenørforretning', 'Byggefirma', 'Hovedentreprise', 'Byggeentreprise', 'Murer & Entreprenør'],
  'works.roads': ['Vejanlæg', 'Asfaltservice', 'Jord & Beton', 'Anlægsentreprise', 'Belægning', 'Kloak & Vej'],
  'works.materials': ['Trælasthandel', 'Byggemarked', 'Farvehandel', 'Byggevarer', 'Isenkram & Byg'],
  'works.advisory': ['Ingeniørkontor', 'Tegnestue', 'Projektrådgivning', 'Landinspektørkontor', 'Miljørådgivning'],
  'food.groceries': ['Grossisten', 'Købmandsgård', 'Bageri & Konditori', 'Slagterforretning', 'Grønttorvet', 'Mejeriudsalg', 'Dagligvarehandel'],
  'food.meals': ['Madhus', 'Cateringservice', 'Køkkenet', 'Måltidsservice', 'Diætkøkken'],
  'food.beverages': ['Kafferisteri', 'Vandservice', 'Drikkevareservice', 'Mineralvandsfabrik'],
  'health.aids': ['Hjælpemiddelservice', 'Rehabiliteringsteknik', 'Ortopædteknik', 'Mobilitet', 'Bandagist'],
  'health.supplies': ['Medicinsk Udstyr', 'Plejeartikler', 'Sårpleje', 'Klinikudstyr'],
  'health.incontinence': ['Plejeprodukter'],
  'health.services': ['Fysioterapeuterne', 'Lægeklinik', 'Psykologhuset', 'Tandlægehuset', 'Træningsklinik', 'Ergoterapi'],
  'social.homecare': ['Hjemmeservice', 'Plejeservice', 'Omsorgsservice', 'Seniorservice'],
  'social.support': ['Støttecenter', 'Bostøtte', 'Familiecenter', 'Mentorhuset', 'Tolkeservice'],
  'transport.citizens': ['Taxi', 'Turistbusser', 'Minibus', 'Vognmandsforretning', 'Handicapkørsel', 'Bustrafik'],
  'transport.vehicles': ['Bilhus', 'Autocenter', 'Billeasing', 'Erhvervsbiler', 'Autohus'],
  'transport.fuel': ['Oliekompagni', 'Brændstofservice', 'Tankstation', 'Energiservice'],
  'transport.repair': ['Bilværksted', 'Dækcenter', 'Motorservice', 'Mekanik', 'Autoreparation', 'Lastvognsværksted'],
  'transport.travel': ['Rejsebureau', 'Hotel', 'Kro', 'Badehotel', 'Færgefart'],
  'consulting.management': ['Konsulenthuset', 'Analyse & Strategi', 'Ledelsesrådgivning', 'Organisation'],
  'consulting.legal': ['Advokatkontor', 'Advokathus', 'Advokaterne'],
  'consulting.finance': ['Revisionsfirma', 'Statsaut. Revision', 'Revisionshus', 'Regnskabsservice'],
  'consulting.communication': ['Reklamehus', 'Kommunikationshus', 'Mediehuset', 'Ugeavis', 'Filmproduktion', 'Fotografi'],
  'consulting.training': ['Kursusforum', 'Efteruddannelse', 'Uddannelsescenter', 'Kompetencehus', 'Førstehjælpsskole'],
  'staffing.health': ['Sundhedsvikarer', 'Plejevikarer', 'Vikarhuset', 'Omsorgsvikar', 'Bemandingsbureau'],
  'staffing.education': ['Skolevikarer', 'Vikarpool', 'Pædagogisk Vikarservice'],
  'staffing.office': ['Kontorvikarer', 'Rekrutteringshus', 'Personaleservice'],
  'energy.electricity': ['Elforsyning'],
  'energy.heating': ['Fjernvarmeværk', 'Varmeforsyning', 'Gasforsyning', 'Bioenergi'],
  'energy.water': ['Vandselskab', 'Spildevand', 'Forsyningsselskab'],
  'learning.materials': ['Skoleforlag', 'Læremiddelcenter', 'Undervisningsforlag'],
  'learning.toys': ['Legecentret', 'Hobbyhuset', 'Pædagogisk Legetøj'],
  'learning.library': ['Bogcentralen', 'Mediecenter', 'Lydbogsforlag', 'Bladcentralen'],
  'learning.sports': ['Idrætsudstyr', 'Sportshuset', 'Motionsudstyr', 'Friluftsudstyr'],
  'learning.events': ['Scenekunst', 'Teaterkompagni', 'Lydteknik', 'Festudlejning', 'Eventservice'],
  'equipment.furniture': ['Møbelhus', 'Indretning', 'Kontorindretning', 'Institutionsmøbler'],
  'equipment.kitchen': ['Storkøkkenteknik', 'Køkkenservice', 'Hvidevareservice', 'Køleservice'],
  'equipment.workwear': ['Arbejdstøjscenter', 'Tekstilservice', 'Beklædning', 'Vaskerier'],
  'equipment.tools': ['Maskinhandel', 'Værktøjshuset', 'Maskinudlejning', 'Redskaber'],
  'finance.insurance': ['Forsikring', 'Assurance'],
  'finance.banking': ['Bank', 'Andelskasse', 'Betalinger'],
};

/** Institutions named after a place ("Døgninstitutionen Klitrosen"). */
const INSTITUTIONS: Readonly<Record<string, readonly string[]>> = {
  'social.residential': ['Døgninstitutionen', 'Familiehjemmet', 'Opholdsstedet', 'Ungehjemmet', 'Bofællesskabet'],
  'social.special_ed': ['Friskolen', 'Heldagsskolen', 'Skolebehandlingstilbuddet', 'Den Særlige Skole'],
  'social.treatment': ['Rusmiddelklinikken', 'Misbrugscentret', 'Behandlingsstedet', 'Dagbehandlingen'],
};
const PLACE_NAMES = [
  'Klitrosen', 'Sandbjerg', 'Vesterled', 'Hedebo', 'Fjordly', 'Marehalm', 'Strandengen', 'Lyngly', 'Havblik',
  'Skovbrynet', 'Æblegården', 'Solbakken', 'Grønhøj', 'Kystly', 'Mågereden', 'Tangen', 'Kirsebærhaven',
  'Bakkehuset', 'Vindrosen', 'Dybdal', 'Lindely', 'Kragereden', 'Ådalsgården', 'Rørmosen',
];
/** Fictional towns and areas around Fjordby. */
const PLACES = ['Fjordby', 'Sandager', 'Nørreå', 'Klitmark', 'Hedeby', 'Vesterhavs', 'Limfjords', 'Ørnholm', 'Bækkely', 'Møllerup', 'Strandlyst', 'Højmark'];
const COIN_HEADS = ['Klit', 'Hav', 'Fjord', 'Lyng', 'Tang', 'Sand', 'Mar', 'Ager', 'Vade', 'Brink'];
const COIN_TAILS = ['holm', 'vig', 'gaard', 'bo', 'strand', 'mark', 'kær', 'sted', 'lund', 'næs'];
const PUBLIC_BODIES = [
  'Nørreå Kommune', 'Sandager Kommune', 'Klitmark Kommune', 'Region Nordjylland', 'Udbetaling Danmark',
  'Skattestyrelsen', 'Nordvestjysk Beredskab I/S', 'Kommunernes Landsforening', 'Hedeby Kommune', 'Domstolsstyrelsen',
];
const ASSOCIATIONS = ['Idrætsforening', 'Gymnastikforening', 'Borgerforening', 'Pensionistforening', 'Lokalhistorisk Forening', 'Roklub', 'Spejdergruppe', 'Menighedsråd', 'Aftenskole'];

const LEGAL = new Weighted(['ApS', 'A/S', 'I/S', '', 'v/', 'Eftf.', 'P/S', 'K/S'], [38, 18, 8, 18, 8, 4, 3, 1]);
const LEGAL_CORPORATE = new Weighted(['A/S', 'ApS', 'a.m.b.a.'], [65, 25, 10]);
const CORPORATE: ReadonlySet<string> = new Set([
  'finance.insurance', 'finance.banking', 'energy.heating', 'energy.water', 'it.telecom', 'transport.fuel',
  'transport.vehicles', 'office.postal', 'facility.waste',
]);
const LEGAL_PROFESSIONAL = new Weighted(['P/S', 'I/S', 'A/S', 'ApS'], [45, 25, 15, 15]);
const { firstNames, surnames } = FJORDBY_WORDS;

const initial = (rng: Random): string => `${rng.pick(firstNames)[0]}.`;
const genitive = (word: string): string => (/[sxz]$/.test(word) ? word : `${word}s`);

function withLegal(base: string, legal: string, rng: Random): string {
  // Fjordby's creditor register writes "v/Bent Sloth" without a space.
  if (legal === 'v/') return `${base} v/${rng.pick(firstNames)} ${rng.pick(surnames)}`;
  return legal ? `${base} ${legal}` : base;
}

export function fjordbySupplierName(rng: Random, categoryId: string, indexInCategory: number): string {
  if (categoryId === 'nonaddr.public') return PUBLIC_BODIES[indexInCategory % PUBLIC_BODIES.length]!;
  if (categoryId === 'nonaddr.transfers') return `${rng.pick(ASSOCIATIONS)} ${rng.pick(PLACES)}`;
  // Fees and allowances are paid to people, who sit in the creditor register under their own name.
  if (categoryId === 'nonaddr.payroll') return `${rng.pick(firstNames)} ${initial(rng)} ${rng.pick(surnames)}`;
  const institution = INSTITUTIONS[categoryId];
  if (institution) return withLegal(`${rng.pick(institution)} ${rng.pick(PLACE_NAMES)}`, rng.pick(['', '', 'ApS', 'S/I']), rng);
  const trade = rng.pick(TRADE[categoryId] ?? ['Service']);
  // Banks, insurers, utilities and the like are companies, not a family's trade.
  if (CORPORATE.has(categoryId)) {
    const base = rng.chance(0.5) ? `${rng.pick(PLACES)} ${trade}` : `${rng.pick(COIN_HEADS)}${rng.pick(COIN_TAILS)} ${trade}`;
    return `${base} ${LEGAL_CORPORATE.pick(rng)}`;
  }
  if (categoryId === 'consulting.legal' || categoryId === 'consulting.finance' || categoryId === 'works.advisory') {
    const base = rng.chance(0.5) ? `${rng.pick(surnames)} ${rng.pick(surnames)} ${trade}` : `${trade} ${rng.pick(PLACES)}`;
    return withLegal(base, LEGAL_PROFESSIONAL.pick(rng), rng);
  }
  const legal = LEGAL.pick(rng);
  const surname = rng.pick(surnames);
  let base: string;
  switch (rng.int(0, 6)) {
    case 0:
      base = `Brdr. ${surname} ${trade}`;
      break;
    case 1:
      base = `${genitive(surname)} ${trade}`;
      break;
    case 2:
      base = `${rng.pick(PLACES)} ${trade}`;
      break;
    case 3:
      base = `${rng.pick(firstNames)[0]}.${rng.pick(firstNames)[0]}. ${trade}`;
      break;
    case 4:
      base = `${rng.pick(COIN_HEADS)}${rng.pick(COIN_TAILS)} ${trade}`;
      break;
    case 5:
      base = `${surname} & Søn ${trade}`;
      break;
    default:
      base = `${trade} ${rng.pick(PLACES)}`;
  }
  if (legal === 'Eftf.') return `${base} Eftf.`;
  return withLegal(base, legal, rng);
}

/**
 * How Fjordby's finance system has come to hold one supplier under several names: created again
 * without the legal form, with the dots lost, as a branch ("afd. Fjordby"), or cut at the
 * 30-character width of an old creditor field.
 */
export function fjordbyNameVariants(rng: Random, name: string): string[] {
  const out = new Set<string>();
  const noLegal = name.replace(/\s+(A\/S|ApS|I\/S|K\/S|P\/S|S\/I|Eftf\.|a\.m\.b\.a\.)$/, '').replace(/\s+v\/.*$/, '');
  if (noLegal !== name) out.add(noLegal);
  out.add(name.replace(/\./g, '').replace(' & ', ' og '));
  out.add(`${noLegal} afd. Fjordby`);
  if (name.length > 30) out.add(name.slice(0, 30).trimEnd());
  out.add(name.replace('A/S', 'A.S.').replace('ApS', 'APS'));
  out.delete(name);
  return rng.shuffled([...out]).slice(0, rng.int(1, 3));
}

const DECORATION = new Weighted<SupplierStyle['decoration'] | undefined>([undefined, 'invoice-no', 'order-no', 'delivery-date'], [66, 14, 12, 8]);

/** Fjordby's suppliers' systems: fewer DK prefixes, no item numbers, their own text decorations. */
export function fjordbySupplierStyle(rng: Random): SupplierStyle {
  const style: SupplierStyle = {
    dkPrefix: rng.chance(0.12) ? 0.75 : 0.015,
    upperText: rng.chance(0.07),
    itemNoInText: false,
    truncate40: false,
    emptyText: 0.02,
    truncateAt: rng.chance(0.07) ? 32 : 0,
  };
  const decoration = DECORATION.pick(rng);
  if (decoration) style.decoration = decoration;
  return style;
}

export const FJORDBY_CLEAN_STYLE: SupplierStyle = { dkPrefix: 0, upperText: false, itemNoInText: false, truncate40: false, emptyText: 0.01 };

/**
 * Categories where a supplier's invoices commonly carry no line text at all (care placements,
 * taxis, landlords, utilities, small craftsmen), with the chance that one of their
 * single-category suppliers is such a supplier.
 */
const SILENT_CHANCE: Readonly<Record<string, number>> = {
  'social.residential': 0.5, 'social.special_ed': 0.45, 'social.treatment': 0.45, 'social.support': 0.4,
  'transport.citizens': 0.5, 'health.services': 0.45, 'facility.rent': 0.5, 'energy.water': 0.7, 'energy.heating': 0.7,
  'consulting.legal': 0.4, 'learning.events': 0.4, 'works.crafts': 0.25, 'staffing.education': 0.5, 'facility.pest': 0.4,
  'transport.repair': 0.2, 'consulting.communication': 0.3, 'facility.service': 0.15, 'works.materials': 0.12,
  'health.aids': 0.12, 'transport.travel': 0.4,
};
/** Share of lines such a supplier sends without text: most never send one, some nearly never. */
const SILENT_LEVELS = [1, 1, 1, 0.95, 0.9, 0.8] as const;

/** Marks the suppliers that (almost) never send a line text; only suppliers of one category. */
export function markSilentSuppliers(rng: Random, universe: SupplierUniverse): void {
  for (const [categoryId, chance] of Object.entries(SILENT_CHANCE)) {
    // The largest supplier of a category has an invoicing system that fills the text.
    for (const s of universe.byCategory.get(categoryId)?.ranked.slice(1) ?? []) {
      if (s.key || s.categories.size !== 1 || s.style.emptyText! >= 0.5) continue;
      if (rng.chance(chance)) s.style.emptyText = rng.pick(SILENT_LEVELS);
    }
  }
}

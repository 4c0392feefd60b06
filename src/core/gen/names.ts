import { Random, Weighted } from './prng.js';
import { COIN_HEADS, COIN_TAILS, FIRST_NAMES, NATURE_NAMES, PLACES, SURNAMES } from './words.js';

/**
 * Fictional but plausible Danish supplier names: a trade word per category combined with
 * surnames, places or coined brands, plus a legal form. Names are made up on purpose so the
 * demo never suggests that a real company was, say, a maverick supplier.
 */

const TRADE: Readonly<Record<string, readonly string[]>> = {
  'office.supplies': ['Kontorforsyning', 'Kontorartikler', 'Kontorservice', 'Papirhandel', 'Boghandel', 'Office', 'Kontor & Papir'],
  'office.paper': ['Papir', 'Papirgrossisten', 'Paper'],
  'office.print': ['Tryk', 'Grafisk', 'Print', 'Bogtrykkeri', 'Reklame & Tryk'],
  'office.postal': ['Post', 'Kurer', 'Pakkeservice', 'Budservice'],
  'it.hardware': ['IT', 'Data', 'Computer', 'PC-Service', 'Tech', 'Elektronik'],
  'it.software': ['Software', 'Systems', 'Solutions', 'Digital', 'Cloud', 'Data'],
  'it.services': ['IT-Consult', 'Data', 'Digital', 'IT Partner', 'Netværk'],
  'it.telecom': ['Telecom', 'Tele', 'Net', 'Mobil', 'Fiber'],
  'it.printers': ['Kopi', 'Print', 'Office Systems', 'Dokumentservice'],
  'facility.cleaning': ['Rengøring', 'Service', 'Clean', 'Facility Service', 'Rengøringsservice', 'Puds'],
  'facility.hygiene': ['Hygiejne', 'Rengøringsartikler', 'Clean Supply', 'Engros'],
  'facility.security': ['Vagt', 'Security', 'Sikring', 'Alarm', 'Vagtservice'],
  'facility.waste': ['Renovation', 'Miljø', 'Genbrug', 'Container', 'Recycling'],
  'facility.pest': ['Skadedyrsservice', 'Rottebekæmpelse', 'Skadedyr'],
  'facility.grounds': ['Anlægsgartner', 'Have & Park', 'Entreprenør', 'Grøn Service', 'Maskinstation'],
  'facility.service': ['Ventilation', 'Ejendomsservice', 'VVS', 'El-Teknik', 'Køleteknik', 'Elevatorservice', 'Brandteknik', 'Teknik'],
  'facility.rent': ['Ejendomme', 'Ejendomsselskab', 'Invest', 'Erhvervsejendomme', 'Ejendomsadministration'],
  'works.crafts': ['VVS', 'El', 'Tømrer', 'Maler', 'Murer', 'Kloak', 'Glarmester', 'Tømrer & Snedker', 'Byg', 'Gulv', 'Tag'],
  'works.construction': ['Entreprise', 'Byg', 'Byggeselskab', 'Totalentreprise', 'Entreprenørfirma'],
  'works.roads': ['Asfalt', 'Anlæg', 'Vej & Park', 'Entreprenør', 'Beton', 'Kloak & Anlæg'],
  'works.materials': ['Byggecenter', 'Trælast', 'Tømmerhandel', 'Byggemarked', 'Farver', 'Byggeri'],
  'works.advisory': ['Rådgivende Ingeniører', 'Arkitekter', 'Ingeniørfirma', 'Consult', 'Landinspektører'],
  'food.groceries': ['Engros', 'Fødevarer', 'Bageri', 'Slagter', 'Frugt & Grønt', 'Købmand', 'Mejeri', 'Fiskehandel', 'Dagligvarer'],
  'food.meals': ['Madservice', 'Køkken', 'Mad', 'Catering', 'Måltider'],
  'food.beverages': ['Kaffe', 'Kaffeservice', 'Vand', 'Drikkevarer', 'Bryggeri'],
  'food.canteen': ['Kantine', 'Kantineservice', 'Frokost'],
  'health.aids': ['Hjælpemidler', 'Rehab', 'Mobility', 'Care', 'Ortopædi', 'Medico'],
  'health.supplies': ['Medical', 'Medico', 'Sygeplejeartikler', 'Care', 'Sundhed'],
  'health.incontinence': ['Care'],
  'health.medicine': ['Apotek', 'Pharma', 'Vaccine'],
  'health.services': ['Fysioterapi', 'Lægehus', 'Psykologpraksis', 'Klinik', 'Tandklinik', 'Sundhed'],
  'social.homecare': ['Hjemmepleje', 'Omsorg', 'Hjemmehjælp', 'Care', 'Privat Pleje'],
  'social.support': ['Social Support', 'Familieteam', 'Mentor', 'Socialrådgivning', 'Støtte'],
  'transport.citizens': ['Taxa', 'Turistfart', 'Busser', 'Kørsel', 'Minibusser', 'Taxi'],
  'transport.vehicles': ['Auto', 'Leasing', 'Bilcenter', 'Fleet', 'Automobiler'],
  'transport.fuel': ['Energi', 'Olie', 'Brændstof', 'Tank'],
  'transport.repair': ['Autoværksted', 'Auto', 'Dæk', 'Motor', 'Maskinværksted', 'Autoservice'],
  'transport.travel': ['Rejser', 'Hotel', 'Travel', 'Kro', 'Konferencecenter', 'Færger'],
  'consulting.management': ['Consult', 'Management', 'Rådgivning', 'Partners', 'Analyse'],
  'consulting.legal': ['Advokatfirma', 'Advokater', 'Advokatpartnerselskab'],
  'consulting.finance': ['Revision', 'Revisionspartnerselskab', 'Revisorer', 'Økonomi'],
  'consulting.communication': ['Kommunikation', 'Reklamebureau', 'Media', 'Avis', 'Kommunikationsbureau', 'Film', 'Foto'],
  'consulting.training': ['Kursuscenter', 'Akademi', 'Uddannelse', 'Læring', 'Training', 'Højskole', 'Kursus'],
  'staffing.health': ['Vikarservice', 'Sygeplejevikarer', 'Bemanding', 'Care Vikar', 'Staffing'],
  'staffing.education': ['Vikarbureau', 'Lærervikarer', 'Pædagogvikar', 'Bemanding'],
  'staffing.office': ['Rekruttering', 'Vikarservice', 'Bemanding', 'Job & Vikar'],
  'energy.electricity': ['Elhandel'],
  'energy.heating': ['Fjernvarme', 'Varmeværk', 'Energi', 'Gas'],
  'energy.water': ['Vand', 'Forsyning', 'Vandværk'],
  'learning.materials': ['Forlag', 'Læremidler', 'Skolematerialer', 'Bogforlag'],
  'learning.toys': ['Leg', 'Legetøj', 'Pædagogiske Materialer', 'Hobby', 'Kreativ'],
  'learning.library': ['Bogservice', 'Forlag', 'Medier', 'Boghandel', 'Lydbøger'],
  'learning.sports': ['Sport', 'Idræt', 'Fitness', 'Sportsudstyr', 'Outdoor'],
  'learning.events': ['Events', 'Teater', 'Musik', 'Lyd & Lys', 'Telte', 'Underholdning', 'Kulturformidling'],
  'equipment.furniture': ['Møbler', 'Inventar', 'Interiør', 'Kontormøbler', 'Skolemøbler'],
  'equipment.kitchen': ['Storkøkken', 'Hvidevarer', 'Køkkenudstyr', 'Køleteknik'],
  'equipment.workwear': ['Arbejdstøj', 'Tekstil', 'Vaskeri', 'Workwear', 'Linnedservice'],
  'equipment.tools': ['Værktøj', 'Maskiner', 'Maskincenter', 'Park & Have Maskiner', 'Materiel'],
  'finance.banking': ['Bank', 'Sparekasse', 'Betalingsservice'],
  'nonaddr.payroll': ['Konsulent', 'Foredrag', 'Rådgivning', 'Undervisning'],
};

/** Institutions named after a place in nature ("Bostedet Kildevang"). */
const INSTITUTIONS: Readonly<Record<string, readonly string[]>> = {
  'social.residential': ['Opholdsstedet', 'Bostedet', 'Botilbuddet', 'Døgntilbuddet', 'Opholdsstedet'],
  'social.special_ed': ['Skolen', 'Specialskolen', 'Dagbehandlingstilbuddet', 'Efterskolen'],
  'social.treatment': ['Behandlingscenter', 'Behandlingshjemmet', 'Rusmiddelcenter', 'Rehabiliteringscenter'],
  'nonaddr.transfers': ['Idrætsforeningen', 'Boligforeningen', 'Aftenskolen', 'Spejdergruppe', 'Foreningen', 'Ældreklubben'],
};

const PUBLIC_BODIES = [
  'Vesterå Kommune', 'Nørrebjerg Kommune', 'Østerlund Kommune', 'Region Syddanmark', 'Region Midtjylland',
  'Udbetaling Danmark', 'Skattestyrelsen', 'Region Sjælland', 'Søhøj Kommune', 'Tinglysningsretten',
];

/** Words too generic to stand alone as a supplier's short name. */
const GENERIC_WORDS: ReadonlySet<string> = new Set([
  ...Object.values(TRADE).flatMap((words) => words.map((w) => w.split(' ')[0]!)),
  ...Object.values(INSTITUTIONS).flat(),
  ...PLACES,
  ...FIRST_NAMES,
]);

const LEGAL = new Weighted(['ApS', 'A/S', 'I/S', 'IVS', 'K/S', 'P/S', '', 'v/'], [40, 22, 6, 3, 2, 4, 13, 10]);
const LEGAL_PROFESSIONAL = new Weighted(['P/S', 'A/S', 'ApS', 'I/S'], [55, 20, 20, 5]);
const LEGAL_INSTITUTION = new Weighted(['ApS', '', 'I/S', 'A/S'], [50, 40, 5, 5]);

function coined(rng: Random): string {
  return rng.pick(COIN_HEADS) + rng.pick(COIN_TAILS);
}

function genitive(word: string): string {
  return /[sxz]$/.test(word) ? word : `${word}s`;
}

function withLegal(base: string, legal: string, rng: Random): string {
  if (legal === 'v/') return `${base} v/ ${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
  return legal ? `${base} ${legal}` : base;
}

/** A name for a supplier in the given category (uniqueness is the caller's job). */
export function supplierName(rng: Random, categoryId: string, indexInCategory: number): string {
  if (categoryId === 'nonaddr.public') return PUBLIC_BODIES[indexInCategory % PUBLIC_BODIES.length]!;
  const institution = INSTITUTIONS[categoryId];
  if (institution) {
    const base = `${rng.pick(institution)} ${rng.pick(NATURE_NAMES)}`;
    if (categoryId === 'nonaddr.transfers') return rng.chance(0.5) ? `${base} af ${rng.int(1920, 2015)}` : base;
    return withLegal(base, LEGAL_INSTITUTION.pick(rng), rng);
  }
  const trade = rng.pick(TRADE[categoryId] ?? ['Service']);
  const professional = categoryId === 'consulting.legal' || categoryId === 'consulting.finance' || categoryId === 'works.advisory';
  if (professional) {
    const base = rng.chance(0.6) ? `${rng.pick(SURNAMES)} & ${rng.pick(SURNAMES)} ${trade}` : `${coined(rng)} ${trade}`;
    return withLegal(base, LEGAL_PROFESSIONAL.pick(rng), rng);
  }
  const legal = LEGAL.pick(rng);
  const pattern = rng.int(0, 6);
  let base: string;
  if (legal === 'v/') base = /^[A-ZÆØÅ][a-zæøå]{1,6}$|^VVS$/.test(trade) && rng.chance(0.6) ? `${trade}firmaet` : `${rng.pick(PLACES)} ${trade}`;
  else if (pattern === 0) base = `${rng.pick(SURNAMES)} ${trade}`;
  else if (pattern === 1) base = `${genitive(rng.pick(PLACES))} ${trade}`;
  else if (pattern === 2) base = `${coined(rng)} ${trade}`;
  else if (pattern === 3) base = `${trade} ${rng.pick(PLACES)}`;
  else if (pattern === 4) base = `${rng.pick(SURNAMES)} & ${rng.pick(SURNAMES)}`;
  else if (pattern === 5) base = `${rng.pick(FIRST_NAMES)} ${genitive(rng.pick(SURNAMES))} ${trade}`;
  else base = coined(rng);
  return withLegal(base, legal, rng);
}

/**
 * Spellings of one supplier that finance systems actually hold side by side: upper case with
 * the slash lost ("LYRECO DANMARK AS"), no legal form, only the first word.
 */
export function nameVariants(rng: Random, name: string): string[] {
  const out = new Set<string>();
  const noLegal = name.replace(/\s+(A\/S|ApS|I\/S|IVS|K\/S|P\/S)$/, '').replace(/\s+v\/ .*$/, '');
  out.add(name.toUpperCase().replace('A/S', 'AS').replace('I/S', 'IS').replace('P/S', 'PS'));
  if (noLegal !== name) out.add(noLegal);
  const firstWord = noLegal.split(' ')[0]!;
  // "Lyreco" for "Lyreco Danmark A/S" is a real habit; "Opholdsstedet" or "Charlotte" alone is not.
  if (firstWord.length >= 4 && firstWord !== noLegal && !firstWord.endsWith('s') && !GENERIC_WORDS.has(firstWord)) out.add(firstWord);
  if (name.includes(' & ')) out.add(name.replace(' & ', ' og '));
  if (name.endsWith(' ApS')) out.add(name.replace(/ ApS$/, ' Aps'));
  out.delete(name);
  return rng.shuffled([...out]).slice(0, rng.int(1, 3));
}

import type { UnitSpec, WordStock } from '../../profile.js';

/**
 * Fjordby Kommune's organisation: centres and named institutions as a mid-size West Jutland
 * municipality names them, not Demo Kommune's "Rådhuset – ..." departments. Types decide which
 * units buy what (the categories' unit affinities); the function is the chart-of-accounts
 * function the unit books on.
 */
export const FJORDBY_UNITS: readonly UnitSpec[] = [
  ['Center for Økonomi og Personale', 'admin', 3, '06.45.51'],
  ['Center for Digitalisering og IT', 'it', 3, '06.45.51'],
  ['Borgerservice og Ydelse', 'admin', 2, '06.45.51'],
  ['Sekretariat og Politisk Betjening', 'admin', 1, '06.42.41'],
  ['Jobcenter Fjordby', 'job', 3, '05.68.90'],
  ['Center for Ejendomme', 'property', 5, '06.45.50'],
  ['Teknisk Drift', 'roads', 4, '02.28.20'],
  ['Genbrugspladsen og Materielgården', 'roads', 1, '01.38.60'],
  ['Skole Vest', 'school', 3, '03.22.01'],
  ['Skole Øst', 'school', 3, '03.22.01'],
  ['Fjordskolen', 'school', 2, '03.22.01'],
  ['Ungecenter Fjordby', 'school', 1, '03.22.18'],
  ['PPR og Familierådgivning', 'family', 3, '05.28.24'],
  ['Dagtilbud Vest', 'daycare', 2, '05.25.14'],
  ['Dagtilbud Øst', 'daycare', 2, '05.25.14'],
  ['Dagplejen Fjordby', 'daycare', 1, '05.25.11'],
  ['Ældrecenter Birkely', 'nursing', 3, '05.30.27'],
  ['Ældrecenter Strandparken', 'nursing', 2, '05.30.27'],
  ['Hjemme- og Sygeplejen', 'homecare', 5, '05.30.26'],
  ['Produktionskøkkenet Havnegade', 'kitchen', 2, '05.30.26'],
  ['Træning og Rehabilitering', 'health', 2, '04.62.90'],
  ['Hjælpemiddelcentralen', 'aids', 2, '05.35.40'],
  ['Socialpsykiatri og Handicap', 'disability', 3, '05.38.52'],
  ['Bostedet Engtoften', 'disability', 2, '05.38.50'],
  ['Fjordby Bibliotekerne', 'library', 1, '03.32.50'],
  ['Kultur og Fritid', 'culture', 1, '03.35.64'],
  ['Musikskolen', 'culture', 1, '03.35.63'],
];

/** Fjordby's cost centres: a four-digit number per unit in the finance system (KMD-style). */
export function fjordbyCostCentre(fn: string, index: number): string {
  return `${fn.slice(0, 2)}${String(11 + index * 3).padStart(2, '0')}`;
}

/** "Center for Ejendomme" reads "Ejendomme" in an invoice text. */
export const fjordbyUnitLabel = (name: string): string => name.replace(/^Center for /, '');

/** Names Fjordby's invoices and suppliers draw from; none of them is in Demo Kommune's stock. */
export const FJORDBY_WORDS: WordStock = {
  firstNames: [
    'Aksel', 'Bent', 'Carsten', 'Erik', 'Flemming', 'Gert', 'Jesper', 'Kim', 'Leif', 'Torben', 'Villy', 'Allan',
    'Brian', 'Dennis', 'Jonas', 'Emil', 'Kaj', 'Svend', 'Palle', 'Finn', 'Gitte', 'Bente', 'Dorte', 'Else',
    'Grethe', 'Jane', 'Karina', 'Lise', 'Merete', 'Nina', 'Rikke', 'Tove', 'Ulla', 'Vibeke', 'Anja', 'Ditte',
  ],
  surnames: [
    'Kjeldsen', 'Bundgaard', 'Kristoffersen', 'Tranberg', 'Munk', 'Gade', 'Thygesen', 'Sloth', 'Vinther',
    'Graversen', 'Lykke', 'Brix', 'Bisgaard', 'Kirk', 'Agerskov', 'Bækgaard', 'Hedegaard', 'Mølgaard', 'Rahbek',
    'Stausholm', 'Lauritsen', 'Kyed', 'Ravn', 'Hvid', 'Borch', 'Skytte', 'Buch', 'Fogh', 'Hald', 'Lyngsø',
    'Ebbesen', 'Dissing', 'Holst', 'Ladefoged', 'Damsgaard', 'Bonde', 'Sønderby', 'Kallesøe', 'Nygaard', 'Vestergård',
  ],
  streets: [
    'Havnegade', 'Fjordvej', 'Klitvej', 'Markedsgade', 'Jernbanegade', 'Værkstedsvej', 'Sandagervej', 'Mejerivej',
    'Ringvejen', 'Tværgade', 'Kirkegade', 'Borgergade', 'Søvej', 'Enghavevej', 'Lyngvej', 'Hedevej', 'Bygaden',
    'Slusevej', 'Strandgade', 'Ndr. Ringvej', 'Sdr. Allé', 'Bøgevej', 'Ahornvej', 'Pilevej', 'Gartnervej',
  ],
  cities: [
    ['7700', 'Thisted'], ['7800', 'Skive'], ['7900', 'Nykøbing M'], ['9200', 'Aalborg SV'], ['7620', 'Lemvig'],
    ['7560', 'Hjerm'], ['8800', 'Viborg'], ['9500', 'Hobro'], ['7600', 'Struer'], ['9600', 'Aars'],
    ['8210', 'Aarhus V'], ['2770', 'Kastrup'], ['5220', 'Odense SØ'], ['7430', 'Ikast'], ['6800', 'Varde'],
  ],
  // Like Demo Kommune's postcode, 9998 is not assigned in Denmark.
  homeCity: ['9998', 'Fjordby'],
};

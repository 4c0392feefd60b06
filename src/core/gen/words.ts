/** Danish word stock shared by supplier names, addresses and invoice texts. */

export const FIRST_NAMES = [
  'Hans', 'Peter', 'Jens', 'Lars', 'Søren', 'Niels', 'Michael', 'Henrik', 'Thomas', 'Jan', 'Ole', 'Per',
  'Bo', 'Rasmus', 'Mads', 'Kasper', 'Morten', 'Anders', 'Jørgen', 'Poul', 'Frederik', 'Christian',
  'Anne', 'Mette', 'Kirsten', 'Hanne', 'Lone', 'Susanne', 'Louise', 'Camilla', 'Birgitte', 'Marianne',
  'Helle', 'Pia', 'Tina', 'Lene', 'Karen', 'Inge', 'Maria', 'Sofie', 'Ida', 'Signe', 'Charlotte', 'Jette',
] as const;

export const SURNAMES = [
  'Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen',
  'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen',
  'Møller', 'Mortensen', 'Knudsen', 'Jakobsen', 'Mikkelsen', 'Frederiksen', 'Laursen', 'Henriksen', 'Lund',
  'Schmidt', 'Eriksen', 'Holm', 'Kristiansen', 'Clausen', 'Simonsen', 'Svendsen', 'Andreasen', 'Iversen',
  'Jeppesen', 'Mogensen', 'Vestergaard', 'Nissen', 'Lauridsen', 'Kjær', 'Dam', 'Bach', 'Bang', 'Krogh',
  'Høj', 'Skov', 'Bruun', 'Winther', 'Toft', 'Juhl', 'Brandt', 'Friis', 'Lindberg', 'Bertelsen', 'Dahl',
  'Kofoed', 'Riis', 'Storm', 'Nørgaard', 'Overgaard', 'Søndergaard', 'Østergaard', 'Damgaard', 'Kirkegaard',
] as const;

/** Regions and fictional towns for names like "Nordsjællands Rengøring ApS". */
export const PLACES = [
  'Nordsjælland', 'Midtjylland', 'Sydfyn', 'Vestegnen', 'Østjylland', 'Djursland', 'Himmerland', 'Vendsyssel',
  'Lolland-Falster', 'Trekantområdet', 'Sønderjylland', 'Vestsjælland', 'Storstrøm', 'Skovlund', 'Egebjerg',
  'Lindholm', 'Højby', 'Fjordby', 'Åbjerg', 'Strandby', 'Kirkeby', 'Nørreby', 'Vesterby', 'Østerby', 'Bakkely',
  'Demoby', 'Nord', 'Syd', 'Vest', 'Øst', 'Danmark', 'Fyn', 'Sjælland', 'Jylland',
] as const;

/** Syllables for coined brand names ("Danvia", "Scantek"). */
export const COIN_HEADS = [
  'Nor', 'Dan', 'Scan', 'Skan', 'Vest', 'Nord', 'Pro', 'Eco', 'Medi', 'Lux', 'Uni', 'Multi', 'Inter', 'Opti',
  'Klar', 'Grøn', 'Sol', 'Nova', 'Alfa', 'Delta', 'Bio', 'Tri', 'Kvik', 'Flex', 'Prima', 'Terra', 'Aqua',
] as const;
export const COIN_TAILS = [
  'lux', 'via', 'tek', 'com', 'net', 'care', 'line', 'form', 'max', 'plus', 'ment', 'sys', 'vent', 'data',
  'trans', 'med', 'ton', 'dan', 'skan', 'gruppen', 'partner', 'nord', 'point', 'sense',
] as const;

/** Nature names of care homes and institutions ("Opholdsstedet Lærkereden"). */
export const NATURE_NAMES = [
  'Lærkereden', 'Kildevang', 'Havbrisen', 'Egebakken', 'Solbjerg', 'Birkely', 'Fjordglimt', 'Skovly',
  'Lyngbakken', 'Engly', 'Toftegården', 'Rosenhøj', 'Bøgely', 'Granly', 'Mosegården', 'Ådalen', 'Bakkegården',
  'Søhuset', 'Strandgården', 'Lindegården', 'Vibehuset', 'Tranehøj', 'Kastanjen', 'Fuglsang', 'Hyldebakken',
  'Ravnsborg', 'Stormly', 'Hedely', 'Klitgården', 'Ulvedalen', 'Æblehaven', 'Nøddebo', 'Mølleåen', 'Solsikken',
] as const;

export const STREETS = [
  'Vestergade', 'Industrivej', 'Hovedgaden', 'Stationsvej', 'Håndværkervej', 'Erhvervsvej', 'Nørregade',
  'Søndergade', 'Østergade', 'Fabriksvej', 'Transportvej', 'Lundsvej', 'Kirkevej', 'Parkvej', 'Skolevej',
  'Møllevej', 'Engvej', 'Bakkevej', 'Grønnegade', 'Strandvejen', 'Åboulevarden', 'Kongevejen', 'Teglværksvej',
  'Smedevej', 'Tømrervej', 'Savværksvej', 'Egevej', 'Birkevej', 'Rosenvænget', 'Lærkevej',
] as const;

export const CITIES: readonly (readonly [string, string])[] = [
  ['8000', 'Aarhus C'], ['5000', 'Odense C'], ['2600', 'Glostrup'], ['7100', 'Vejle'], ['9000', 'Aalborg'],
  ['6000', 'Kolding'], ['8600', 'Silkeborg'], ['4000', 'Roskilde'], ['2800', 'Kongens Lyngby'], ['7400', 'Herning'],
  ['8700', 'Horsens'], ['4700', 'Næstved'], ['3400', 'Hillerød'], ['6700', 'Esbjerg'], ['2300', 'København S'],
  ['2450', 'København SV'], ['8900', 'Randers C'], ['5700', 'Svendborg'], ['4200', 'Slagelse'], ['6100', 'Haderslev'],
  ['2630', 'Taastrup'], ['2605', 'Brøndby'], ['8200', 'Aarhus N'], ['7500', 'Holstebro'], ['4600', 'Køge'],
];

/** The demo municipality's own town (the postcode is unassigned in Denmark). */
export const HOME_CITY = ['9999', 'Demoby'] as const;

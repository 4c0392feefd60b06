/**
 * The canonical columns an import can fill, and the header words that name them in Danish,
 * English, Swedish and Norwegian exports. Matching is on a normalised header (lowercase,
 * letters and digits only), so "CVR-nr." and "cvr nr" are the same.
 */
export const ROLES = [
  'documentId',
  'documentDate',
  'postingDate',
  'supplierCvr',
  'supplierName',
  'unit',
  'unitEan',
  'account',
  'accountNo',
  'description',
  'itemCode',
  'itemScheme',
  'itemNumber',
  'quantity',
  'unitPrice',
  'amount',
  'currency',
  'orderRef',
] as const;
export type Role = (typeof ROLES)[number];

export type Mapping = Partial<Record<Role, string>>;

const SYNONYMS: Record<Role, string[]> = {
  documentId: ['faktnr', 'bilagsnr', 'bilagsnummer', 'bilag', 'fakturanr', 'fakturanummer', 'invoiceno', 'invoicenumber', 'documentno', 'documentnumber', 'verifikationsnummer', 'fakturanummer'],
  documentDate: ['fakturadato', 'bilagsdato', 'dokumentdato', 'invoicedate', 'documentdate', 'fakturadatum', 'ordredato', 'orderdate', 'dato', 'date'],
  postingDate: ['bogføringsdato', 'bogforingsdato', 'posteringsdato', 'gldate', 'postingdate', 'paymentdate', 'bokföringsdatum', 'betalningsdatum', 'betalingsdato', 'konteringsdato'],
  supplierCvr: ['cvrnr', 'cvr', 'cvrnummer', 'leverandørcvr', 'kreditorcvr', 'sevatnr', 'vatnumber', 'vatno', 'orgnr', 'organisationsnummer', 'organisasjonsnummer', 'leverantörorgnr', 'companyid', 'organisatio', 'orgnummer', 'organisationsnr'],
  supplierName: ['leverandør', 'leverandørnavn', 'kreditor', 'kreditornavn', 'supplier', 'suppliername', 'vendor', 'vendorname', 'leverantör', 'leverantörsnamn', 'leverantörnamn', 'leverandor', 'leverandørnamn', 'payee'],
  unit: ['omkostningssted', 'enhed', 'afdeling', 'ansvarssted', 'organisationsenhed', 'organisationalunit', 'businessunitdescription', 'centername', 'department', 'förvaltning', 'enhet', 'avdelning', 'kostnadsställe', 'costcentre', 'costcenter'],
  unitEan: ['ean', 'eannr', 'eannummer', 'gln', 'glnnr', 'modtagerean'],
  account: ['art', 'artskonto', 'arttekst', 'kontoart'],
  accountNo: ['konto', 'kontonr', 'kontonummer', 'expensecode', 'account', 'accountno', 'accountcode', 'finanskonto'],
  description: ['tekst', 'beskrivelse', 'varetekst', 'linjetekst', 'posteringstekst', 'description', 'text', 'itemdescription', 'expensecodedescription', 'accountname', 'benämning', 'beskrivning', 'varenavn'],
  itemCode: ['unspsc', 'unspsckode', 'cpv', 'cpvkode', 'varekode', 'klassifikationskode', 'itemclassificationcode', 'commoditycode'],
  itemNumber: ['varenummer', 'varenr', 'itemnumber', 'itemno', 'itemcode', 'artikelnummer', 'artikelnr', 'produktnummer', 'produktnr', 'sellersitemid', 'leverandørvarenr'],
  itemScheme: ['itemscheme', 'kodeliste', 'klassifikation'],
  quantity: ['antal', 'mængde', 'quantity', 'qty', 'antall', 'kvantitet'],
  unitPrice: ['enhedspris', 'stykpris', 'pris', 'unitprice', 'price', 'styckpris', 'enhetspris'],
  amount: ['utfall', 'beløb', 'belob', 'beløbekskmoms', 'beløbeksklmoms', 'nettobeløb', 'amount', 'netamount', 'invoicedvalue', 'paymentamount', 'belopp', 'beløpeksmva', 'beløp', 'linjebeløb', 'value'],
  currency: ['valuta', 'currency', 'valutakode'],
  orderRef: ['ordrenr', 'ordrenummer', 'ordre', 'orderreference', 'orderno', 'ponumber', 'indkøbsordre', 'beställningsnummer'],
};

export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9æøåäöü]/g, '');
}

/**
 * Proposes a role for each header by its name: exact synonyms first, then a header that
 * starts with a synonym ("Beløb i DKK" → amount). Each role and each header is used once.
 */
export function proposeMapping(headers: readonly string[]): Mapping {
  const mapping: Mapping = {};
  const used = new Set<string>();
  const passes: ((h: string, s: string) => boolean)[] = [
    (h, s) => h === s,
    (h, s) => s.length >= 3 && h.startsWith(s),
    // "RN1/FÖRVALTNING" holds "förvaltning": long synonyms may stand anywhere in the header.
    (h, s) => s.length >= 6 && h.includes(s),
  ];
  for (const matches of passes) {
    for (const role of ROLES) {
      if (mapping[role]) continue;
      const header = headers.find((h) => !used.has(h) && SYNONYMS[role].some((s) => matches(normaliseHeader(h), s)));
      if (header) {
        mapping[role] = header;
        used.add(header);
      }
    }
  }
  return mapping;
}

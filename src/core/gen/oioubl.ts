import { formatIsoDate } from './calendar.js';
import { formatMinorDot, formatQtyDot, xmlEscape } from './format.js';
import { hashSeed } from './prng.js';
import type { Address, Document, InvoiceLine, Supplier } from './types.js';

/**
 * OIOUBL 2.1 Invoice and CreditNote documents shaped like the official examples: supplier by
 * CVR (schemeID DK:CVR), buyer unit by GLN, lines with UNSPSC item classification and the
 * account string in AccountingCost. Credit notes carry positive amounts, as the standard wants.
 */

const NS = {
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

const TAX_SCHEME =
  '<cac:TaxScheme><cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxschemeid-1.5">63</cbc:ID><cbc:Name>Moms</cbc:Name></cac:TaxScheme>';

function taxCategory(vatFree: boolean): string {
  return vatFree
    ? `<cac:TaxCategory><cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxcategoryid-1.3">ZeroRated</cbc:ID><cbc:Percent>0</cbc:Percent>${TAX_SCHEME}</cac:TaxCategory>`
    : `<cac:TaxCategory><cbc:ID schemeAgencyID="320" schemeID="urn:oioubl:id:taxcategoryid-1.3">StandardRated</cbc:ID><cbc:Percent>25</cbc:Percent>${TAX_SCHEME}</cac:TaxCategory>`;
}

function address(a: Address): string {
  return (
    `<cac:PostalAddress><cbc:AddressFormatCode listAgencyID="320" listID="urn:oioubl:codelist:addressformatcode-1.1">StructuredDK</cbc:AddressFormatCode>` +
    `<cbc:StreetName>${xmlEscape(a.street)}</cbc:StreetName><cbc:BuildingNumber>${a.number}</cbc:BuildingNumber>` +
    `<cbc:CityName>${xmlEscape(a.city)}</cbc:CityName><cbc:PostalZone>${a.zip}</cbc:PostalZone>` +
    `<cac:Country><cbc:IdentificationCode>DK</cbc:IdentificationCode></cac:Country></cac:PostalAddress>`
  );
}

/** A UUID derived from the seed and document number, so reruns give identical files. */
export function documentUuid(seed: string, docNo: string): string {
  const hex = hashSeed(`${seed}|uuid|${docNo}`).map((w) => w.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The CVR field as the supplier's system sends it: OIOUBL writes CVR numbers with "DK". */
function cvrId(cvrText: string): string {
  const compact = cvrText.replace(/\s+/g, '');
  return compact.startsWith('DK') ? compact : `DK${compact}`;
}

function supplierParty(doc: Document, supplier: Supplier): string {
  const cvr = doc.cvrText ? cvrId(doc.cvrText) : '';
  const name = xmlEscape(doc.supplierName);
  return (
    '<cac:AccountingSupplierParty><cac:Party>' +
    (cvr ? `<cbc:EndpointID schemeID="DK:CVR">${cvr}</cbc:EndpointID><cac:PartyIdentification><cbc:ID schemeID="DK:CVR">${cvr}</cbc:ID></cac:PartyIdentification>` : '') +
    `<cac:PartyName><cbc:Name>${name}</cbc:Name></cac:PartyName>${address(supplier.address)}` +
    (cvr ? `<cac:PartyTaxScheme><cbc:CompanyID schemeID="DK:SE">${cvr}</cbc:CompanyID>${TAX_SCHEME}</cac:PartyTaxScheme>` : '') +
    `<cac:PartyLegalEntity><cbc:RegistrationName>${name}</cbc:RegistrationName>` +
    (cvr ? `<cbc:CompanyID schemeID="DK:CVR">${cvr}</cbc:CompanyID>` : '') +
    '</cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>'
  );
}

function customerParty(doc: Document, municipality: Municipality): string {
  const name = xmlEscape(municipality.name);
  const gln = doc.unit.gln;
  return (
    '<cac:AccountingCustomerParty><cac:Party>' +
    `<cbc:EndpointID schemeAgencyID="9" schemeID="GLN">${gln}</cbc:EndpointID>` +
    `<cac:PartyIdentification><cbc:ID schemeAgencyID="9" schemeID="GLN">${gln}</cbc:ID></cac:PartyIdentification>` +
    `<cac:PartyName><cbc:Name>${name}, ${xmlEscape(doc.unit.name)}</cbc:Name></cac:PartyName>${address(doc.unit.address)}` +
    `<cac:PartyLegalEntity><cbc:RegistrationName>${name}</cbc:RegistrationName><cbc:CompanyID schemeID="DK:CVR">DK${municipality.cvr}</cbc:CompanyID></cac:PartyLegalEntity>` +
    '</cac:Party></cac:AccountingCustomerParty>'
  );
}

function line(doc: Document, l: InvoiceLine, vatFree: boolean): string {
  const cur = doc.currency;
  const amount = Math.abs(l.amountMinor);
  const tax = vatFree ? 0 : Math.round(amount * 0.25);
  const tag = doc.credit ? 'CreditNoteLine' : 'InvoiceLine';
  const qtyTag = doc.credit ? 'CreditedQuantity' : 'InvoicedQuantity';
  const text = xmlEscape(l.text);
  return (
    `<cac:${tag}><cbc:ID>${l.lineNo}</cbc:ID>` +
    `<cbc:${qtyTag} unitCode="${l.unitCode}">${formatQtyDot(Math.abs(l.qtyHundredths))}</cbc:${qtyTag}>` +
    `<cbc:LineExtensionAmount currencyID="${cur}">${formatMinorDot(amount)}</cbc:LineExtensionAmount>` +
    `<cbc:AccountingCost>${xmlEscape(l.account)}</cbc:AccountingCost>` +
    (doc.orderNo ? `<cac:OrderLineReference><cbc:LineID>${l.lineNo}</cbc:LineID></cac:OrderLineReference>` : '') +
    `<cac:TaxTotal><cbc:TaxAmount currencyID="${cur}">${formatMinorDot(tax)}</cbc:TaxAmount><cac:TaxSubtotal>` +
    `<cbc:TaxableAmount currencyID="${cur}">${formatMinorDot(amount)}</cbc:TaxableAmount><cbc:TaxAmount currencyID="${cur}">${formatMinorDot(tax)}</cbc:TaxAmount>` +
    `${taxCategory(vatFree)}</cac:TaxSubtotal></cac:TaxTotal>` +
    `<cac:Item>${text ? `<cbc:Description>${text}</cbc:Description>` : ''}<cbc:Name>${text}</cbc:Name>` +
    (l.itemNo ? `<cac:SellersItemIdentification><cbc:ID>${xmlEscape(l.itemNo)}</cbc:ID></cac:SellersItemIdentification>` : '') +
    (l.unspsc ? `<cac:CommodityClassification><cbc:ItemClassificationCode listAgencyID="113" listID="UNSPSC">${l.unspsc}</cbc:ItemClassificationCode></cac:CommodityClassification>` : '') +
    `</cac:Item><cac:Price><cbc:PriceAmount currencyID="${cur}">${formatMinorDot(l.priceMinor)}</cbc:PriceAmount>` +
    `<cbc:BaseQuantity unitCode="${l.unitCode}">1</cbc:BaseQuantity></cac:Price></cac:${tag}>`
  );
}

/** The buyer: the municipality's name and CVR. */
export interface Municipality {
  name: string;
  cvr: string;
}

export function oioublXml(doc: Document, seed: string, municipality: Municipality, vatFree: boolean): string {
  const root = doc.credit ? 'CreditNote' : 'Invoice';
  const cur = doc.currency;
  let total = 0;
  let tax = 0;
  for (const l of doc.lines) {
    const amount = Math.abs(l.amountMinor);
    total += amount;
    tax += vatFree ? 0 : Math.round(amount * 0.25);
  }
  const issue = formatIsoDate(doc.invoiceDay);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="${NS.cac}" xmlns:cbc="${NS.cbc}">` +
    '<cbc:UBLVersionID>2.1</cbc:UBLVersionID><cbc:CustomizationID>OIOUBL-2.1</cbc:CustomizationID>' +
    '<cbc:ProfileID schemeAgencyID="320" schemeID="urn:oioubl:id:profileid-1.6">Procurement-BilSim-1.0</cbc:ProfileID>' +
    `<cbc:ID>${doc.docNo}</cbc:ID><cbc:CopyIndicator>false</cbc:CopyIndicator><cbc:UUID>${documentUuid(seed, doc.docNo)}</cbc:UUID>` +
    `<cbc:IssueDate>${issue}</cbc:IssueDate>` +
    (doc.credit ? '' : '<cbc:InvoiceTypeCode listAgencyID="320" listID="urn:oioubl:codelist:invoicetypecode-1.2">380</cbc:InvoiceTypeCode>') +
    `<cbc:DocumentCurrencyCode>${cur}</cbc:DocumentCurrencyCode><cbc:AccountingCost>${doc.unit.costCentre}</cbc:AccountingCost>` +
    (doc.orderNo ? `<cac:OrderReference><cbc:ID>${doc.orderNo}</cbc:ID><cbc:IssueDate>${formatIsoDate(doc.orderDay)}</cbc:IssueDate></cac:OrderReference>` : '') +
    supplierParty(doc, doc.supplier) +
    customerParty(doc, municipality) +
    (doc.credit ? '' : `<cac:PaymentMeans><cbc:PaymentMeansCode>42</cbc:PaymentMeansCode><cbc:PaymentDueDate>${formatIsoDate(doc.invoiceDay + 30)}</cbc:PaymentDueDate></cac:PaymentMeans>`) +
    `<cac:TaxTotal><cbc:TaxAmount currencyID="${cur}">${formatMinorDot(tax)}</cbc:TaxAmount><cac:TaxSubtotal>` +
    `<cbc:TaxableAmount currencyID="${cur}">${formatMinorDot(total)}</cbc:TaxableAmount><cbc:TaxAmount currencyID="${cur}">${formatMinorDot(tax)}</cbc:TaxAmount>` +
    `${taxCategory(vatFree)}</cac:TaxSubtotal></cac:TaxTotal>` +
    `<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="${cur}">${formatMinorDot(total)}</cbc:LineExtensionAmount>` +
    `<cbc:TaxExclusiveAmount currencyID="${cur}">${formatMinorDot(tax)}</cbc:TaxExclusiveAmount>` +
    `<cbc:TaxInclusiveAmount currencyID="${cur}">${formatMinorDot(total + tax)}</cbc:TaxInclusiveAmount>` +
    `<cbc:PayableAmount currencyID="${cur}">${formatMinorDot(total + tax)}</cbc:PayableAmount></cac:LegalMonetaryTotal>` +
    doc.lines.map((l) => line(doc, l, vatFree)).join('') +
    `</${root}>\n`
  );
}

/**
 * A hand-written Peppol BIS Billing 3 document in the shape real access points send: default
 * namespace on the root, cac/cbc under other prefixes, and a default-namespace redeclaration on
 * one aggregate, so the parser has to match on local names.
 */
export interface FixtureLine {
  amount: string;
  quantity?: string;
  price?: string;
  name?: string;
  code?: { listID: string; value: string };
}

export interface FixtureAllowanceCharge {
  charge: boolean;
  amount: string;
  reason?: string;
}

export interface Fixture {
  kind?: 'Invoice' | 'CreditNote';
  lines: FixtureLine[];
  allowanceCharges?: FixtureAllowanceCharge[];
  lineExtension: string;
  taxExclusive: string;
  encoding?: string;
  supplierName?: string;
}

const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

function line(kind: 'Invoice' | 'CreditNote', l: FixtureLine, i: number): string {
  const qty = kind === 'Invoice' ? 'InvoicedQuantity' : 'CreditedQuantity';
  const code = l.code
    ? `<a:CommodityClassification><b:ItemClassificationCode listID="${l.code.listID}">${l.code.value}</b:ItemClassificationCode></a:CommodityClassification>`
    : '';
  return `
  <a:${kind}Line>
    <b:ID>${i + 1}</b:ID>
    <b:${qty} unitCode="C62">${l.quantity ?? '1'}</b:${qty}>
    <b:LineExtensionAmount currencyID="DKK">${l.amount}</b:LineExtensionAmount>
    <a:OrderLineReference><b:LineID>${i + 1}</b:LineID></a:OrderLineReference>
    <a:Item>
      <b:Description>Beskrivelse ${i + 1}</b:Description>
      <b:Name>${l.name ?? `Vare ${i + 1}`}</b:Name>
      <a:SellersItemIdentification><b:ID>SKU-${i + 1}</b:ID></a:SellersItemIdentification>
      ${code}
      <a:ClassifiedTaxCategory><b:ID>S</b:ID><b:Percent>25</b:Percent><a:TaxScheme><b:ID>VAT</b:ID></a:TaxScheme></a:ClassifiedTaxCategory>
    </a:Item>
    <a:Price><b:PriceAmount currencyID="DKK">${l.price ?? l.amount}</b:PriceAmount></a:Price>
  </a:${kind}Line>`;
}

function allowanceCharge(ac: FixtureAllowanceCharge): string {
  return `
  <AllowanceCharge xmlns="${CAC}">
    <ChargeIndicator xmlns="${CBC}">${ac.charge}</ChargeIndicator>
    ${ac.reason ? `<AllowanceChargeReason xmlns="${CBC}">${ac.reason}</AllowanceChargeReason>` : ''}
    <Amount xmlns="${CBC}" currencyID="DKK">${ac.amount}</Amount>
    <TaxCategory><ID xmlns="${CBC}">S</ID><Percent xmlns="${CBC}">25</Percent><TaxScheme><ID xmlns="${CBC}">VAT</ID></TaxScheme></TaxCategory>
  </AllowanceCharge>`;
}

export function peppolXml(f: Fixture): string {
  const kind = f.kind ?? 'Invoice';
  return `<?xml version="1.0" encoding="${f.encoding ?? 'UTF-8'}"?>
<${kind} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${kind}-2" xmlns:a="${CAC}" xmlns:b="${CBC}">
  <b:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</b:CustomizationID>
  <b:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</b:ProfileID>
  <b:ID>PEP-1001</b:ID>
  <b:IssueDate>2025-03-14</b:IssueDate>
  <b:${kind}TypeCode>${kind === 'Invoice' ? 380 : 381}</b:${kind}TypeCode>
  <b:DocumentCurrencyCode>DKK</b:DocumentCurrencyCode>
  <b:AccountingCost>4711</b:AccountingCost>
  <a:OrderReference><b:ID>PO-77</b:ID></a:OrderReference>
  <a:AccountingSupplierParty><a:Party>
    <b:EndpointID schemeID="0088">5790000000001</b:EndpointID>
    <a:PartyName><b:Name>${f.supplierName ?? 'Kontorgrossisten A/S'}</b:Name></a:PartyName>
    <a:PartyLegalEntity><b:RegistrationName>Kontorgrossisten A/S</b:RegistrationName><b:CompanyID schemeID="0184">DK12345678</b:CompanyID></a:PartyLegalEntity>
  </a:Party></a:AccountingSupplierParty>
  <a:AccountingCustomerParty><a:Party>
    <b:EndpointID schemeID="0088">5798000123456</b:EndpointID>
    <a:PartyLegalEntity><b:RegistrationName>Eksempel Kommune, Skoleafdelingen</b:RegistrationName><b:CompanyID schemeID="0184">29189919</b:CompanyID></a:PartyLegalEntity>
  </a:Party></a:AccountingCustomerParty>
  ${(f.allowanceCharges ?? []).map(allowanceCharge).join('')}
  <a:Delivery/><a:PaymentMeans><b:PaymentMeansCode>31</b:PaymentMeansCode></a:PaymentMeans>
  <a:TaxTotal><b:TaxAmount currencyID="DKK">0.00</b:TaxAmount></a:TaxTotal>
  <a:LegalMonetaryTotal>
    <b:LineExtensionAmount currencyID="DKK">${f.lineExtension}</b:LineExtensionAmount>
    <b:TaxExclusiveAmount currencyID="DKK">${f.taxExclusive}</b:TaxExclusiveAmount>
    <b:PayableAmount currencyID="DKK">0.00</b:PayableAmount>
  </a:LegalMonetaryTotal>
  ${f.lines.map((l, i) => line(kind, l, i)).join('')}
</${kind}>`;
}

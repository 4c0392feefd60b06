import { attr, child, children, firstText, text, type XmlElement } from './xml-tree.js';

/**
 * Supplier and buyer identification across OIOUBL and Peppol BIS 3, which name the same
 * identifiers with different scheme codes.
 */

/** OIOUBL 'DK:CVR'; Peppol ICD 0184 (DK CVR) and the retired 9902 that older senders still use. */
const CVR_SCHEMES = new Set(['DK:CVR', '0184', '9902']);
/** OIOUBL 'GLN'; Peppol ICD 0088 (GS1 GLN). */
const GLN_SCHEMES = new Set(['GLN', '0088']);
const CVR_SHAPE = /^(?:DK)?\d{8}$/i;

function scheme(el: XmlElement): string | null {
  return attr(el, 'schemeID')?.toUpperCase() ?? null;
}

function cleanCvr(value: string): string {
  return value.replace(/\s+/g, '').replace(/^DK/i, '');
}

function cvrOf(el: XmlElement, allowUnschemed: boolean): string | null {
  const value = text(el);
  if (value === null) return null;
  const s = scheme(el);
  if (s !== null) return CVR_SCHEMES.has(s) ? cleanCvr(value) : null;
  // Peppol makes the CompanyID scheme optional; without one only a CVR-shaped number is trusted.
  return allowUnschemed && CVR_SHAPE.test(value.replace(/\s+/g, '')) ? cleanCvr(value) : null;
}

export function partyOf(
  root: XmlElement,
  role: 'AccountingSupplierParty' | 'AccountingCustomerParty',
): XmlElement | undefined {
  return child(root, role, 'Party');
}

export function supplierCvr(party: XmlElement | undefined): string | null {
  const legal = children(party, 'PartyLegalEntity').flatMap((e) => children(e, 'CompanyID'));
  const other = [
    ...children(party, 'PartyIdentification').flatMap((e) => children(e, 'ID')),
    ...children(party, 'EndpointID'),
  ];
  const candidates = [...legal.map((el) => cvrOf(el, true)), ...other.map((el) => cvrOf(el, false))];
  return candidates.find((cvr) => cvr !== null) ?? null;
}

export function partyName(party: XmlElement | undefined): string | null {
  for (const name of children(party, 'PartyName')) {
    const value = text(child(name, 'Name'));
    if (value !== null) return value;
  }
  return firstText(party, 'PartyLegalEntity', 'RegistrationName');
}

/** The buyer's GLN (EAN location number) that routes the invoice to an organisational unit. */
export function buyerGln(party: XmlElement | undefined): string | null {
  const candidates = [
    ...children(party, 'EndpointID'),
    ...children(party, 'PartyIdentification').flatMap((e) => children(e, 'ID')),
  ];
  for (const el of candidates) {
    const s = scheme(el);
    const value = text(el);
    if (value !== null && s !== null && GLN_SCHEMES.has(s)) return value;
  }
  return null;
}

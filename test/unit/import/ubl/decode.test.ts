import { describe, expect, it } from 'vitest';
import { decodeXml, isUblXml, isZip, rootElement } from '../../../../src/core/import/ubl/decode.js';

const UBL = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';

describe('sniffing the root element', () => {
  it('skips BOM, declaration, comments and doctype, and reads the prefix binding', () => {
    const text = `\uFEFF<?xml version="1.0"?>\n<!-- export -->\n<!DOCTYPE x [<!ENTITY a "b">]>\n<ns0:CreditNote xmlns:cbc="urn:cbc" xmlns:ns0='${UBL}'>`;
    expect(rootElement(text)).toEqual({ name: 'CreditNote', namespace: UBL });
    expect(rootElement('<Invoice>')).toEqual({ name: 'Invoice', namespace: null });
    expect(rootElement('hello')).toBeNull();
  });

  it('accepts a start tag longer than the 4 KB it looks at', () => {
    const attrs = Array.from({ length: 200 }, (_, i) => ` xmlns:p${i}="urn:example:${i}"`).join('');
    expect(isUblXml(new TextEncoder().encode(`<Invoice${attrs}>`))).toBe(true);
  });

  it('reads UTF-16 with a BOM', () => {
    const xml = `<CreditNote xmlns="${UBL}"><ID>Ø</ID></CreditNote>`;
    const bytes = new Uint8Array(2 + xml.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) bytes.set([xml.charCodeAt(i) & 0xff, xml.charCodeAt(i) >> 8], 2 + i * 2);
    expect(isUblXml(bytes)).toBe(true);
    expect(decodeXml('u16.xml', bytes).text).toBe(xml);
  });

  it('names an encoding it cannot decode', () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0" encoding="x-klingon"?><Invoice/>');
    expect(() => decodeXml('k.xml', bytes)).toThrow("k.xml bruger tegnsættet 'x-klingon', som ikke understøttes");
  });

  it('knows a ZIP by its signature', () => {
    expect(isZip(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0))).toBe(true);
    expect(isZip(Uint8Array.of(0x50, 0x4b, 0x05, 0x06))).toBe(true);
    expect(isZip(new TextEncoder().encode('<Invoice/>'))).toBe(false);
  });
});

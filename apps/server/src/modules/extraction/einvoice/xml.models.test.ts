import { describe, expect, it } from 'vitest';
import { EInvoiceError } from './einvoice.errors.ts';
import { decodeEntities, elementsAt, parseXmlDocument, readRootElement, textAt, textInCurrency } from './xml.models.ts';

function refusal(xml: string): EInvoiceError {
  try {
    parseXmlDocument(xml);
  } catch (error) {
    if (error instanceof EInvoiceError) return error;
    throw error;
  }
  throw new Error('expected an EInvoiceError');
}

describe('readRootElement', () => {
  it('finds a prefixed root and the namespace bound to its prefix', () => {
    expect(readRootElement('<rsm:Doc xmlns:ram="urn:ram" xmlns:rsm="urn:rsm"><x/></rsm:Doc>')).toEqual({
      localName: 'Doc',
      prefix: 'rsm',
      namespace: 'urn:rsm',
    });
  });

  it('uses the default namespace for an unprefixed root', () => {
    expect(readRootElement("<Doc xmlns:a='urn:a' xmlns = 'urn:default'/>")).toEqual({ localName: 'Doc', namespace: 'urn:default' });
  });

  it('skips BOM, declaration, comments, processing instructions and a DOCTYPE', () => {
    const xml = '\uFEFF<?xml version="1.0"?>\n<!-- <Fake xmlns="urn:no"> -->\n<?xml-stylesheet href="a.xsl"?>\n<!DOCTYPE Doc [ <!ENTITY a "<b>"> ]>\n<Doc xmlns="urn:d"/>';
    expect(readRootElement(xml)).toEqual({ localName: 'Doc', namespace: 'urn:d' });
  });

  it('ignores ">" inside attribute values', () => {
    expect(readRootElement('<Doc note="a > b" xmlns="urn:d">')).toEqual({ localName: 'Doc', namespace: 'urn:d' });
  });

  it('returns null for text that does not start like XML', () => {
    expect(readRootElement('')).toBeNull();
    expect(readRootElement('%PDF-1.7')).toBeNull();
    expect(readRootElement('<!-- never closed')).toBeNull();
    expect(readRootElement('<Doc xmlns="urn:d"')).toBeNull();
  });
});

describe('parseXmlDocument', () => {
  it('builds a prefix-free tree with attributes and decoded text', () => {
    const { root, rootInfo } = parseXmlDocument(
      '<r:Root xmlns:r="urn:r" xmlns:c="urn:c"><c:ID schemeID="0088">00123</c:ID><c:Name>A &amp; B &#x41;&#66;</c:Name><c:Note>x <![CDATA[&amp; <raw>]]> y</c:Note></r:Root>',
    );
    expect(rootInfo).toEqual({ localName: 'Root', prefix: 'r', namespace: 'urn:r' });
    expect(root.name).toBe('Root');
    expect(elementsAt(root, 'ID')[0]?.attributes).toEqual({ schemeID: '0088' });
    expect(textAt(root, 'ID')).toBe('00123');
    expect(textAt(root, 'Name')).toBe('A & B AB');
    // CDATA is literal and keeps the spaces around it.
    expect(textAt(root, 'Note')).toBe('x &amp; <raw> y');
  });

  it('keeps documents that use names reserved by JavaScript parseable', () => {
    const { root } = parseXmlDocument('<Root><constructor __proto__="1">x</constructor></Root>');
    expect(textAt(root, '_constructor')).toBe('x');
  });

  it.each([
    ['', 'malformed'],
    ['  \n ', 'malformed'],
    ['\uFEFF', 'malformed'],
    ['<a><b></a>', 'malformed'],
    ['<a>text', 'malformed'],
    ['<a/><b/>', 'malformed'],
    ['<a/> trailing text', 'malformed'],
    ['<!DOCTYPE a><a/>', 'doctype_refused'],
    ['<?xml version="1.0"?><!doctype a SYSTEM "http://example.com/a.dtd"><a/>', 'doctype_refused'],
    ['<a><!ENTITY x "y"></a>', 'doctype_refused'],
  ] as const)('refuses %j as %s', (xml, reason) => {
    expect(refusal(xml).reason).toBe(reason);
  });
});

describe('helpers', () => {
  it('leaves unknown and out-of-range references as written', () => {
    expect(decodeEntities('&nbsp; &#x110000; &lt;')).toBe('&nbsp; &#x110000; <');
  });

  it('picks the amount in the requested currency', () => {
    const { root } = parseXmlDocument('<S><T currencyID="USD">52.10</T><T currencyID="EUR">47.90</T><U>1</U></S>');
    expect(textInCurrency(elementsAt(root, 'T'), 'EUR')).toBe('47.90');
    expect(textInCurrency(elementsAt(root, 'T'), 'CHF')).toBe('52.10');
    expect(textInCurrency(elementsAt(root, 'U'), 'EUR')).toBe('1');
    expect(textInCurrency([], 'EUR')).toBeUndefined();
  });
});

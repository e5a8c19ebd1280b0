import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError } from './payment.provider.js';
import { decodeXmlText, MAX_SOAP_BYTES, parseSoap, parseXmlDocument, SoapFormatError } from './soap.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

describe('SOAP answers read with an XML parser', () => {
  it('matches elements by local name and knows their namespace, whatever the prefix', () => {
    const a = parseSoap(
      `<?xml version="1.0" encoding="UTF-8"?><!-- a comment --><soapenv:Envelope xmlns:soapenv="${SOAP}"><soapenv:Body>` +
        `<p:op xmlns:p="urn:a"><arg0><x>1</x></arg0></p:op></soapenv:Body></soapenv:Envelope>`,
    );
    const b = parseSoap(`<E:Envelope xmlns:E="${SOAP}"><E:Header><h/></E:Header><E:Body><op xmlns="urn:a"><arg0><x>1</x></arg0></op></E:Body></E:Envelope>`);
    for (const m of [a, b]) {
      expect(m.envelopeNs).toBe(SOAP);
      expect(m.body.local).toBe('op');
      expect(m.body.ns).toBe('urn:a');
      expect(m.body.children[0]!.children[0]).toMatchObject({ local: 'x', text: '1' });
      expect(m.fault).toBeNull();
    }
    // an inner redeclaration of the same prefix wins
    const c = parseSoap(`<s:Envelope xmlns:s="${SOAP}" xmlns:p="urn:outer"><s:Body><p:op xmlns:p="urn:inner"/></s:Body></s:Envelope>`);
    expect(c.body.ns).toBe('urn:inner');
  });

  it('keeps values as text (leading zeros), decodes entities, character references and CDATA', () => {
    const m = parseSoap(
      `<s:Envelope xmlns:s="${SOAP}"><s:Body><r><n>012345</n><t> a &amp; b &lt;c&gt; &#233;&#xE9; &quot;&apos; </t><c><![CDATA[<x>&amp;]]></c></r></s:Body></s:Envelope>`,
    );
    const [n, t, c] = m.body.children;
    expect(n!.text).toBe('012345');
    expect(t!.text).toBe(`a & b <c> éé "'`);
    expect(c!.text).toBe('<x>&amp;');
  });

  it('reads a SOAP 1.1 Fault under any prefix, and a SOAP 1.2 one', () => {
    const f11 = parseSoap(
      `<x:Envelope xmlns:x="${SOAP}"><x:Body><x:Fault><faultcode>x:Server</faultcode><faultstring>boom</faultstring>` +
        `<detail><e:FonctionnelleErreur xmlns:e="urn:y"><e:code>P5</e:code><e:descriptif>pas encore</e:descriptif></e:FonctionnelleErreur></detail></x:Fault></x:Body></x:Envelope>`,
    );
    expect(f11.fault).toEqual({ faultcode: 'x:Server', faultstring: 'boom', code: 'P5', descriptif: 'pas encore' });
    const f12 = parseSoap(
      `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code>` +
        `<env:Reason><env:Text xml:lang="fr">panne</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>`,
    );
    expect(f12.fault).toEqual({ faultcode: 'env:Receiver', faultstring: 'panne', code: undefined, descriptif: undefined });
  });

  it('malformed documents are a SoapFormatError (a ProviderUnavailableError) with a clear message', () => {
    const cases: [string, RegExp][] = [
      ['', /empty answer/],
      ['   ', /empty answer/],
      ['Service Unavailable', /malformed XML/],
      ['<html><body>502 Bad Gateway</body>', /malformed XML \(line 1, column \d+\)/],
      [`<s:Envelope xmlns:s="${SOAP}"><s:Body><r></s:Body></s:Envelope>`, /malformed XML/],
      [`<s:Envelope xmlns:s="${SOAP}"><s:Body><r a="1></r></s:Body></s:Envelope>`, /malformed XML/],
      [`<s:Envelope xmlns:s="${SOAP}"><s:Body><r>a & b</r></s:Body></s:Envelope>`, /malformed XML/],
      [`<s:Envelope xmlns:s="${SOAP}"><s:Body><r>&nbsp;</r></s:Body></s:Envelope>`, /undeclared entity &nbsp;/],
      [`<s:Envelope xmlns:s="${SOAP}"><s:Body><r>&#0;</r></s:Body></s:Envelope>`, /invalid character reference/],
      [`<s:Envelope xmlns:s="${SOAP}"><s:Body/></s:Envelope>`, /without a Body element/],
      [`<s:Envelope xmlns:s="${SOAP}"></s:Envelope>`, /without a Body element/],
      ['<a>1</a><b>2</b>', /Multiple possible root nodes|2 root elements/],
      ['<a>1</a><b/>', /Multiple possible root nodes|2 root elements/],
      ['<root><Body><x/></Body></root>', /not a SOAP envelope \(root element root\)/],
      ['<a>x</a>trailing', /malformed XML/],
    ];
    for (const [xml, message] of cases) {
      let err: unknown;
      try {
        parseSoap(xml);
      } catch (e) {
        err = e;
      }
      expect(err, xml).toBeInstanceOf(SoapFormatError);
      expect(err, xml).toBeInstanceOf(ProviderUnavailableError);
      expect((err as Error).message, xml).toMatch(message);
      expect((err as Error).message.length).toBeLessThanOrEqual(200);
    }
  });

  it('refuses a too large answer before parsing it', () => {
    const big = `<s:Envelope xmlns:s="${SOAP}"><s:Body><r>${'a'.repeat(MAX_SOAP_BYTES)}</r></s:Body></s:Envelope>`;
    expect(() => parseSoap(big)).toThrow(/larger than/);
  });

  it('refuses deep nesting', () => {
    const deep = `<s:Envelope xmlns:s="${SOAP}"><s:Body>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</s:Body></s:Envelope>`;
    expect(() => parseSoap(deep)).toThrow(SoapFormatError);
  });

  it('never expands entities: billion laughs and external entities are refused, quickly and without memory growth', () => {
    const lols = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${lols}]><s:Envelope xmlns:s="${SOAP}"><s:Body><r><return><idOp>&lol9;</idOp></return></r></s:Body></s:Envelope>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><s:Envelope xmlns:s="${SOAP}"><s:Body><r>&xxe;</r></s:Body></s:Envelope>`;
    const parameter = `<?xml version="1.0"?><!doctype r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]><r/>`;
    const quadratic = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "${'x'.repeat(50_000)}">]><s:Envelope xmlns:s="${SOAP}"><s:Body><r>${'&a;'.repeat(1000)}</r></s:Body></s:Envelope>`;
    const started = Date.now();
    for (const xml of [billionLaughs, xxe, parameter, quadratic]) expect(() => parseSoap(xml)).toThrow(/document type declaration \(DTD\) is not allowed/);
    expect(Date.now() - started).toBeLessThan(500);
    // without a DTD an entity reference is undeclared: never looked up, never expanded
    expect(() => parseSoap(`<s:Envelope xmlns:s="${SOAP}"><s:Body><r>&xxe;</r></s:Body></s:Envelope>`)).toThrow(/undeclared entity &xxe;/);
    expect(() => decodeXmlText('&lol9;')).toThrow(SoapFormatError);
  });

  it('parseXmlDocument gives the tree of a plain document', () => {
    const root = parseXmlDocument('<a x="1 &amp; 2"><b>t</b><b>u</b></a>');
    expect(root.attributes).toEqual({ x: '1 & 2' });
    expect(root.children.map((c) => c.text)).toEqual(['t', 'u']);
  });
});

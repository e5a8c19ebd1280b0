import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ProviderUnavailableError } from './payment.provider.js';

/**
 * SOAP 1.1 messages read with a real XML parser (fast-xml-parser), not with regular expressions.
 *
 * - Prefixes do not matter: elements are matched by local name, and each element knows its namespace URI, resolved
 *   from the xmlns declarations in scope (soap:, S:, env:, ns2: or a default namespace all read the same).
 * - A malformed document, a document that is not a SOAP envelope, or one that is too large is a SoapFormatError:
 *   a ProviderUnavailableError, so nothing is decided and the portal answers its usual « try again later ».
 * - No DTD: SOAP 1.1 (§3) forbids a document type declaration in a message, so a DOCTYPE is refused before parsing;
 *   entities are never expanded by the parser (processEntities: false): the five predefined XML entities and
 *   character references are decoded here, any other entity reference makes the document malformed. An entity
 *   expansion (billion laughs) or an external entity (XXE) therefore cannot happen.
 */

export const SOAP11_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENVELOPE_NS = 'http://www.w3.org/2003/05/soap-envelope';
/** far above a PayFiP answer (≈ 1 kB): a larger one is refused before parsing */
export const MAX_SOAP_BYTES = 256 * 1024;

export class SoapFormatError extends ProviderUnavailableError {
  constructor(message: string) {
    super(message.slice(0, 200));
    this.name = 'SoapFormatError';
  }
}

export interface XmlElement {
  /** the qualified name as written, e.g. ns2:idOp */
  name: string;
  /** without its prefix, e.g. idOp */
  local: string;
  /** the namespace URI in scope for its prefix (or the default namespace); undefined when none */
  ns: string | undefined;
  attributes: Record<string, string>;
  /** the element's own text (text and CDATA children, entities decoded, trimmed) */
  text: string;
  children: XmlElement[];
}

export interface SoapFault {
  /** faultcode (SOAP 1.1) or Code/Value (SOAP 1.2), e.g. soap:Server */
  faultcode: string;
  faultstring: string;
  /** PayFiP's detail/FonctionnelleErreur/code, e.g. P5 */
  code: string | undefined;
  descriptif: string | undefined;
}

export interface SoapMessage {
  envelopeNs: string | undefined;
  /** the first element of the Body: the operation, its response, or the Fault */
  body: XmlElement;
  fault: SoapFault | null;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const CDATA = '#cdata';

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Decodes the predefined entities and character references; anything else is malformed (no DTD, no expansion). */
export function decodeXmlText(raw: string): string {
  return raw.replace(/&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z_][\w.-]*))?(;)?/g, (m, hex?: string, dec?: string, name?: string, semi?: string) => {
    if (!semi || (hex === undefined && dec === undefined && name === undefined)) throw new SoapFormatError(`malformed XML: bare « & » in text`);
    if (name !== undefined) {
      const v = PREDEFINED[name];
      if (v === undefined) throw new SoapFormatError(`malformed XML: undeclared entity ${m.slice(0, 40)}`);
      return v;
    }
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    if (!isXmlChar(cp)) throw new SoapFormatError(`malformed XML: invalid character reference ${m}`);
    return String.fromCodePoint(cp);
  });
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA,
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, unknown> };

function localOf(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function toElements(nodes: OrderedNode[], scope: ReadonlyMap<string, string>): { elements: XmlElement[]; text: string } {
  const elements: XmlElement[] = [];
  let text = '';
  for (const node of nodes) {
    if ('#text' in node) {
      text += decodeXmlText(String(node['#text']));
      continue;
    }
    if (CDATA in node) {
      for (const c of node[CDATA] as OrderedNode[]) if ('#text' in c) text += String(c['#text']);
      continue;
    }
    const name = Object.keys(node).find((k) => k !== ':@');
    if (name === undefined || name.startsWith('?')) continue;
    const attributes: Record<string, string> = {};
    let inner: Map<string, string> | null = null;
    for (const [k, v] of Object.entries(node[':@'] ?? {})) {
      const value = decodeXmlText(String(v));
      attributes[k] = value;
      if (k === 'xmlns' || k.startsWith('xmlns:')) (inner ??= new Map(scope)).set(k === 'xmlns' ? '' : k.slice(6), value);
    }
    const here = inner ?? scope;
    const colon = name.indexOf(':');
    const ns = here.get(colon < 0 ? '' : name.slice(0, colon)) || undefined;
    const content = toElements((node[name] as OrderedNode[]) ?? [], here);
    elements.push({ name, local: localOf(name), ns, attributes, text: content.text.trim(), children: content.elements });
  }
  return { elements, text };
}

/** Parses an XML document into elements; throws SoapFormatError when it is malformed, has a DTD or is too large. */
export function parseXmlDocument(xml: string): XmlElement {
  if (typeof xml !== 'string' || xml.trim() === '') throw new SoapFormatError('empty answer');
  if (Buffer.byteLength(xml, 'utf8') > MAX_SOAP_BYTES) throw new SoapFormatError(`answer larger than ${MAX_SOAP_BYTES} bytes`);
  if (/<!DOCTYPE/i.test(xml)) throw new SoapFormatError('a document type declaration (DTD) is not allowed in a SOAP message');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new SoapFormatError(`malformed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`);
  let tree: OrderedNode[];
  try {
    tree = parser.parse(xml) as OrderedNode[];
  } catch (err) {
    throw new SoapFormatError(`malformed XML: ${(err as Error).message}`);
  }
  const { elements } = toElements(tree, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
  if (elements.length !== 1) throw new SoapFormatError(`malformed XML: ${elements.length} root elements`);
  return elements[0]!;
}

/** The first child with this local name (whatever its prefix). */
export function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
  return el?.children.find((c) => c.local === local);
}

/** The first descendant with this local name, depth first. */
export function descendant(el: XmlElement | undefined, local: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) {
    if (c.local === local) return c;
    const d = descendant(c, local);
    if (d) return d;
  }
  return undefined;
}

/** The children's texts by local name (the first of each name wins), e.g. the fields of arg0 or of return. */
export function fieldsOf(el: XmlElement | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const c of el?.children ?? []) if (!(c.local in out)) out[c.local] = c.text;
  return out;
}

function faultOf(f: XmlElement): SoapFault {
  // SOAP 1.1: faultcode, faultstring, detail; SOAP 1.2: Code/Value, Reason/Text, Detail
  const faultcode = child(f, 'faultcode')?.text ?? child(child(f, 'Code'), 'Value')?.text ?? '';
  const faultstring = child(f, 'faultstring')?.text ?? child(child(f, 'Reason'), 'Text')?.text ?? '';
  const detail = child(f, 'detail') ?? child(f, 'Detail');
  return { faultcode, faultstring, code: descendant(detail, 'code')?.text, descriptif: descendant(detail, 'descriptif')?.text };
}

/** Reads a SOAP envelope: the Body's first element, and the Fault when there is one. */
export function parseSoap(xml: string): SoapMessage {
  const root = parseXmlDocument(xml);
  if (root.local !== 'Envelope') throw new SoapFormatError(`not a SOAP envelope (root element ${root.name.slice(0, 60)})`);
  const bodyEl = child(root, 'Body');
  const body = bodyEl?.children[0];
  if (!body) throw new SoapFormatError('SOAP envelope without a Body element');
  return { envelopeNs: root.ns, body, fault: body.local === 'Fault' ? faultOf(body) : null };
}

/**
 * SOAP 1.1 envelopes of the population service: reading the request's operation element, writing the reply
 * in the shape public clients parse (specs/dvcqg-ndxp.md §B2), and writing Faults (decision 011).
 */
import type { Document, Element } from '@xmldom/xmldom';
import type { EmulatorError } from '../../../../core/errors.js';
import { populationError, REAL_ERROR_MESSAGES, type PopulationErrorCode } from '../errors.js';
import { clip, el, elementChildren, serialize, type XmlChild } from './xml.js';

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
/** Namespace of the operations and of their fields (every public client). */
export const DAN_NS = 'http://dancuquocgia.bca';
/** Namespace of CongdanCollection in the replies (several clients parse ns1:CongdanCollection/ns1:CongDan). */
export const DANCU_NS = 'http://www.mic.gov.vn/dancu/1.0';

/** The Body's first element: the operation (further Body entries are ignored, as SOAP 1.1 allows several). */
export function operationElement(doc: Document): Element {
  const root = doc.documentElement;
  if (!root) throw populationError('NDXP_POP_NOT_SOAP', 'The request has no root element; a SOAP 1.1 soapenv:Envelope is expected.', { field: 'Envelope', rule: 'SOAP 1.1' });
  if (root.localName !== 'Envelope' || root.namespaceURI !== SOAP11_NS) {
    const why =
      root.namespaceURI === SOAP12_NS
        ? 'is a SOAP 1.2 Envelope; this service speaks SOAP 1.1 only'
        : root.localName === 'Envelope'
          ? `is an Envelope in namespace "${clip(root.namespaceURI ?? '(none)')}", not ${SOAP11_NS}`
          : `is <${clip(root.nodeName)}>, not a SOAP 1.1 Envelope`;
    throw populationError('NDXP_POP_NOT_SOAP', `The root element ${why} (namespace ${SOAP11_NS}).`, { field: 'Envelope', rule: 'SOAP 1.1 Envelope' });
  }
  const body = elementChildren(root).find((c) => c.localName === 'Body' && c.namespaceURI === SOAP11_NS);
  if (!body) throw populationError('NDXP_POP_NOT_SOAP', 'The Envelope has no soapenv:Body.', { field: 'Envelope/Body', rule: 'required' });
  const op = elementChildren(body)[0];
  if (!op) throw populationError('NDXP_POP_NOT_SOAP', 'The soapenv:Body is empty; it must hold the operation element (e.g. dan:TraCuuThongTinCongDan).', { field: 'Body', rule: 'one operation element' });
  return op;
}

/** A reply: `dan` is declared on Header and Body exactly as the real service does (§B2). */
export function envelope(...content: XmlChild[]): string {
  return serialize(
    el(
      'soapenv:Envelope',
      { 'xmlns:soapenv': SOAP11_NS },
      el('soapenv:Header', { 'xmlns:dan': DAN_NS }),
      el('soapenv:Body', { 'xmlns:dan': DAN_NS }, ...content),
    ),
  );
}

/**
 * A SOAP 1.1 Fault. `detail` carries the code as namespace-qualified entries (errorCode, errorMessage as the
 * real platform's errors read, then our code, field and rule), so a client converting the XML to JSON finds
 * `Body.Fault.detail.errorCode`.
 */
export function faultEnvelope(e: EmulatorError): string {
  const server = e.code === 'NDXP_POP_INTERNAL';
  const real = REAL_ERROR_MESSAGES[e.code as PopulationErrorCode];
  const entry = (name: string, value: unknown) => (value === undefined || value === null || value === '' ? null : el(`dan:${name}`, {}, String(value)));
  return serialize(
    el(
      'soapenv:Envelope',
      { 'xmlns:soapenv': SOAP11_NS },
      el(
        'soapenv:Body',
        {},
        el(
          'soapenv:Fault',
          {},
          el('faultcode', {}, server ? 'soapenv:Server' : 'soapenv:Client'),
          el('faultstring', {}, e.message),
          el(
            'detail',
            { 'xmlns:dan': DAN_NS },
            entry('errorCode', e.wire),
            entry('errorMessage', real ?? e.message),
            entry('code', e.code),
            entry('field', e.details.field),
            entry('rule', e.details.rule),
          ),
        ),
      ),
    ),
  );
}

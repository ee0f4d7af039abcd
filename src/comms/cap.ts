/**
 * OASIS CAP 1.2 alerts: the model, a writer that follows the schema's element order, and a reader for CAP files
 * from elsewhere (untrusted: see xml.ts). Elements of other namespaces (a signature) are left out when reading.
 */
import { decodeXmlBytes, parseXml, writeXml, type XmlElement, XmlError, type XmlNode } from './xml.js';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface CapPair {
  valueName: string;
  value: string;
}

export interface CapResource {
  resourceDesc: string;
  mimeType: string;
  size?: string;
  uri?: string;
  derefUri?: string;
  digest?: string;
}

export interface CapArea {
  areaDesc: string;
  polygon: string[];
  circle: string[];
  geocode: CapPair[];
  altitude?: string;
  ceiling?: string;
}

export interface CapInfo {
  language?: string;
  category: string[];
  event: string;
  responseType: string[];
  urgency: string;
  severity: string;
  certainty: string;
  audience?: string;
  eventCode: CapPair[];
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameter: CapPair[];
  resource: CapResource[];
  area: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  source?: string;
  scope: string;
  restriction?: string;
  addresses?: string;
  code: string[];
  note?: string;
  references?: string;
  incidents?: string;
  info: CapInfo[];
}

// --- Writing ---

const one = (name: string, text: string | undefined): XmlNode[] =>
  text === undefined ? [] : [{ name, text }];
const many = (name: string, texts: readonly string[]): XmlNode[] => texts.map((text) => ({ name, text }));
const pairs = (name: string, ps: readonly CapPair[]): XmlNode[] =>
  ps.map((p) => ({
    name,
    children: [
      { name: 'valueName', text: p.valueName },
      { name: 'value', text: p.value },
    ],
  }));

function infoNode(i: CapInfo): XmlNode {
  return {
    name: 'info',
    children: [
      ...one('language', i.language),
      ...many('category', i.category),
      { name: 'event', text: i.event },
      ...many('responseType', i.responseType),
      { name: 'urgency', text: i.urgency },
      { name: 'severity', text: i.severity },
      { name: 'certainty', text: i.certainty },
      ...one('audience', i.audience),
      ...pairs('eventCode', i.eventCode),
      ...one('effective', i.effective),
      ...one('onset', i.onset),
      ...one('expires', i.expires),
      ...one('senderName', i.senderName),
      ...one('headline', i.headline),
      ...one('description', i.description),
      ...one('instruction', i.instruction),
      ...one('web', i.web),
      ...one('contact', i.contact),
      ...pairs('parameter', i.parameter),
      ...i.resource.map((r) => ({
        name: 'resource',
        children: [
          { name: 'resourceDesc', text: r.resourceDesc },
          { name: 'mimeType', text: r.mimeType },
          ...one('size', r.size),
          ...one('uri', r.uri),
          ...one('derefUri', r.derefUri),
          ...one('digest', r.digest),
        ],
      })),
      ...i.area.map((a) => ({
        name: 'area',
        children: [
          { name: 'areaDesc', text: a.areaDesc },
          ...many('polygon', a.polygon),
          ...many('circle', a.circle),
          ...pairs('geocode', a.geocode),
          ...one('altitude', a.altitude),
          ...one('ceiling', a.ceiling),
        ],
      })),
    ],
  };
}

export function writeCap(a: CapAlert): string {
  return writeXml({
    name: 'alert',
    attributes: { xmlns: CAP_NAMESPACE },
    children: [
      { name: 'identifier', text: a.identifier },
      { name: 'sender', text: a.sender },
      { name: 'sent', text: a.sent },
      { name: 'status', text: a.status },
      { name: 'msgType', text: a.msgType },
      ...one('source', a.source),
      { name: 'scope', text: a.scope },
      ...one('restriction', a.restriction),
      ...one('addresses', a.addresses),
      ...many('code', a.code),
      ...one('note', a.note),
      ...one('references', a.references),
      ...one('incidents', a.incidents),
      ...a.info.map(infoNode),
    ],
  });
}

// --- Reading ---

class Fields {
  constructor(
    private readonly el: XmlElement,
    private readonly path: string,
  ) {}
  private cap(name: string) {
    return this.el.children.filter((c) => c.ns === CAP_NAMESPACE && c.name === name);
  }
  opt(name: string): string | undefined {
    const [c] = this.cap(name);
    return c === undefined ? undefined : c.text.trim();
  }
  req(name: string): string {
    const v = this.opt(name);
    if (v === undefined) throw new XmlError(`${this.path}: <${name}> is required`);
    return v;
  }
  all(name: string): string[] {
    return this.cap(name).map((c) => c.text.trim());
  }
  nested(name: string): Fields[] {
    return this.cap(name).map((c) => new Fields(c, `${this.path}/${name}`));
  }
  pairs(name: string): CapPair[] {
    return this.nested(name).map((f) => ({ valueName: f.req('valueName'), value: f.req('value') }));
  }
}

function withOptional<T extends object>(base: T, optional: Record<string, string | undefined>): T {
  for (const [k, v] of Object.entries(optional))
    if (v !== undefined) (base as Record<string, unknown>)[k] = v;
  return base;
}

function readInfo(f: Fields): CapInfo {
  const base = {
    category: f.all('category'),
    event: f.req('event'),
    responseType: f.all('responseType'),
    urgency: f.req('urgency'),
    severity: f.req('severity'),
    certainty: f.req('certainty'),
    eventCode: f.pairs('eventCode'),
    parameter: f.pairs('parameter'),
    resource: f
      .nested('resource')
      .map((r) =>
        withOptional(
          { resourceDesc: r.req('resourceDesc'), mimeType: r.req('mimeType') },
          { size: r.opt('size'), uri: r.opt('uri'), derefUri: r.opt('derefUri'), digest: r.opt('digest') },
        ),
      ),
    area: f.nested('area').map((a) =>
      withOptional(
        {
          areaDesc: a.req('areaDesc'),
          polygon: a.all('polygon'),
          circle: a.all('circle'),
          geocode: a.pairs('geocode'),
        },
        { altitude: a.opt('altitude'), ceiling: a.opt('ceiling') },
      ),
    ),
  };
  const optional = [
    'language',
    'audience',
    'effective',
    'onset',
    'expires',
    'senderName',
    'headline',
    'description',
    'instruction',
    'web',
    'contact',
  ];
  return withOptional(base, Object.fromEntries(optional.map((k) => [k, f.opt(k)])));
}

/** Reads a CAP 1.2 alert from text or bytes; anything that is not one is an XmlError naming what is wrong. */
export function readCap(input: string | Uint8Array): CapAlert {
  const root = parseXml(typeof input === 'string' ? input : decodeXmlBytes(input));
  if (root.ns !== CAP_NAMESPACE || root.name !== 'alert') throw new XmlError('not a CAP 1.2 alert');
  const f = new Fields(root, 'alert');
  const base = {
    identifier: f.req('identifier'),
    sender: f.req('sender'),
    sent: f.req('sent'),
    status: f.req('status'),
    msgType: f.req('msgType'),
    scope: f.req('scope'),
    code: f.all('code'),
    info: f.nested('info').map(readInfo),
  };
  const optional = ['source', 'restriction', 'addresses', 'note', 'references', 'incidents'];
  return withOptional(base, Object.fromEntries(optional.map((k) => [k, f.opt(k)])));
}

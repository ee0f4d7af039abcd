import { exportableByRecipient, mostRestrictive, type TlpMarking } from '../sharing/model.js';
import type { AssistanceRequest, RankedOffer } from './model.js';

/**
 * EDXL-RM 1.0 messages for the assistance a reader may see: a RequestResource per request, a
 * ResponseToRequestResource per offer answering one, a CommitResource per offer taken. EDXL-RM has no element for a
 * marking, so only what may leave the platform with its meaning intact goes out: TLP:CLEAR and TLP:GREEN (the EDXL-DE
 * envelope carries markings). AMBER, AMBER+STRICT and RED never appear here.
 */

const MSG = 'urn:oasis:names:tc:emergency:EDXL:RM:1.0:msg';
const RM = 'urn:oasis:names:tc:emergency:EDXL:RM:1.0';
const CATEGORY_LIST = 'urn:blueprint:assistance-category';
const UNIT_LIST = 'urn:blueprint:unit';
const STATUS_LIST = 'urn:blueprint:assistance-status';
const CECIS_LIST = 'urn:blueprint:cecis-reference';

export type EdxlRmKind = 'RequestResource' | 'ResponseToRequestResource' | 'CommitResource';

export interface EdxlRmMessage {
  kind: EdxlRmKind;
  /** A file name that says what it is and never collides: kind and the entry's id. */
  fileName: string;
  xml: string;
  /** The marking of what it carries (an offer's message also says what was requested): for the EDXL-DE envelope. */
  marking: TlpMarking;
}

/** Only markings whose meaning survives without a marking element (CLEAR, GREEN) leave in EDXL-RM. */
export function exportableInEdxlRm(marking: string): boolean {
  return (marking === 'TLP:CLEAR' || marking === 'TLP:GREEN') && exportableByRecipient(marking as TlpMarking);
}

type Node = { name: string; children: Node[] | string };

const el = (name: string, children: Node[] | string | number): Node => ({
  name,
  children: typeof children === 'number' ? String(children) : children,
});

/** XML 1.0 cannot carry most control characters, nor U+FFFE and U+FFFF, even escaped. */
function xmlCarries(c: string): boolean {
  const code = c.codePointAt(0)!;
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
}

function escapeText(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 cannot carry at all.
      .replace(/./gsu, (c) => (xmlCarries(c) ? c : ''))
  );
}

function render(node: Node, indent = ''): string {
  if (typeof node.children === 'string')
    return `${indent}<${node.name}>${escapeText(node.children)}</${node.name}>`;
  const inner = node.children.map((c) => render(c, `${indent}  `)).join('\n');
  return `${indent}<${node.name}>\n${inner}\n${indent}</${node.name}>`;
}

function document(root: string, children: Node[]): string {
  const body = children.map((c) => render(c, '  ')).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rmsg:${root} xmlns:rmsg="${MSG}" xmlns:rm="${RM}">\n${body}\n</rmsg:${root}>\n`;
}

/** Elements the message schemas declare themselves are `rmsg:`; those of the common types are `rm:`. */
const m = (name: string, children: Node[] | string | number) => el(`rmsg:${name}`, children);
const r = (name: string, children: Node[] | string | number) => el(`rm:${name}`, children);

const valueList = (name: string, urn: string, value: string, ns = m) =>
  ns(name, [r('ValueListURN', urn), r('Value', value)]);

const quantity = (name: string, amount: number, unit: string) =>
  m(name, [r('MeasuredQuantity', [r('Amount', amount), valueList('UnitOfMeasure', UNIT_LIST, unit, r)])]);

const location = (loc: { country: string; place: string }) =>
  m('Location', [r('LocationDescription', loc.place ? `${loc.place}, ${loc.country}` : loc.country)]);

const messageId = (kind: string, id: string) => `urn:blueprint:assistance:${kind}:${id}`;

const incidentInformation = (request: AssistanceRequest) =>
  m('IncidentInformation', [
    r('IncidentID', request.incidentId),
    ...(request.incidentTitle ? [r('IncidentDescription', request.incidentTitle)] : []),
  ]);

const contact = (description: string, role: 'Requester' | 'RespondingOrg' | 'Sender') =>
  m('ContactInformation', [r('ContactDescription', description), r('ContactRole', role)]);

function offerer(offer: RankedOffer): string {
  return offer.relayedBy ? `${offer.offeringCountry} (relayed by ${offer.relayedBy})` : offer.offeringCountry;
}

/** EDXL-RM has no element saying a message is an exercise: its description says so first. */
const described = (exercise: boolean, text: string) =>
  m('MessageDescription', `${exercise ? 'EXERCISE: ' : ''}${text}`);

export function requestResource(request: AssistanceRequest, exercise = false): string {
  const id = messageId('request', request.id);
  return document('RequestResource', [
    m('MessageID', id),
    m('SentDateTime', request.createdAt),
    m('MessageContentType', 'RequestResource'),
    described(
      exercise,
      `${request.requestedBy} requests ${request.quantity} ${request.unit} of ${request.category} (${request.priority})`,
    ),
    m('OriginatingMessageID', id),
    incidentInformation(request),
    ...(request.ucpm.formal
      ? // This message declares its funding element itself, so its children are the message's own.
        [m('Funding', [m('FundingInfo', 'Formal request under the Union Civil Protection Mechanism')])]
      : []),
    contact(request.requestedBy, 'Requester'),
    m('ResourceInformation', [
      m('ResourceInfoElementID', '1'),
      m('Resource', [
        m('Name', request.category),
        valueList('TypeStructure', CATEGORY_LIST, request.category),
        ...(request.ucpm.cecisReference
          ? [valueList('Keyword', CECIS_LIST, request.ucpm.cecisReference)]
          : []),
        ...(request.description ? [m('Description', request.description)] : []),
        ...(request.constraints.length > 0 ? [m('SpecialRequirements', request.constraints.join('; '))] : []),
      ]),
      m('AssignmentInformation', [quantity('Quantity', request.quantity, request.unit)]),
      m('ScheduleInformation', [
        m('ScheduleType', 'RequestedArrival'),
        m('DateTime', request.neededFrom),
        location(request.location),
      ]),
      ...(request.neededUntil
        ? [
            m('ScheduleInformation', [
              m('ScheduleType', 'EstimatedReturnDeparture'),
              m('DateTime', request.neededUntil),
            ]),
          ]
        : []),
    ]),
  ]);
}

export function responseToRequestResource(
  request: AssistanceRequest,
  offer: RankedOffer,
  exercise = false,
): string {
  const requestId = messageId('request', request.id);
  return document('ResponseToRequestResource', [
    m('MessageID', messageId('offer', offer.id)),
    m('SentDateTime', offer.createdAt),
    m('MessageContentType', 'ResponseToRequestResource'),
    described(exercise, `${offerer(offer)} offers ${offer.quantity} ${offer.unit}: ${offer.what}`),
    m('OriginatingMessageID', requestId),
    m('PrecedingMessageID', requestId),
    incidentInformation(request),
    m('Funding', [r('FundCode', offer.costs)]),
    contact(offerer(offer), 'RespondingOrg'),
    m('ResourceInformation', [
      m('ResourceInfoElementID', '1'),
      m('ResponseInformation', [
        r('PrecedingResourceInfoElementID', '1'),
        r('ResponseType', 'Provisional'),
        r('ResponseReason', offer.conditions || 'Offered; awaiting acceptance by the requester'),
      ]),
      m('Resource', [
        m('Name', offer.what),
        valueList('TypeStructure', CATEGORY_LIST, offer.category),
        m('OwnershipInformation', [r('Owner', offer.offeringCountry)]),
      ]),
      m('AssignmentInformation', [
        quantity('Quantity', offer.quantity, offer.unit),
        ...(offer.conditions ? [m('Restrictions', offer.conditions)] : []),
      ]),
      m('ScheduleInformation', [
        m('ScheduleType', 'BeginAvailable'),
        m('DateTime', offer.availableFrom),
        location(offer.location),
      ]),
      ...(offer.availableUntil
        ? [m('ScheduleInformation', [m('ScheduleType', 'EndAvailable'), m('DateTime', offer.availableUntil)])]
        : []),
    ]),
  ]);
}

export function commitResource(request: AssistanceRequest, offer: RankedOffer, exercise = false): string {
  const accepted = offer.steps.filter((s) => s.step === 'accepted').at(-1);
  const departed = offer.steps.filter((s) => s.step === 'in-transit').at(-1);
  return document('CommitResource', [
    m('MessageID', messageId('commitment', offer.id)),
    m('SentDateTime', offer.steps.at(-1)?.at ?? offer.createdAt),
    m('MessageContentType', 'CommitResource'),
    described(
      exercise,
      `${request.requestedBy} accepted ${offer.acceptedQuantity} ${offer.unit} from ${offerer(offer)}; now ${offer.status}`,
    ),
    m('OriginatingMessageID', messageId('request', request.id)),
    m('PrecedingMessageID', messageId('offer', offer.id)),
    incidentInformation(request),
    contact(request.requestedBy, 'Requester'),
    contact(offerer(offer), 'RespondingOrg'),
    m('ResourceInformation', [
      m('ResourceInfoElementID', '1'),
      m('ResponseInformation', [r('PrecedingResourceInfoElementID', '1'), r('ResponseType', 'Accept')]),
      m('Resource', [
        m('Name', offer.what),
        valueList('TypeStructure', CATEGORY_LIST, offer.category),
        m('OwnershipInformation', [r('Owner', offer.offeringCountry)]),
        m('ResourceStatus', [valueList('DeploymentStatus', STATUS_LIST, offer.status)]),
      ]),
      m('AssignmentInformation', [
        quantity('Quantity', offer.acceptedQuantity, offer.unit),
        ...(request.ucpm.cecisReference ? [m('OrderID', request.ucpm.cecisReference)] : []),
      ]),
      ...(accepted
        ? [m('ScheduleInformation', [m('ScheduleType', 'Committed'), m('DateTime', accepted.at)])]
        : []),
      ...(departed
        ? [
            m('ScheduleInformation', [
              m('ScheduleType', 'ActualDeparture'),
              m('DateTime', departed.at),
              location(offer.location),
            ]),
          ]
        : []),
      m('ScheduleInformation', [m('ScheduleType', 'ReportTo'), location(request.location)]),
    ]),
  ]);
}

/**
 * Every message these requests allow out: the request, its offers and the commitments, CLEAR or GREEN alone unless
 * `mayLeave` says otherwise (an EDXL-DE envelope, which carries the marking, also takes AMBER).
 */
export function edxlRmMessages(
  requests: readonly AssistanceRequest[],
  mayLeave: (marking: string) => boolean = exportableInEdxlRm,
  /** The incidents that are exercises: each of their messages says EXERCISE. */
  exerciseIncidents: ReadonlySet<string> = new Set(),
): EdxlRmMessage[] {
  const out: EdxlRmMessage[] = [];
  for (const request of requests) {
    if (!mayLeave(request.marking)) continue;
    const exercise = exerciseIncidents.has(request.incidentId);
    const requestMarking = request.marking as TlpMarking;
    out.push({
      kind: 'RequestResource',
      marking: requestMarking,
      fileName: `request-${request.id}.xml`,
      xml: requestResource(request, exercise),
    });
    for (const offer of request.offers) {
      // A standing offer answers no request on its own; one that does answers this one.
      if (offer.requestId !== request.id && offer.status === 'offered') continue;
      if (!mayLeave(offer.marking)) continue;
      const marking = mostRestrictive([requestMarking, offer.marking as TlpMarking]);
      out.push({
        kind: 'ResponseToRequestResource',
        marking,
        fileName: `offer-${offer.id}-${request.id}.xml`,
        xml: responseToRequestResource(request, offer, exercise),
      });
      if (offer.status !== 'offered' && offer.acceptedQuantity > 0)
        out.push({
          kind: 'CommitResource',
          marking,
          fileName: `commitment-${offer.id}-${request.id}.xml`,
          xml: commitResource(request, offer, exercise),
        });
    }
  }
  return out;
}

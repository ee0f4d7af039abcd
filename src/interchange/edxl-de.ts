import { createHash } from 'node:crypto';
import type { TlpMarking } from '../sharing/model.js';

/**
 * EDXL-DE 2.0 distribution envelopes (OASIS, `urn:oasis:names:tc:emergency:EDXL:DE:2.0`), one per message a national
 * system receives. The schema's confidentiality knows only Unclassified and Classified; classified material never
 * enters the platform, so it is always Unclassified, and the TLP marking travels as a keyword of the value list
 * `urn:blueprint:tlp`. The message itself is carried as `otherContent`, base64 with its media type, size and SHA-1
 * digest (the digest EDXL-DE names): the schema checks embedded XML strictly against schemas it does not import.
 */

const DE = 'urn:oasis:names:tc:emergency:EDXL:DE:2.0';
const CT = 'urn:oasis:names:tc:emergency:edxl:ct:1.0';
/** The schema makes the envelope an XLink extended link and its parts resources: `xlink:type` is required. */
const XLINK = 'http://www.w3.org/1999/xlink';
export const TLP_VALUE_LIST = 'urn:blueprint:tlp';
const ORGANISATION_LIST = 'urn:blueprint:organisation';
const CONTENT_KIND_LIST = 'urn:blueprint:content-kind';

export type DeContentKind = 'cap' | 'edxl-rm' | 'sitrep';

export interface DeMessage {
  kind: DeContentKind;
  /** The platform's id of what is carried (message, entry, sitrep), unique within the incident. */
  contentId: string;
  description: string;
  mimeType: string;
  content: Buffer;
  marking: TlpMarking;
  distributionKind: 'Report' | 'Update' | 'Cancel' | 'Request' | 'Response';
  language?: string;
}

export interface DeEnvelope {
  senderId: string;
  senderOrganisation: string;
  incidentId: string;
  exercise: boolean;
  /** ISO 8601 UTC instants. */
  sentAt: string;
  expiresAt: string;
  message: DeMessage;
}

/** XML 1.0 cannot carry most control characters, nor U+FFFE and U+FFFF, even escaped. */
function carried(c: string): boolean {
  const code = c.codePointAt(0)!;
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/./gsu, (c) => (carried(c) ? c : ''));
}

/** EDXL's own date-time: seconds, and the zone as an offset (`+00:00`); the schema refuses `Z` and fractions. */
export function edxlDateTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}+00:00`;
}

/** An EDXLStringType: a token of 1 to 1023 characters. */
function token(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return escapeXml([...(collapsed || '-')].slice(0, 1023).join(''));
}

const valueList = (element: string, uri: string, values: readonly string[], indent: string) =>
  `${indent}<${element}>\n${indent}  <ct:ValueListURI>${escapeXml(uri)}</ct:ValueListURI>\n${values
    .map((v) => `${indent}  <ct:Value>${token(v)}</ct:Value>`)
    .join('\n')}\n${indent}</${element}>`;

/** A unique id for one distribution of one version of a message: the content's digest tells versions apart. */
export function distributionId(envelope: Pick<DeEnvelope, 'incidentId' | 'message'>): string {
  const digest = createHash('sha256').update(envelope.message.content).digest('hex').slice(0, 16);
  return `urn:blueprint:edxl-de:${envelope.incidentId}:${envelope.message.kind}:${envelope.message.contentId}:${digest}`;
}

export function edxlDistribution(envelope: DeEnvelope): string {
  const m = envelope.message;
  const sha1 = createHash('sha1').update(m.content).digest('base64');
  const language = m.language ? `    <language>${escapeXml(m.language)}</language>\n` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<edxlDistribution xmlns="${DE}" xmlns:ct="${CT}" xmlns:xlink="${XLINK}" xlink:type="extended">
  <distributionID>${token(distributionId(envelope))}</distributionID>
  <senderID>${token(envelope.senderId)}</senderID>
  <dateTimeSent>${edxlDateTime(envelope.sentAt)}</dateTimeSent>
  <dateTimeExpires>${edxlDateTime(envelope.expiresAt)}</dateTimeExpires>
  <distributionStatus>${envelope.exercise ? 'Exercise' : 'Actual'}</distributionStatus>
  <distributionKind>${m.distributionKind}</distributionKind>
  <descriptor xlink:type="resource">
    <combinedConfidentiality>Unclassified</combinedConfidentiality>
${language}${valueList('senderRole', ORGANISATION_LIST, [envelope.senderOrganisation], '    ')}
${valueList('keyword', TLP_VALUE_LIST, [m.marking], '    ')}
    <incidentID>${token(envelope.incidentId)}</incidentID>
  </descriptor>
  <content xlink:type="resource">
    <contentObject xlink:type="resource">
      <contentDescriptor>
        <contentDescription>${token(m.description)}</contentDescription>
${valueList('contentKeyword', TLP_VALUE_LIST, [m.marking], '        ')}
${valueList('contentKeyword', CONTENT_KIND_LIST, [m.kind], '        ')}
        <contentID>${token(m.contentId)}</contentID>
        <confidentiality>Unclassified</confidentiality>
      </contentDescriptor>
      <otherContent>
        <mimeType>${token(m.mimeType)}</mimeType>
        <size>${m.content.length}</size>
        <digest>${sha1}</digest>
        <contentData>${m.content.toString('base64')}</contentData>
      </otherContent>
    </contentObject>
  </content>
</edxlDistribution>
`;
}

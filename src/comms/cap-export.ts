import { memberStateByCode } from '../registry/countries.js';
import type { CapAlert } from './cap.js';
import {
  approvedByDrafter,
  approvedLanguages,
  capTime,
  type MessageVersion,
  type PublicMessage,
  sentAt,
} from './rules.js';

export interface CapIncident {
  id: string;
  exercise: boolean;
}

const senderOf = (v: MessageVersion) => `${v.draftedBy.toLowerCase()}@blueprint.europa.eu`;
export const capIdentifier = (incidentId: string, v: MessageVersion) =>
  `blueprint-${incidentId}-${v.messageId}-v${v.version}`;

/** The file an export writes a version to (CONTRACT: `<incident>-<message>-v<n>.xml`). */
export const capFileName = (incidentId: string, v: MessageVersion) =>
  `${incidentId}-${v.messageId}-v${v.version}.xml`;

/**
 * One approved version as a CAP 1.2 alert: an Update or Cancel references every earlier approved version of the
 * same message, one `info` per approved language, and one `area` naming the affected states with their ISO codes.
 */
export function capAlertOf(
  incident: CapIncident,
  message: PublicMessage,
  v: MessageVersion,
  affectedStates: readonly string[],
): CapAlert {
  const earlier = message.versions.filter((e) => e.version < v.version && approvedByDrafter(e));
  const states = affectedStates.map((code) => ({ code, name: memberStateByCode(code)?.name ?? code }));
  const area = {
    areaDesc: states.length > 0 ? states.map((s) => s.name).join(', ') : 'European Union',
    polygon: [],
    circle: [],
    geocode: states.map((s) => ({ valueName: 'ISO 3166-1 alpha-2', value: s.code })),
  };
  const alert: CapAlert = {
    identifier: capIdentifier(incident.id, v),
    sender: senderOf(v),
    sent: capTime(sentAt(v)),
    status: incident.exercise ? 'Exercise' : 'Actual',
    msgType: v.msgType,
    scope: 'Public',
    code: [],
    incidents: `blueprint-${incident.id}`,
    info: approvedLanguages(v).map((t) => ({
      language: t.language,
      category: [v.category],
      event: v.event,
      responseType: [],
      urgency: v.urgency,
      severity: v.severity,
      certainty: v.certainty,
      eventCode: [],
      effective: capTime(sentAt(v)),
      senderName: v.draftedBy,
      headline: t.headline,
      description: t.text,
      ...(t.instruction ? { instruction: t.instruction } : {}),
      parameter: [],
      resource: [],
      area: [area],
    })),
  };
  if (incident.exercise) alert.note = 'EXERCISE';
  if (earlier.length > 0) {
    alert.references = earlier
      .map((e) => `${senderOf(e)},${capIdentifier(incident.id, e)},${capTime(sentAt(e))}`)
      .join(' ');
  }
  return alert;
}

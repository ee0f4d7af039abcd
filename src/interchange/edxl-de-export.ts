import type { EdxlRmKind } from '../assistance/edxl-rm.js';
import { exportEdxlRm } from '../assistance/flows.js';
import { exportCapFiles } from '../comms/flows.js';
import { getIncident } from '../incidents/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { exportableByRecipient, type TlpMarking } from '../sharing/model.js';
import { sitrepPdf } from '../sitreps/documents.js';
import { listSitreps } from '../sitreps/flows.js';
import { type DeMessage, edxlDistribution } from './edxl-de.js';

/** How long a national system should hold an envelope as current: a crisis room's two shifts. */
const VALID_FOR_MS = 48 * 3600_000;

const RM_KIND: Record<EdxlRmKind, DeMessage['distributionKind']> = {
  RequestResource: 'Request',
  ResponseToRequestResource: 'Response',
  CommitResource: 'Response',
};

/** A CAP alert's own message type says whether the envelope reports, updates or cancels. */
function capKind(xml: string): DeMessage['distributionKind'] {
  const type = /<(?:\w+:)?msgType>\s*(\w+)\s*</.exec(xml)?.[1];
  return type === 'Update' ? 'Update' : type === 'Cancel' ? 'Cancel' : 'Report';
}

/**
 * The EDXL-DE envelopes of one incident as the user may see it: its approved CAP alerts, the EDXL-RM messages of
 * its assistance (AMBER too, since the envelope carries the marking) and its published sitreps. What a recipient
 * may never pass on (AMBER+STRICT, RED) is left out, whoever exports. NotFound for an incident the user may not see.
 */
export async function exportEdxlDe(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<Array<{ fileName: string; xml: string }>> {
  const incident = await getIncident(platform, actor, incidentId);
  const mayLeave = (marking: string) => exportableByRecipient(marking as TlpMarking);
  const messages: DeMessage[] = [];
  for (const cap of await exportCapFiles(platform, actor, incidentId)) {
    messages.push({
      kind: 'cap',
      // The CAP file's name already starts with the incident's id, as the envelope's own name does.
      contentId: `cap-${cap.name.replace(/\.xml$/, '').replace(`${incidentId}-`, '')}`,
      description: `CAP 1.2 alert ${cap.name}`,
      mimeType: 'application/common-alerting-protocol+xml',
      content: Buffer.from(cap.xml, 'utf8'),
      // Only TLP:CLEAR lines are ever approved as public messages.
      marking: 'TLP:CLEAR',
      distributionKind: capKind(cap.xml),
    });
  }
  for (const rm of await exportEdxlRm(platform, actor, incidentId, mayLeave)) {
    messages.push({
      kind: 'edxl-rm',
      contentId: rm.fileName.replace(/\.xml$/, ''),
      description: `EDXL-RM 1.0 ${rm.kind}`,
      mimeType: 'application/xml',
      content: Buffer.from(rm.xml, 'utf8'),
      marking: rm.marking,
      distributionKind: RM_KIND[rm.kind],
    });
  }
  const sitreps = (await listSitreps(platform, actor, incidentId)).filter(
    (s) => s.state === 'published' && mayLeave(s.marking),
  );
  for (const sitrep of sitreps) {
    messages.push({
      kind: 'sitrep',
      contentId: `sitrep-${sitrep.number ?? sitrep.id}`,
      description: `SITREP ${sitrep.number ?? ''} ${sitrep.title}`,
      mimeType: 'application/pdf',
      content: await sitrepPdf(sitrep),
      marking: sitrep.marking,
      distributionKind: sitrep.corrects ? 'Update' : 'Report',
      language: 'en',
    });
  }
  const sentAt = platform.clock.now();
  return messages
    .filter((m) => mayLeave(m.marking))
    .map((message) => ({
      fileName: `${incidentId}-de-${message.contentId}.xml`,
      xml: edxlDistribution({
        senderId: actor.email,
        senderOrganisation: actor.organisation,
        incidentId,
        exercise: incident.exercise,
        sentAt: sentAt.toISOString(),
        expiresAt: new Date(sentAt.getTime() + VALID_FOR_MS).toISOString(),
        message,
      }),
    }));
}

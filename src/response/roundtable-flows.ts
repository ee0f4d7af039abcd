import { listPublicMessages } from '../comms/flows.js';
import { readerOf } from '../entries/flows.js';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { Conflict, NotFound } from '../platform/errors.js';
import { presidencyOf } from '../presidency/flows.js';
import type { EntryReach } from '../sharing/entries.js';
import { mostRestrictive, type TlpMarking } from '../sharing/model.js';
import { compileProduct, everyReaderMaySee, type ProductAudience } from '../sharing/products.js';
import { decisionsOf, projectActions } from './decisions-rules.js';
import {
  getVisibleResponseEntries,
  getVisibleSupersessions,
  type VisibleResponseEntry,
} from './decisions-store.js';
import { listMeetings } from './meetings-flows.js';
import type { ProductDocument } from './product-documents.js';
import { compilePicture, pictureParagraphs } from './product-picture.js';
import type { RoundtablePack } from './roundtable-model.js';

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The pack for one IPCR roundtable, compiled for its readers: the invited organisations, the convener's and the
 * reader's own. Decisions, actions and accounts each go in only when every one of them may see them and take them
 * out; the lines to take are TLP:CLEAR for every participant; the pack carries the most restrictive marking of all.
 */
export async function roundtablePack(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  meetingId: string,
): Promise<{ pack: RoundtablePack; exercise: boolean }> {
  const db = platform.db.kysely;
  const incident = await visibleIncidentRow(db, actor, incidentId);
  const meeting = (await listMeetings(platform, actor, incidentId)).items.find((m) => m.id === meetingId);
  if (!meeting) throw new NotFound(`no meeting ${meetingId} in this incident`);
  if (meeting.format !== 'ipcr-roundtable')
    throw new Conflict('a pack is prepared for IPCR roundtables only', 'meetingId', 'not-a-roundtable');
  const presidency = await presidencyOf(db, incidentId);
  const audience: ProductAudience = {
    organisations: [
      ...new Set([...meeting.invited, meeting.convenedBy.organisation, actor.organisation]),
    ].sort(),
    nato: false,
  };
  const reachOf = (e: VisibleResponseEntry): EntryReach => ({
    authorUserId: e.authorUserId,
    authorOrg: e.authorOrg,
    marking: e.marking,
    audience: e.audience,
    presidency,
    groupMembers: [],
    recipients: [],
    releasableToNato: e.releasableToNato,
  });
  const entries = await getVisibleResponseEntries(
    db,
    readerOf(actor),
    ['meeting', 'decision', 'action', 'action-status'],
    { incidentId },
  );
  const meetingEntry = entries.find((e) => e.id === meetingId);
  const meetingForAll = meetingEntry !== undefined && everyReaderMaySee(audience, reachOf(meetingEntry));
  const options = { compiledBy: actor.organisation, leavesPlatform: true };
  const supersessions = await getVisibleSupersessions(
    db,
    readerOf(actor),
    entries.filter((e) => e.kind === 'decision').map((e) => e.id),
  );
  const decisions = compileProduct(
    decisionsOf(entries, supersessions) as VisibleResponseEntry[],
    reachOf,
    audience,
    options,
  );
  const now = platform.clock.now();
  const open = projectActions(entries, now).filter((a) => a.status === 'open');
  const actions = compileProduct(open, (a) => reachOf(a.entry as VisibleResponseEntry), audience, options);
  const picture = await compilePicture(platform, db, actor, incidentId, audience, null);
  const messages = await listPublicMessages(platform, actor, incidentId);
  const linesToTake = messages.messages.flatMap((m) => {
    const v = m.versions[m.versions.length - 1];
    const drafter = v?.states.find((s) => s.organisation === v.draftedBy);
    if (!v || v.msgType === 'Cancel' || !drafter || !['approved', 'published'].includes(drafter.status))
      return [];
    return [
      {
        messageId: m.messageId,
        version: v.version,
        draftedBy: v.draftedBy,
        embargoUntil: v.embargoUntil,
        embargoed: !v.embargoPassed,
        texts: v.texts.map((t) => ({ language: t.language, headline: t.headline, text: t.text })),
      },
    ];
  });
  const marking = mostRestrictive([
    ...(meetingForAll ? [meeting.marking as TlpMarking] : []),
    decisions.marking,
    actions.marking,
    picture.marking,
  ]);
  return {
    exercise: incident.exercise === 1,
    pack: {
      meetingId,
      incidentId,
      title: meeting.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      convenedBy: meeting.convenedBy.organisation,
      audience: [...audience.organisations],
      marking,
      agenda: meetingForAll ? meeting.agenda : null,
      picture: picture.picture,
      decisions: decisions.included.map((d) => ({
        id: d.id,
        level: String(d.body.level ?? ''),
        decidedBy: String(d.body.decidedBy ?? ''),
        what: String(d.body.what ?? ''),
        at: d.createdAt,
      })),
      openActions: actions.included.map((a) => ({
        id: a.entry.id,
        title: String(a.entry.body.title ?? ''),
        ownerOrganisation: String(a.entry.body.ownerOrganisation ?? ''),
        dueAt: typeof a.entry.body.dueAt === 'string' ? a.entry.body.dueAt : null,
        overdue: a.overdue,
      })),
      linesToTake,
      leftOut:
        decisions.notVisibleToAll + decisions.notExportable + actions.notVisibleToAll + actions.notExportable,
    },
  };
}

export function roundtableDocument(
  pack: RoundtablePack,
  incidentTitle: string,
  exercise: boolean,
): ProductDocument {
  return {
    heading: `${exercise ? 'EXERCISE ' : ''}Roundtable pack — ${pack.title}`,
    marking: pack.marking as TlpMarking,
    exercise,
    meta: [
      `Incident: ${incidentTitle}`,
      `IPCR roundtable convened by ${pack.convenedBy}, ${utc(pack.startsAt)} to ${utc(pack.endsAt)}`,
      `Audience: ${pack.audience.join(', ')}`,
    ],
    sections: [
      { title: 'Agenda', paragraphs: [pack.agenda ?? 'Not every reader of this pack may see the agenda.'] },
      { title: 'Latest picture', paragraphs: pictureParagraphs(pack.picture) },
      {
        title: 'Decisions taken',
        paragraphs: pack.decisions.map((d) => `${utc(d.at)} — ${d.level}, ${d.decidedBy}: ${d.what}`),
      },
      {
        title: 'Open actions',
        paragraphs: pack.openActions.map(
          (a) =>
            `${a.title} — ${a.ownerOrganisation}${a.dueAt ? `, due ${utc(a.dueAt)}` : ''}${a.overdue ? ' (OVERDUE)' : ''}`,
        ),
      },
      {
        title: 'Lines to take',
        paragraphs: pack.linesToTake.flatMap((l) =>
          l.texts.map(
            (t) =>
              `[${t.language}] ${t.headline} — ${t.text} (drafted by ${l.draftedBy}${l.embargoed ? `; embargoed until ${utc(l.embargoUntil)}` : ''})`,
          ),
        ),
      },
      ...(pack.leftOut > 0
        ? [
            {
              title: 'Left out',
              paragraphs: [
                `${pack.leftOut} decision(s) or action(s) are not in this pack: not every reader may see them or take them out.`,
              ],
            },
          ]
        : []),
    ],
  };
}

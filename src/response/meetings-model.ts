import { z } from 'zod';

/** IPCR roundtables (the Presidency's), technical calls (CSIRTs Network, sector groups), anything else convened. */
export const MEETING_FORMATS = ['ipcr-roundtable', 'technical-call', 'other'] as const;
export const MeetingFormat = z.enum(MEETING_FORMATS);
export type MeetingFormat = z.infer<typeof MeetingFormat>;

const Time = z.iso.datetime({ offset: true });

export const NewMeeting = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    format: MeetingFormat,
    startsAt: Time,
    endsAt: Time,
    agenda: z.string().trim().max(10000).default(''),
    /** Participating organisations invited; they are always in its audience, so each may see its invitation. */
    invited: z.array(z.string().min(2).max(32)).min(1).max(64),
    /** A room, a bridge number or a video link: shown only to those who may see the meeting. */
    where: z.string().trim().max(500).default(''),
    marking: z.enum(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT']).default('TLP:GREEN'),
    /** Who else may see it (observers); absent, only the invited organisations and the convener's. */
    audience: z.array(z.string().min(2).max(32)).max(64).optional(),
  })
  .refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), {
    message: 'a meeting ends after it starts',
    path: ['endsAt'],
  });
export type NewMeeting = z.infer<typeof NewMeeting>;

export const MinutesRequest = z.strictObject({ minutes: z.string().trim().min(1).max(20000) });
export type MinutesRequest = z.infer<typeof MinutesRequest>;

export const Meeting = z.object({
  id: z.string(),
  incidentId: z.string(),
  title: z.string(),
  format: MeetingFormat,
  startsAt: z.string(),
  endsAt: z.string(),
  agenda: z.string(),
  invited: z.array(z.string()),
  where: z.string(),
  convenedBy: z.object({ organisation: z.string(), name: z.string() }),
  /** The latest minutes recorded, or null before any. */
  minutes: z
    .object({ text: z.string(), organisation: z.string(), name: z.string(), at: z.string() })
    .nullable(),
  /** Decisions taken and actions created at the meeting, among those the reader may see. */
  decisionIds: z.array(z.string()),
  actionIds: z.array(z.string()),
  marking: z.string(),
  audience: z.array(z.string()),
  abilities: z.object({ recordMinutes: z.boolean() }),
});
export type Meeting = z.infer<typeof Meeting>;

export const IncidentMeetings = z.object({
  items: z.array(Meeting),
  abilities: z.object({ convene: z.boolean() }),
});
export type IncidentMeetings = z.infer<typeof IncidentMeetings>;

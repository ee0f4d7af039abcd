import type { Kysely } from 'kysely';
import { listEntries } from '../entries/flows.js';
import type { Entry } from '../entries/model.js';
import { withoutField } from '../entries/rules.js';
import { incidentFor } from '../incidents/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { mechanismById } from '../registry/mechanisms.js';
import type { EntryReach } from '../sharing/entries.js';
import type { TlpMarking } from '../sharing/model.js';
import { compileProduct, type ProductAudience } from '../sharing/products.js';
import type { CompiledPicture } from './isaa-model.js';

/** An entry's reach as the compiled-product rule weighs it, from the organisations that may see it now. */
export function productReachOf(e: Entry): EntryReach {
  return {
    authorUserId: e.author.userId,
    authorOrg: e.author.organisation,
    marking: e.marking,
    audience: e.whoCanSee.organisations,
    presidency: null,
    groupMembers: [],
    recipients: e.recipients.map((r) => r.userId),
    releasableToNato: e.releasableToNato,
  };
}

/** The body as readers outside the author's organisation receive it: a product leaves it, so withheld stays out. */
function outsideBody(e: Entry): Record<string, unknown> {
  let body = e.body;
  for (const w of e.withheld) body = withoutField(body, w.field) as Record<string, unknown>;
  return body;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * The latest picture for a product's audience: each organisation's latest report or update that every reader may
 * see and may take beyond the platform (up to `upToSeq`, so a version compiles as it stood), without the details
 * their authors withheld; with the status, the activating states and the engagements, which every participant
 * shares. Returns the most restrictive marking among the accounts in it.
 */
export async function compilePicture(
  platform: Platform,
  db: Kysely<Database>,
  actor: Actor,
  incidentId: string,
  audience: ProductAudience,
  upToSeq: number | null,
): Promise<{ picture: CompiledPicture; marking: TlpMarking; releasableToNato: boolean }> {
  const entries = (
    await listEntries(platform, actor, incidentId, { kinds: ['report', 'update'] }, db)
  ).filter((e) => upToSeq === null || e.seq <= upToSeq);
  const compiled = compileProduct(entries, productReachOf, audience, {
    compiledBy: actor.organisation,
    leavesPlatform: true,
  });
  const latest = new Map<string, Entry>();
  for (const e of compiled.included) latest.set(e.author.organisation, e);
  const incident = await incidentFor(db, actor, incidentId, platform.clock.now());
  const items = [...latest.values()]
    .sort((a, b) => a.author.organisation.localeCompare(b.author.organisation))
    .map((e) => {
      const body = outsideBody(e);
      const impacts = Array.isArray(body.impacts) ? (body.impacts as Record<string, unknown>[]) : [];
      return {
        organisation: e.author.organisation,
        kind: e.kind,
        at: e.createdAt,
        marking: e.marking,
        text: e.kind === 'report' ? str(body.description) : str(body.text),
        impacts: impacts.map((i) => ({
          memberState: String(i.memberState ?? ''),
          level: String(i.level ?? 'unknown'),
          service: str(i.service),
        })),
      };
    });
  return {
    picture: {
      status: incident.status,
      activatingStates: incident.activatingStates,
      engagements: incident.mechanisms.engagements.map((g) => ({
        mechanism: g.mechanism,
        name: mechanismById(g.mechanism)?.name ?? g.mechanism,
        status: g.status,
      })),
      items,
      leftOut: compiled.notVisibleToAll + compiled.notExportable,
    },
    marking: compiled.marking,
    releasableToNato: compiled.releasableToNato,
  };
}

/** The picture as document paragraphs. */
export function pictureParagraphs(p: CompiledPicture): string[] {
  const out = [
    `Blueprint status: ${p.status}.`,
    `Affected member states that may activate: ${p.activatingStates.join(', ') || 'none'}.`,
  ];
  if (p.engagements.length > 0)
    out.push(`EU mechanisms: ${p.engagements.map((e) => `${e.name} (${e.status})`).join('; ')}.`);
  for (const i of p.items) {
    const impacts = i.impacts
      .map((x) => `${x.memberState}: ${x.level}${x.service ? ` (${x.service})` : ''}`)
      .join('; ');
    out.push(
      `${i.organisation}, ${i.at.slice(0, 16).replace('T', ' ')} UTC [${i.marking}]: ${i.text ?? '(no text)'}${
        impacts ? ` — Impact: ${impacts}` : ''
      }`,
    );
  }
  if (p.leftOut > 0)
    out.push(
      `${p.leftOut} account(s) left out: not every reader of this document may see them or take them out.`,
    );
  return out;
}

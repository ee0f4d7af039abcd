import { diffLines } from 'diff';
import type { Activation, Assessment, Consultation } from '../blueprint/model.js';
import type { Entry } from '../entries/model.js';
import type { StateReporting } from '../incidents/model.js';
import type { PictureState } from '../picture/model.js';
import { countryName } from '../registry/countries.js';
import { organisationById } from '../registry/organisations.js';
import { sectorById } from '../registry/sectors.js';
import { SECTION_KEYS, SECTION_TITLES, type Section, type SectionKey, type SitrepDiff } from './model.js';

export interface PrefillInput {
  title: string;
  occurredAt: string;
  cause: string | null;
  assessment: Assessment;
  activation: Activation;
  consultations: readonly Consultation[];
  states: readonly PictureState[];
  sectors: ReadonlyArray<{ sector: string; subsectors: readonly string[] }>;
  reporting: readonly StateReporting[];
  /** Entries every reader of the sitrep may see, oldest first. */
  entries: readonly Entry[];
  now: Date;
}

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const org = (id: string) => organisationById(id)?.name ?? id;

/**
 * The first draft of a sitrep, written only from what every reader of it may see: assessment facts, workflow facts
 * and the entries compiled for its audience. The author edits it from there.
 */
export function prefill(input: PrefillInput): Section[] {
  const { assessment, activation } = input;
  const text: Record<SectionKey, string> = {
    situation: [
      `${input.title}. Occurred ${utc(input.occurredAt)}${input.cause ? `; cause: ${input.cause}` : ''}.`,
      `Blueprint status: ${assessment.status}. ${assessment.reasons.join(' ')}`,
      activation.state === 'active'
        ? `The Blueprint is active since ${utc(activation.activatedAt ?? '')}, activated by ${org(activation.activatedBy ?? '')}${
            activation.joinedBy.length ? `, joined by ${activation.joinedBy.map(org).join(', ')}` : ''
          }.`
        : activation.state === 'deactivated'
          ? `The Blueprint was deactivated on ${utc(activation.deactivatedAt ?? '')}.`
          : 'The Blueprint has not been activated.',
    ].join('\n'),
    impact: [
      ...input.states.map((s) => {
        const details = [
          `${countryName(s.code)}: ${s.level}${s.ownAssessment ? '' : ` (reported by ${s.claimedBy.join(', ')}, not yet confirmed)`}`,
        ];
        if (s.services.length) details.push(`services: ${s.services.join(', ')}`);
        if (s.usersAffected !== null) details.push(`users affected: ${s.usersAffected.toLocaleString('en')}`);
        return `- ${details.join('; ')}`;
      }),
      ...input.sectors.map((s) => {
        const subs = s.subsectors.map(
          (x) => sectorById(s.sector)?.subsectors.find((y) => y.id === x)?.label ?? x,
        );
        return `- Sector ${sectorById(s.sector)?.label ?? s.sector}${subs.length ? ` (${subs.join(', ')})` : ''}`;
      }),
    ].join('\n'),
    actions:
      [
        ...activation.history.map(
          (h) => `- ${utc(h.at)} ${org(h.by)}: ${h.kind}${h.text ? ` — ${h.text}` : ''}`,
        ),
        ...input.consultations.flatMap((c) => [
          `- ${utc(c.openedAt)} consultation opened by ${org(c.openedBy)}, deadline ${utc(c.deadline)}`,
          ...(c.procedure === 'majority-count' && c.decision
            ? [
                `- ${utc(c.decision.at)} Presidency decision: ${c.decision.decision} (${c.decision.agreed ? 'coordination agreed' : 'coordination not agreed'}) — ${c.decision.rationale}`,
              ]
            : []),
          ...(c.procedure === 'silence' && c.conclusion
            ? [
                `- ${utc(c.conclusion.at)} consultation concluded: ${c.conclusion.agreed ? 'coordination agreed' : c.conclusion.outcome === 'declined' ? 'declined by the Presidency' : 'coordination not agreed'}${c.conclusion.standingObjections.length ? ` (objections: ${c.conclusion.standingObjections.map(org).join(', ')})` : ''}`,
              ]
            : []),
        ]),
        ...input.entries
          .filter((e) => e.kind === 'update' && e.text)
          .map((e) => `- ${utc(e.createdAt)} ${org(e.author.organisation)}: ${e.text}`),
      ].join('\n') || 'No actions recorded yet.',
    needs: 'No requests for assistance recorded.',
    communication:
      input.entries
        .filter((e) => e.marking === 'TLP:CLEAR' && e.kind === 'note' && e.text)
        .map((e) => `- ${org(e.author.organisation)}: ${e.text}`)
        .join('\n') || 'No public lines agreed yet.',
    outlook: '',
    questions: [
      ...assessment.unconfirmed.map((s) => `- ${countryName(s)} has not yet confirmed its own assessment.`),
    ].join('\n'),
  };
  return SECTION_KEYS.map((key) => ({ key, title: SECTION_TITLES[key], text: text[key] }));
}

/** Line-by-line differences between two sitreps, section by section. */
export function diffSitreps(
  from: { id: string; number: number | null; sections: readonly Section[] },
  to: { id: string; number: number | null; sections: readonly Section[] },
): SitrepDiff {
  return {
    from: { id: from.id, number: from.number },
    to: { id: to.id, number: to.number },
    sections: SECTION_KEYS.map((key) => {
      const a = from.sections.find((s) => s.key === key)?.text ?? '';
      const b = to.sections.find((s) => s.key === key)?.text ?? '';
      const parts = diffLines(a.endsWith('\n') ? a : `${a}\n`, b.endsWith('\n') ? b : `${b}\n`);
      return {
        key,
        title: SECTION_TITLES[key],
        changes: parts.map((p) => ({
          kind: p.added ? ('added' as const) : p.removed ? ('removed' as const) : ('same' as const),
          text: p.value,
        })),
      };
    }),
  };
}

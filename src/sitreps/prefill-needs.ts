import type { AssistanceCategory, Priority, RequestStatus } from '../assistance/model.js';
import { acceptedQuantity, currentStep, requestStatus } from '../assistance/rules.js';
import { stepsByOffer } from '../assistance/view.js';
import type { Entry } from '../entries/model.js';
import type { EntryBodyOf } from '../log/kinds.js';
import type { Language } from '../platform/language.js';

/** The words of the needs section, per language: every category, priority and status by name. */
interface NeedsWords {
  category: Record<AssistanceCategory, string>;
  priority: Record<Priority, string>;
  status: Record<RequestStatus, string>;
  line: (n: {
    by: string;
    quantity: number;
    unit: string;
    category: string;
    place: string;
    priority: string;
    from: string;
    status: string;
    accepted: number;
  }) => string;
  formal: (cecis: string | null) => string;
}

const EN: NeedsWords = {
  category: {
    'power-generators': 'power generators',
    'cable-repair-vessel': 'cable-repair vessel',
    'gas-supply': 'gas supply',
    'cyber-incident-response-team': 'cyber incident response team',
    experts: 'experts',
    'satellite-capacity': 'satellite capacity',
    'spare-parts': 'spare parts',
    other: 'other help',
  },
  priority: { routine: 'routine', urgent: 'urgent', critical: 'critical' },
  status: {
    requested: 'no offer yet',
    offered: 'offered',
    accepted: 'accepted',
    'in-transit': 'in transit',
    deployed: 'deployed',
    demobilised: 'demobilised',
  },
  line: (n) =>
    `${n.by} requests ${n.quantity} ${n.unit} of ${n.category}${n.place ? ` at ${n.place}` : ''} (${n.priority}), needed from ${n.from}: ${n.status}, ${n.accepted} of ${n.quantity} ${n.unit} covered`,
  formal: (cecis) => `formal UCPM request${cecis ? ` ${cecis}` : ''}`,
};

const NL: NeedsWords = {
  category: {
    'power-generators': 'stroomgeneratoren',
    'cable-repair-vessel': 'kabelreparatieschip',
    'gas-supply': 'gaslevering',
    'cyber-incident-response-team': 'cyberincidentresponsteam',
    experts: 'deskundigen',
    'satellite-capacity': 'satellietcapaciteit',
    'spare-parts': 'reserveonderdelen',
    other: 'andere hulp',
  },
  priority: { routine: 'routine', urgent: 'dringend', critical: 'kritiek' },
  status: {
    requested: 'nog geen aanbod',
    offered: 'aangeboden',
    accepted: 'aanvaard',
    'in-transit': 'onderweg',
    deployed: 'ingezet',
    demobilised: 'teruggetrokken',
  },
  line: (n) =>
    `${n.by} vraagt ${n.quantity} ${n.unit} ${n.category}${n.place ? ` in ${n.place}` : ''} (${n.priority}), nodig vanaf ${n.from}: ${n.status}, ${n.accepted} van ${n.quantity} ${n.unit} gedekt`,
  formal: (cecis) => `formeel UCPM-verzoek${cecis ? ` ${cecis}` : ''}`,
};

type RequestBody = EntryBodyOf<'assistance-request'>;
type OfferBody = EntryBodyOf<'assistance-offer'>;

/**
 * The sitrep's needs: each request for assistance among the entries every reader of the sitrep may see, with how far
 * the offers and steps those readers also see have taken it. Empty when there is none.
 */
export function needsLines(
  entries: readonly Entry[],
  language: Language,
  say: { org: (id: string) => string; utc: (iso: string) => string },
): string[] {
  const w = language === 'nl' ? NL : EN;
  const offers = entries.filter((e) => e.kind === 'assistance-offer');
  const byOffer = stepsByOffer(
    entries.map((e) => ({
      kind: e.kind as 'assistance-step',
      body: e.body,
      createdAt: e.createdAt,
      authorOrg: e.author.organisation,
    })),
  );
  return entries
    .filter((e) => e.kind === 'assistance-request')
    .map((e) => {
      const b = e.body as unknown as RequestBody;
      // Offers made for it, and standing offers with steps for it, as the request's own view counts them.
      const taken = offers
        .map((o) => ({ o, steps: byOffer.get(o.id)?.get(e.id) ?? [] }))
        .filter(({ o, steps }) => (o.body as unknown as OfferBody).requestId === e.id || steps.length > 0)
        .map(({ o, steps }) => ({
          status: currentStep(steps),
          accepted: acceptedQuantity((o.body as unknown as OfferBody).quantity, steps),
        }));
      const line = w.line({
        by: say.org(e.author.organisation),
        quantity: b.quantity,
        unit: b.unit,
        // Help the list does not name is what its description says.
        category:
          b.category === 'other' && b.description
            ? b.description
            : (w.category[b.category as AssistanceCategory] ?? b.category),
        place: b.location?.place ?? '',
        priority: w.priority[b.priority as Priority] ?? b.priority,
        from: say.utc(b.neededFrom),
        status: w.status[requestStatus(taken)],
        accepted: taken.reduce((sum, t) => sum + t.accepted, 0),
      });
      return `- ${line}${b.ucpm.formal ? `; ${w.formal(b.ucpm.cecisReference)}` : ''}`;
    });
}

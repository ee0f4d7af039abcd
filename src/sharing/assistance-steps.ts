import { mostRestrictive, type TlpMarking } from './model.js';

/** The reach an assistance request or offer was written with, and the organisation that wrote it. */
export interface AssistanceReach {
  readonly authorOrg: string;
  readonly marking: string;
  readonly audience: readonly string[];
  readonly releasableToNato: boolean;
}

/**
 * A step moves one offer along for one request and speaks of both (who accepted how much, and why), so it reaches
 * those who see both, and always the two sides: the offer may reach further than the request (a standing offer to
 * every organisation, or an answer its offerer shared more widely), and the requester's acceptance must not follow it
 * there. It carries the more restrictive marking and goes to NATO only when both do.
 */
export function assistanceStepReach(
  request: AssistanceReach,
  offer: AssistanceReach,
): { marking: TlpMarking; audience: string[]; releasableToNato: boolean } {
  const seeRequest = new Set([...request.audience, request.authorOrg]);
  const seeOffer = new Set([...offer.audience, offer.authorOrg]);
  const both = [...seeRequest].filter((o) => seeOffer.has(o));
  return {
    marking: mostRestrictive([request.marking as TlpMarking, offer.marking as TlpMarking]),
    audience: [...new Set([...both, request.authorOrg, offer.authorOrg])],
    releasableToNato: request.releasableToNato && offer.releasableToNato,
  };
}

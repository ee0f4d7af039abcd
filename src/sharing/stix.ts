import type { Actor } from '../platform/actor.js';
import { exportableByRecipient, type TlpMarking } from './model.js';
import { type Rule, rule } from './policy.js';
import type { Principal } from './principal.js';
import { readsContent } from './principal.js';

/**
 * What of an incident the reader sees may leave the platform in a STIX 2.1 bundle or a TAXII collection. A bundle is
 * meant to travel on (a national CSIRT's MISP, OpenCTI, a recipient's constituents), so it carries only what every
 * later holder may be given: no rule lets TLP:AMBER+STRICT or TLP:RED content out, whoever exports it.
 */
export const travelsInStix = [
  rule(
    'entries marked TLP:CLEAR, TLP:GREEN or TLP:AMBER travel in STIX bundles; TLP:AMBER+STRICT and TLP:RED never do, whoever exports them',
    (marking: TlpMarking) => exportableByRecipient(marking),
  ),
];

/**
 * A detail its author withheld never travels in a bundle, not even when the author's own organisation exports: no
 * rule grants it, because the bundle may be passed on beyond that organisation.
 */
export const carryWithheldDetails: ReadonlyArray<Rule<[Principal, string]>> = [];

interface Group {
  ownerOrg: string;
  members: readonly string[];
}

/** Who may pull a sharing group's TAXII collection (each object in it is still checked like any entry). */
export const readGroupCollection = [
  rule(
    "people of the owning organisation read its sharing groups' TAXII collections",
    (p: Principal, g: Group) => readsContent(p) && p.organisation === g.ownerOrg,
  ),
  rule(
    'people of member organisations read the TAXII collections of the groups they belong to',
    (p: Principal, g: Group) => readsContent(p) && g.members.includes(p.organisation),
  ),
];

/** TAXII is for systems: a pull authenticates with an API token, never with a browser session or a wall screen. */
export const pullOverTaxii = [
  rule('API tokens pull TAXII collections', (a: Pick<Actor, 'via'>) => a.via === 'token'),
];

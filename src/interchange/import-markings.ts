import { mostRestrictive, type TlpMarking } from '../sharing/model.js';

/** The TLP 2.0 marking definitions for STIX 2.1 (FIRST's ids, extension-definition--60a3c5c5-…). */
export const TLP2_MARKING_IDS: Record<string, TlpMarking> = {
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'TLP:CLEAR',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'TLP:GREEN',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'TLP:AMBER',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'TLP:AMBER+STRICT',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'TLP:RED',
};

/** The TLP 1.0 definitions the STIX 2.1 specification fixes; WHITE is read as CLEAR, as TLP 2.0 says. */
const TLP1_MARKING_IDS: Record<string, TlpMarking> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'TLP:CLEAR',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'TLP:GREEN',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'TLP:AMBER',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'TLP:RED',
};

/**
 * What an item without any TLP marking becomes. The source did not say how far it may go, so it stays within the
 * importing organisation until someone there decides to share it (a change of reach).
 */
export const UNMARKED: TlpMarking = 'TLP:AMBER';

/** The TLP a STIX marking-definition id stands for, when it is one of the well-known definitions. */
export function tlpOfMarkingId(id: string): TlpMarking | undefined {
  return TLP2_MARKING_IDS[id] ?? TLP1_MARKING_IDS[id];
}

/** `TLP:AMBER+STRICT`, `amber+strict`, `white`…: a TLP level named in text, or undefined. */
export function tlpOfName(name: string): TlpMarking | undefined {
  const level = name.trim().toLowerCase().replace(/^tlp:/, '').replace(/^"|"$/g, '');
  switch (level) {
    case 'clear':
    case 'white':
      return 'TLP:CLEAR';
    case 'green':
      return 'TLP:GREEN';
    case 'amber':
      return 'TLP:AMBER';
    case 'amber+strict':
      return 'TLP:AMBER+STRICT';
    case 'red':
      return 'TLP:RED';
    default:
      return undefined;
  }
}

/** The most restrictive of the markings found, or the given fallback when none was found. */
export function strictestOr(found: readonly TlpMarking[], fallback: TlpMarking): TlpMarking {
  return found.length === 0 ? fallback : mostRestrictive(found);
}

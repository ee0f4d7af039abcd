import { createEntry } from '../cepes/flows.js';
import { CepesEntryInput } from '../cepes/model.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

/**
 * The exercise's CEPES register, kept by ERCC: a gas TSO confirmed as CEPES (seven states), a subsea cable
 * operator that digital infrastructure keeps outside the CEPES chapter (CER Art. 8), and Galileo, held as EU
 * infrastructure by EUSPA. Each reaches the states it concerns, as ERCC's entries do by default.
 */
export async function seedCepesRegister(platform: Platform, ercc: Actor): Promise<void> {
  const entries = [
    {
      name: 'EXERCISE: Central European Gas Transmission (gas TSO)',
      verdict: 'cepes',
      establishedIn: 'DE',
      memberStatesServed: ['DE', 'AT', 'CZ', 'PL', 'NL', 'BE', 'FR'],
      sectors: ['energy'],
      note: 'Exercise data: identified as CEPES after consultation of the seven member states served.',
      marking: 'TLP:AMBER',
    },
    {
      name: 'EXERCISE: Baltic Subsea Cable Company',
      verdict: 'not-cepes',
      establishedIn: 'FI',
      memberStatesServed: ['FI', 'EE', 'SE', 'DE', 'LV', 'LT'],
      sectors: ['digital-infrastructure'],
      note: 'Exercise data: digital infrastructure is covered by NIS2, never by the CEPES chapter (CER Art. 8).',
      marking: 'TLP:AMBER',
    },
    {
      name: 'Galileo',
      verdict: 'eu-infrastructure',
      memberStatesServed: [],
      sectors: ['space'],
      note: 'EU space programme: Union infrastructure held by EUSPA, never a CEPES.',
      marking: 'TLP:GREEN',
      audience: ['ERCC', 'EUSPA', 'FI', 'EE', 'DE'],
    },
  ];
  for (const entry of entries) await createEntry(platform, ercc, CepesEntryInput.parse(entry));
}

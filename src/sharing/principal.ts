import type { Role } from '../accounts/model.js';
import { isParticipatingOrganisation } from '../registry/organisations.js';

/** The part of an actor that access rules look at. */
export interface Principal {
  readonly userId: string;
  readonly organisation: string;
  readonly role: Role;
}

/** Content is read by the people of an organisation; the platform administrator role grants no reading right. */
export const readsContent = (p: Principal): boolean => p.role !== 'admin';

export const writesContent = (p: Principal): boolean => p.role === 'coordinator';

export const isParticipant = (p: Principal): boolean => isParticipatingOrganisation(p.organisation);

export const isNatoLiaison = (p: Principal): boolean => p.organisation === 'NATO';

import { z } from 'zod';
import type { Language } from './language.js';

/**
 * What an account may do, as the sharing rules read it. Defined with the actor, which carries one on every request;
 * the accounts module re-exports it with the rest of its model.
 */
export const ROLES = ['coordinator', 'viewer', 'org-admin', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who is acting: a signed-in user (through a browser session or an API token), or the platform itself. */
export interface Actor {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly organisation: string;
  readonly role: Role;
  readonly via: 'session' | 'token' | 'display' | 'cli';
  readonly sessionIdHash?: string;
  /** The language generated text is written in for them: the account's choice, else the request's Accept-Language. */
  readonly language?: Language;
}

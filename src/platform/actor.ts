import type { Role } from '../accounts/model.js';

/** Who is acting: a signed-in user (through a browser session or an API token), or the platform itself. */
export interface Actor {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly organisation: string;
  readonly role: Role;
  readonly via: 'session' | 'token' | 'display' | 'cli';
  readonly sessionIdHash?: string;
}

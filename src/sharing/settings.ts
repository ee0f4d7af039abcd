import { rule } from './policy.js';
import type { Principal } from './principal.js';

/** Platform settings change how the platform decides for everyone: they are the platform administrators' to set. */
export const readPlatformSettings = [
  rule('platform admins read the platform settings', (p: Principal) => p.role === 'admin'),
];

export const changePlatformSettings = [
  rule('platform admins change the platform settings', (p: Principal) => p.role === 'admin'),
];

import { findChangedEntry } from '../log/hash.js';
import type { ContentCheck } from '../platform/audit/store.js';

/** What the audit chain vouches for beyond its own records, one check per module that writes such content. */
export const AUDITED_CONTENT: readonly ContentCheck[] = [findChangedEntry];

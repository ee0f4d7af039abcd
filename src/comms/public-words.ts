/**
 * The public page's own words, in the languages the platform writes (en, nl): the reader's browser picks them by
 * `Accept-Language`, since nobody signs in there. The lines keep their own languages, each marked with `lang`.
 */
import type { Language } from '../platform/language.js';
import type { MessageType } from './model.js';

export interface PublicWords {
  title: string;
  exerciseTitle: string;
  nothingYet: string;
  notRealAlert: string;
  kind: Record<MessageType, string>;
  atomFeed: string;
  capFeed: string;
  exerciseNoFeeds: string;
}

export const PUBLIC_WORDS: Readonly<Record<Language, PublicWords>> = {
  en: {
    title: 'Public information',
    exerciseTitle: 'EXERCISE preview — public information',
    nothingYet: 'No public information has been published yet.',
    notRealAlert: 'EXERCISE — not a real alert',
    kind: { Alert: 'Alert', Update: 'Update', Cancel: 'Cancelled' },
    atomFeed: 'Atom feed',
    capFeed: 'CAP feed',
    exerciseNoFeeds: 'This is an exercise: the page is a preview and has no feeds.',
  },
  nl: {
    title: 'Informatie voor het publiek',
    exerciseTitle: 'EXERCISE-voorbeeld — informatie voor het publiek',
    nothingYet: 'Er is nog geen informatie voor het publiek gepubliceerd.',
    notRealAlert: 'EXERCISE — geen echte waarschuwing',
    kind: { Alert: 'Waarschuwing', Update: 'Bijwerking', Cancel: 'Ingetrokken' },
    atomFeed: 'Atom-feed',
    capFeed: 'CAP-feed',
    exerciseNoFeeds: 'Dit is een oefening: de pagina is een voorbeeld en heeft geen feeds.',
  },
};

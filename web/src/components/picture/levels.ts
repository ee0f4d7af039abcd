import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isLevel, LEVELS } from '../../api/picture.js';

export type Level = (typeof LEVELS)[number];

/** Most severe first; anything the web does not know sorts last. */
export function levelRank(level: string): number {
  const rank = (LEVELS as readonly string[]).indexOf(level);
  return rank < 0 ? LEVELS.length : rank;
}

/** A level in words, a short form for the map's labels, and whether the state said it itself. */
export function useLevelWords() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      name: (level: string) => (isLevel(level) ? t(`vocabulary.level.${level}`) : level),
      short: (level: string) => (isLevel(level) ? t(`picture.levelShort.${level}`) : level),
      /** "Significant (own assessment)" or "Significant, reported by Finland, not confirmed by the state". */
      describe: (level: string, own: boolean, claimedBy: string) => {
        const name = isLevel(level) ? t(`vocabulary.level.${level}`) : level;
        return own
          ? t('picture.ownLevel', { level: name })
          : t('picture.claimedLevel', { level: name, by: claimedBy });
      },
    }),
    [t],
  );
}

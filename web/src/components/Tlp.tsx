import { useTranslation } from 'react-i18next';
import { type TlpMarking as Marking, TLP_MARKINGS } from '../api/types.js';

/** CSS modifier and catalogue key of each marking; the colours are FIRST's, in styles.css (`.tlp--…`). */
const HINT_KEYS = {
  'TLP:CLEAR': 'clear',
  'TLP:GREEN': 'green',
  'TLP:AMBER': 'amber',
  'TLP:AMBER+STRICT': 'amberStrict',
  'TLP:RED': 'red',
} as const satisfies Record<Marking, string>;

export function isMarking(value: string): value is Marking {
  return (TLP_MARKINGS as readonly string[]).includes(value);
}

/** 0 for TLP:CLEAR up to 4 for TLP:RED; an unknown marking counts as the most restrictive. */
export function markingRank(marking: string): number {
  const rank = (TLP_MARKINGS as readonly string[]).indexOf(marking);
  return rank < 0 ? TLP_MARKINGS.length : rank;
}

/** The most restrictive of several markings, or null when there are none. */
export function mostRestrictive(markings: Iterable<string>): string | null {
  let worst: string | null = null;
  for (const marking of markings)
    if (worst === null || markingRank(marking) > markingRank(worst)) worst = marking;
  return worst;
}

/** The modifier for `.tlp--…` and friends. */
export function markingModifier(marking: string): string {
  return isMarking(marking) ? HINT_KEYS[marking] : 'unknown';
}

/** What the marking lets a reader do with the information, in plain words. */
export function useMarkingMeaning() {
  const { t } = useTranslation();
  return (marking: string): string =>
    isMarking(marking) ? t(`tlp.${HINT_KEYS[marking]}`) : t('tlp.unknown');
}

/** The TLP 2.0 label in FIRST's colours (coloured text on black), with what it allows in words. */
export function TlpMarking({ marking, withHint }: { marking: string; withHint?: boolean }) {
  const meaning = useMarkingMeaning();
  return (
    <span className="tlp-marking">
      <span
        className={`tlp tlp--${markingModifier(marking)}`}
        title={withHint ? undefined : meaning(marking)}
      >
        {marking}
      </span>
      {withHint ? <span className="tlp-marking__hint">{meaning(marking)}</span> : null}
    </span>
  );
}

/**
 * The black bar across the top of an entry: its marking in FIRST's colour, and the plain-language meaning on
 * hover or when expanded (a native disclosure, so it works from the keyboard).
 */
export function MarkingBanner({ marking }: { marking: string }) {
  const { t } = useTranslation();
  const meaning = useMarkingMeaning();
  return (
    <details className={`marking-banner marking-banner--${markingModifier(marking)}`}>
      <summary title={meaning(marking)}>
        <span className={`marking-banner__label tlp--${markingModifier(marking)}`}>{marking}</span>
        <span className="marking-banner__more">{t('classification.whatItMeans')}</span>
      </summary>
      <p className="marking-banner__meaning">{meaning(marking)}</p>
    </details>
  );
}

/**
 * The page's classification: the most restrictive marking among what is on screen, repeated at the top and the
 * bottom of the view (and on paper).
 */
export function ClassificationBanner({ marking }: { marking: string | null }) {
  const { t } = useTranslation();
  const meaning = useMarkingMeaning();
  if (!marking) return null;
  return (
    <div className={`classification classification--${markingModifier(marking)}`} role="note">
      <span className={`classification__label tlp--${markingModifier(marking)}`}>{marking}</span>
      <span className="classification__text">
        {t('classification.page')} {meaning(marking)}
      </span>
    </div>
  );
}

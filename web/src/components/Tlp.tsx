import { useTranslation } from 'react-i18next';
import type { TlpMarking as Marking } from '../api/types.js';

const MARKINGS = [
  'TLP:CLEAR',
  'TLP:GREEN',
  'TLP:AMBER',
  'TLP:AMBER+STRICT',
  'TLP:RED',
] as const satisfies readonly Marking[];

const HINT_KEYS = {
  'TLP:CLEAR': 'clear',
  'TLP:GREEN': 'green',
  'TLP:AMBER': 'amber',
  'TLP:AMBER+STRICT': 'amberStrict',
  'TLP:RED': 'red',
} as const satisfies Record<Marking, string>;

function isMarking(value: string): value is Marking {
  return (MARKINGS as readonly string[]).includes(value);
}

/** The TLP 2.0 label in FIRST's colours (coloured text on black), with what it allows in words. */
export function TlpMarking({ marking, withHint }: { marking: string; withHint?: boolean }) {
  const { t } = useTranslation();
  const known = isMarking(marking);
  const modifier = known ? HINT_KEYS[marking] : 'unknown';
  return (
    <span className="tlp-marking">
      <span className={`tlp tlp--${modifier}`}>{marking}</span>
      {withHint && known ? <span className="tlp-marking__hint">{t(`tlp.${HINT_KEYS[marking]}`)}</span> : null}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Entry } from '../../api/types.js';

/** Under a `sitrep` entry in the log: the way to the published situation report it announces. */
export function SitrepEntryLink({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const { sitrepId, number } = entry.body;
  if (entry.kind !== 'sitrep' || typeof sitrepId !== 'string') return null;
  return (
    <p className="entry__sitrep-link">
      <Link to={`/incidents/${encodeURIComponent(entry.incidentId)}/sitreps/${encodeURIComponent(sitrepId)}`}>
        {typeof number === 'number' ? t('sitreps.openNumber', { number }) : t('sitreps.open')}
      </Link>
    </p>
  );
}

import { useTranslation } from 'react-i18next';
import { useContactPointStandings } from '../../api/roll-call.js';
import { DateTime } from '../DateTime.js';

/**
 * Beside an organisation in the directory: when its contact point last answered a check, or a flag when it has
 * none, never answered, or answered too long ago. Words, not colour alone, carry the flag.
 */
export function ContactPointFlag({ organisation }: { organisation: string }) {
  const { t } = useTranslation();
  const standings = useContactPointStandings();
  const standing = standings.data?.items.find((s) => s.organisation === organisation);
  if (!standing) return null;
  return (
    <div className="contact-point-standing" data-flag={standing.flag ?? 'reached'}>
      {standing.flag ? (
        <span className="tag">
          {t(`contactChecks.flag.${standing.flag}`, { days: standings.data?.staleAfterDays ?? 0 })}
        </span>
      ) : null}
      {standing.lastReachedAt ? (
        <span className="muted small">
          {' '}
          {t('contactChecks.lastReached')} <DateTime value={standing.lastReachedAt} />
        </span>
      ) : null}
    </div>
  );
}

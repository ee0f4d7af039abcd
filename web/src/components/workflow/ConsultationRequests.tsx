import { useTranslation } from 'react-i18next';
import { useEntries } from '../../api/hooks.js';
import type { Incident } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';

/**
 * The requests for a consultation that affected states made since the Presidency last opened one (who asked, when,
 * why), so the Presidency sees them where it decides to open one, not only in the log or as an alert. A request is
 * answered by the next consultation opened after it; read from the log the reader already has, live.
 */
export function ConsultationRequests({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const entries = useEntries(incident.id);
  const lastOpened = incident.consultations.at(-1)?.openedAt;
  const open = (entries.data ?? []).filter(
    (e) =>
      e.kind === 'consultation-requested' &&
      e.supersededBy === null &&
      (lastOpened === undefined || Date.parse(e.createdAt) > Date.parse(lastOpened)),
  );
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="consultation-requests-heading" className="consultation__requests">
      <h3 id="consultation-requests-heading" className="h-small">
        {t('workflow.silence.requestsHeading', { count: open.length })}
      </h3>
      <ul className="plain-list" data-testid="consultation-requests">
        {open.map((request) => (
          <li key={request.id}>
            <strong>{format.organisation(request.author.organisation)}</strong> ({request.author.name},{' '}
            <DateTime value={request.createdAt} />
            ): {request.text ?? (typeof request.body.text === 'string' ? request.body.text : '')}
          </li>
        ))}
      </ul>
    </section>
  );
}

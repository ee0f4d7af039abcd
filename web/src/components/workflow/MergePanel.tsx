import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client.js';
import { useIncidents } from '../../api/hooks.js';
import type { Incident } from '../../api/types.js';
import { useMergeDuplicate } from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { SelectField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { useActingOrganisation } from './common.js';

/** On a duplicate that was merged: where the incident continues, as a link. */
export function MergedNotice({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const incidents = useIncidents();
  if (!incident.mergedInto) return null;
  const title = incidents.data?.find((other) => other.id === incident.mergedInto)?.title;
  return (
    <p className="notice notice--warning merged-notice" role="note">
      <span aria-hidden="true" className="notice__icon">
        ⇢
      </span>
      <strong>{t('workflow.merged.into')}</strong>{' '}
      <Link to={`/incidents/${encodeURIComponent(incident.mergedInto)}`}>
        {title ?? t('workflow.merged.theOther')}
      </Link>
      . {t('workflow.merged.continue')}
    </p>
  );
}

/**
 * "Merge a duplicate": for ERCC and for the organisation that reported the duplicate. The duplicate's reports,
 * updates, assessments and notes are carried over; it stays readable and points here.
 */
export function MergePanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const organisation = useActingOrganisation();
  const incidents = useIncidents();
  const merge = useMergeDuplicate(incident.id);
  const [open, setOpen] = useState(false);
  const [duplicateId, setDuplicateId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!organisation || incident.mergedInto) return null;
  // Only the duplicate's reporter (or ERCC) merges it away: the server says which incidents this reader may.
  const candidates = (incidents.data ?? []).filter(
    (other) => other.id !== incident.id && other.mergedInto === null && other.abilities.mergeAway,
  );
  if (candidates.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setDone(null);
    if (!duplicateId) {
      setError(t('workflow.merge.choose'));
      return;
    }
    setError(null);
    const title = candidates.find((c) => c.id === duplicateId)?.title ?? duplicateId;
    merge.mutate(duplicateId, {
      onSuccess: () => {
        setDone(t('workflow.merge.done', { title }));
        setDuplicateId('');
        setOpen(false);
      },
      onError: (failed) => {
        if (isApiError(failed) && failed.field === 'duplicateId') setError(failed.fieldMessage);
        else setFailure(errorText(failed));
      },
    });
  };
  return (
    <section aria-labelledby="merge-heading" className="panel merge">
      <div className="composer__head">
        <h2 id="merge-heading">{t('workflow.merge.heading')}</h2>
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={open}
          aria-controls="merge-body"
          onClick={() => setOpen(!open)}
        >
          {open ? t('workflow.merge.close') : t('workflow.merge.open')}
        </button>
      </div>
      <StatusMessage message={done} />
      <div id="merge-body">
        {open ? (
          <form className="form workflow-form" onSubmit={submit} noValidate>
            <p className="field__hint">{t('workflow.merge.hint')}</p>
            {candidates.length === 0 ? (
              <p className="empty">{t('workflow.merge.noCandidates')}</p>
            ) : (
              <SelectField
                label={t('workflow.merge.duplicate')}
                error={error}
                value={duplicateId}
                onChange={(event) => setDuplicateId(event.target.value)}
              >
                <option value="">{t('workflow.merge.chooseOption')}</option>
                {candidates.map((other) => (
                  <option key={other.id} value={other.id}>
                    {other.title} — {format.organisation(other.reportedBy)},{' '}
                    {format.dateTime(other.occurredAt)}
                  </option>
                ))}
              </SelectField>
            )}
            <ErrorMessage message={failure} />
            {candidates.length > 0 ? (
              <div className="form__actions">
                <button type="submit" className="button button--primary" disabled={merge.isPending}>
                  {merge.isPending ? t('common.working') : t('workflow.merge.submit')}
                </button>
              </div>
            ) : null}
          </form>
        ) : null}
      </div>
    </section>
  );
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { useChangeReach, useSharingGroups } from '../api/hooks.js';
import type { Entry, Incident, ReachChangeResult } from '../api/types.js';
import { useFormat } from '../i18n/useFormat.js';
import { DateTime } from './DateTime.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage, StatusMessage, useErrorText } from './Messages.js';
import { useParticipatingOrganisations } from './OrganisationPicker.js';
import {
  checkReach,
  errorField,
  type FieldErrors,
  REACH_FIELDS,
  type ReachDraft,
  type ReachField,
  ReachFields,
  reachRequest,
  useAudiencePresets,
  useDescribeReach,
} from './ReachFields.js';
import { markingModifier } from './Tlp.js';

function isReachField(field: string | undefined): field is ReachField {
  return field !== undefined && (REACH_FIELDS as readonly string[]).includes(field);
}

function draftOf(entry: Entry): ReachDraft {
  return {
    marking: entry.marking,
    audience: [...entry.audience],
    sharingGroup: entry.sharingGroup?.id ?? '',
    // Only the author changes a RED entry's reach, and the author sees the recipients' addresses.
    recipients: entry.recipients.flatMap((person) => (person.email ? [person.email] : [])).join(', '),
    releasableToNato: entry.releasableToNato,
  };
}

/** What the author must know after a change: who outside the new reach may already have read the entry. */
function Outcome({ result, onClose }: { result: ReachChangeResult; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="reach-outcome">
      <StatusMessage message={t('reach.changed')} />
      <h3 ref={headingRef} tabIndex={-1} className="h-small">
        {t('reach.mayHaveRead')}
      </h3>
      {result.mayHaveRead.length === 0 ? (
        <p>{t('reach.nobodyRead')}</p>
      ) : (
        <ul className="plain-list reach-outcome__list">
          {result.mayHaveRead.map((reader) => (
            <li key={`${reader.userId}-${reader.at}`}>
              <strong>{reader.name}</strong>, {format.organisation(reader.organisation)} · {t('reach.readAt')}{' '}
              <DateTime value={reader.at} />
            </li>
          ))}
        </ul>
      )}
      <h3 className="h-small">{t('reach.losingAccess')}</h3>
      {result.organisationsLosingAccess.length === 0 ? (
        <p>{t('reach.nobodyLosing')}</p>
      ) : (
        <>
          <p>{format.list(result.organisationsLosingAccess.map((id) => format.organisation(id)))}</p>
          <p className="muted">{t('reach.losingAccessHint')}</p>
        </>
      )}
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}

/** Change who can see an entry: the same pickers as for a new note, filled in with the entry's current reach. */
export function ReachDialog({
  incident,
  entry,
  onClose,
}: {
  incident: Incident;
  entry: Entry;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const change = useChangeReach(incident.id);
  const participating = useParticipatingOrganisations().map((option) => option.id);
  const presets = useAudiencePresets(incident);
  const describe = useDescribeReach();
  const groups = useSharingGroups();
  const [draft, setDraft] = useState<ReachDraft>(() => draftOf(entry));
  const [errors, setErrors] = useState<FieldErrors<ReachField>>({});
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ReachChangeResult | null>(null);
  const sharingGroups = groups.data ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = checkReach(draft, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    change.mutate(
      { entryId: entry.id, body: reachRequest(draft, participating) },
      {
        onSuccess: setResult,
        onError: (failure) => {
          const field = errorField(failure);
          if (isReachField(field) && isApiError(failure)) setErrors({ [field]: failure.fieldMessage });
          else setError(errorText(failure));
        },
      },
    );
  };

  return (
    <Dialog title={t('reach.title')} onClose={onClose} wide>
      {result ? (
        <Outcome result={result} onClose={onClose} />
      ) : (
        <form className="form form--wide" onSubmit={submit} noValidate>
          <p className="dialog__context">{entry.text ?? t('reach.entryWithoutText')}</p>
          <p className="field__hint">{t('reach.intro')}</p>
          <ErrorMessage message={error} />
          <ReachFields
            draft={draft}
            onChange={setDraft}
            errors={errors}
            // The reporter's organisation releases the incident itself by releasing its report (the server decides).
            natoAvailable={
              incident.releasableToNato || (entry.kind === 'report' && incident.abilities.releaseToNato)
            }
            presets={presets}
            sharingGroups={sharingGroups}
            knownRecipients={entry.recipients.flatMap((person) =>
              person.email ? [{ ...person, email: person.email }] : [],
            )}
          />
          <p className="reach-summary" aria-live="polite">
            <span className={`tlp tlp--${markingModifier(draft.marking)}`}>{draft.marking}</span>{' '}
            {describe(draft, sharingGroups)}
          </p>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={change.isPending}>
              {change.isPending ? t('common.working') : t('reach.save')}
            </button>
            <button type="button" className="button button--secondary" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

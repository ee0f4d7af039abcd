import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  outsideReportPath,
  REPORT_TYPES,
  useExerciseCompliance,
  useRecordOutsideExercise,
} from '../api/exercise-compliance.js';
import { useChangePlatformSettings, usePlatformSettings } from '../api/settings.js';
import { useFormat } from '../i18n/useFormat.js';
import { metricsPath } from '../routes/CoordinationMetrics.js';
import { TextField } from './fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from './Messages.js';

/** A file as base64, for the JSON body that records an exercise held outside the platform. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A calendar day (YYYY-MM-DD) in the reader's language, read as a day rather than a moment. */
function useDay() {
  const format = useFormat();
  return (day: string) =>
    new Intl.DateTimeFormat(format.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    );
}

function AdoptionDate() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const settings = usePlatformSettings();
  const change = useChangePlatformSettings();
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!settings.data) return null;
  const shown = value ?? settings.data.recommendationAdoptedOn;
  return (
    <form
      className="form form--inline"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        change.mutate(
          { recommendationAdoptedOn: shown },
          { onSuccess: () => setValue(null), onError: (failure) => setError(errorText(failure)) },
        );
      }}
    >
      <TextField
        label={t('exerciseCompliance.adoptedOn')}
        hint={t('exerciseCompliance.adoptedOnHint')}
        type="date"
        required
        value={shown}
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" className="button button--secondary" disabled={change.isPending}>
        {t('exerciseCompliance.saveAdoptedOn')}
      </button>
      <ErrorMessage message={error} />
    </form>
  );
}

function RecordForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const record = useRecordOutsideExercise();
  const [heldOn, setHeldOn] = useState('');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Kept before the first await: React clears the event's target once the handler returns.
    const form = event.currentTarget;
    setError(null);
    setStatus(null);
    if (!file) return setError(t('exerciseCompliance.reportMissing'));
    const type = REPORT_TYPES.find((r) => r === file.type);
    if (!type) return setError(t('exerciseCompliance.reportType'));
    const content = await base64Of(file);
    record.mutate(
      { heldOn, title, report: { name: file.name, type, content } },
      {
        onSuccess: (held) => {
          setStatus(t('exerciseCompliance.recorded', { title: held.title }));
          setHeldOn('');
          setTitle('');
          setFile(null);
          form.reset();
        },
        onError: (failure) => setError(errorText(failure)),
      },
    );
  };
  return (
    <form
      className="form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="outside-exercise-heading"
    >
      <h3 id="outside-exercise-heading">{t('exerciseCompliance.recordHeading')}</h3>
      <StatusMessage message={status} />
      <ErrorMessage message={error} />
      <TextField
        label={t('exerciseCompliance.heldOn')}
        type="date"
        required
        value={heldOn}
        onChange={(event) => setHeldOn(event.target.value)}
      />
      <TextField
        label={t('exerciseCompliance.exerciseTitle')}
        required
        maxLength={200}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <TextField
        label={t('exerciseCompliance.report')}
        hint={t('exerciseCompliance.reportHint')}
        type="file"
        required
        accept={REPORT_TYPES.join(',')}
        onChange={(event) => setFile(event.target.files?.[0] ?? null)}
      />
      <button type="submit" className="button button--primary" disabled={record.isPending}>
        {t('exerciseCompliance.record')}
      </button>
    </form>
  );
}

/**
 * The Recommendation asks for a first exercise within twelve months of its adoption and periodic ones after: the
 * platform's exercise history, the runs on the platform and those recorded from outside, says where it stands.
 */
export function ExerciseCompliancePanel() {
  const { t } = useTranslation();
  const day = useDay();
  const standing = useExerciseCompliance();
  const s = standing.data;
  return (
    <section aria-labelledby="exercise-compliance-heading" className="panel">
      <h2 id="exercise-compliance-heading">{t('exerciseCompliance.heading')}</h2>
      {standing.isPending ? (
        <Loading />
      ) : standing.error || !s ? (
        <QueryError error={standing.error} onRetry={() => void standing.refetch()} />
      ) : (
        <>
          <ul className="plain-list" data-testid="exercise-standing">
            <li className={s.firstExercise === 'overdue' ? 'metric-late' : undefined}>
              {t(`exerciseCompliance.first.${s.firstExercise}`, {
                due: day(s.firstDueBy),
                held: s.firstHeldOn ? day(s.firstHeldOn) : '',
              })}
            </li>
            <li>
              {s.lastHeldOn === null || s.monthsSinceLast === null
                ? t('exerciseCompliance.noneHeld')
                : t('exerciseCompliance.last', { count: s.monthsSinceLast, held: day(s.lastHeldOn) })}
            </li>
          </ul>
          <AdoptionDate />
          {s.history.length > 0 ? (
            <table className="table">
              <caption>{t('exerciseCompliance.historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('exerciseCompliance.heldOn')}</th>
                  <th scope="col">{t('exerciseCompliance.exerciseTitle')}</th>
                  <th scope="col">{t('exerciseCompliance.where')}</th>
                </tr>
              </thead>
              <tbody>
                {s.history.map((h) => (
                  <tr key={`${h.where}-${h.id}`}>
                    <td>{day(h.heldOn)}</td>
                    <th scope="row">{h.title}</th>
                    <td>
                      {h.where === 'platform' && h.incidentId ? (
                        <Link to={metricsPath(h.incidentId)}>{t('exerciseCompliance.onPlatform')}</Link>
                      ) : (
                        <a href={outsideReportPath(h.id)} download={h.reportName ?? undefined}>
                          {t('exerciseCompliance.outsideReport', { name: h.reportName ?? '' })}
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <RecordForm />
        </>
      )}
    </section>
  );
}

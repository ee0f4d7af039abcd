import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type AdHocInject,
  type ExerciseSession,
  useAddInject,
  useBuiltInScenarios,
  useExerciseSessions,
  usePauseExercise,
  useResumeExercise,
  useStartExercise,
} from '../api/exercises.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { useFormat } from '../i18n/useFormat.js';

const SPEEDS = [1, 10, 60] as const;
const UPLOAD = '';

/** Picks a built-in scenario or reads the facilitator's own file, and starts it at a pace. */
function StartForm() {
  const { t } = useTranslation();
  const scenarios = useBuiltInScenarios();
  const start = useStartExercise();
  const errorText = useErrorText();
  const [builtIn, setBuiltIn] = useState<string | null>(null);
  const [yaml, setYaml] = useState('');
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(60);
  const chosen = builtIn ?? scenarios.data?.items[0]?.name ?? UPLOAD;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate(chosen === UPLOAD ? { yaml, speed } : { builtIn: chosen, speed });
  };

  return (
    <form className="stack" onSubmit={submit} aria-labelledby="exercise-start">
      <h2 id="exercise-start">{t('exerciseSessions.startHeading')}</h2>
      <SelectField
        label={t('exerciseSessions.scenario')}
        value={chosen}
        onChange={(e) => setBuiltIn(e.target.value)}
      >
        {(scenarios.data?.items ?? []).map((s) => (
          <option key={s.name} value={s.name}>
            {s.title}
          </option>
        ))}
        <option value={UPLOAD}>{t('exerciseSessions.ownScenario')}</option>
      </SelectField>
      {chosen === UPLOAD ? (
        <>
          <TextField
            label={t('exerciseSessions.file')}
            type="file"
            accept=".yaml,.yml,text/yaml"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(setYaml);
            }}
          />
          <TextAreaField
            label={t('exerciseSessions.yaml')}
            hint={t('exerciseSessions.yamlHint')}
            rows={10}
            value={yaml}
            onChange={(e) => setYaml(e.target.value)}
          />
        </>
      ) : null}
      <SelectField
        label={t('exerciseSessions.speed')}
        value={String(speed)}
        onChange={(e) => setSpeed(Number(e.target.value) as (typeof SPEEDS)[number])}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {t(`exerciseSessions.speedOption.${s}`)}
          </option>
        ))}
      </SelectField>
      <div>
        <button type="submit" className="button button--primary" disabled={start.isPending}>
          {t('exerciseSessions.start')}
        </button>
      </div>
      <ErrorMessage message={start.error ? errorText(start.error) : null} />
      <StatusMessage message={start.isSuccess ? t('exerciseSessions.started') : null} />
    </form>
  );
}

/** Adds an inject now: a note or media report from exercise control, or an update as a scenario principal. */
function InjectForm({ session }: { session: ExerciseSession }) {
  const { t } = useTranslation();
  const add = useAddInject();
  const errorText = useErrorText();
  const [kind, setKind] = useState<AdHocInject['kind']>('note');
  const [text, setText] = useState('');
  const [outlet, setOutlet] = useState('');
  const [as, setAs] = useState(session.principals[0]?.handle ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const inject: AdHocInject =
      kind === 'update'
        ? { kind, as, stage: 'other', text }
        : kind === 'media-report'
          ? { kind, outlet, text }
          : { kind, text };
    add.mutate({ id: session.id, inject }, { onSuccess: () => setText('') });
  };

  return (
    <form className="stack" onSubmit={submit} aria-label={t('exerciseSessions.injectHeading')}>
      <h3>{t('exerciseSessions.injectHeading')}</h3>
      <SelectField
        label={t('exerciseSessions.injectKind')}
        value={kind}
        onChange={(e) => setKind(e.target.value as AdHocInject['kind'])}
      >
        <option value="note">{t('exerciseSessions.kind.note')}</option>
        <option value="media-report">{t('exerciseSessions.kind.media-report')}</option>
        <option value="update">{t('exerciseSessions.kind.update')}</option>
      </SelectField>
      {kind === 'update' ? (
        <SelectField label={t('exerciseSessions.as')} value={as} onChange={(e) => setAs(e.target.value)}>
          {session.principals.map((p) => (
            <option key={p.handle} value={p.handle}>
              {p.name} ({p.organisation})
            </option>
          ))}
        </SelectField>
      ) : null}
      {kind === 'media-report' ? (
        <TextField
          label={t('exerciseSessions.outlet')}
          value={outlet}
          onChange={(e) => setOutlet(e.target.value)}
          required
        />
      ) : null}
      <TextAreaField
        label={t('exerciseSessions.text')}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        required
      />
      <div>
        <button type="submit" className="button" disabled={add.isPending}>
          {t('exerciseSessions.addInject')}
        </button>
      </div>
      <ErrorMessage message={add.error ? errorText(add.error) : null} />
      <StatusMessage message={add.isSuccess ? t('exerciseSessions.injectAdded') : null} />
    </form>
  );
}

function SessionCard({ session }: { session: ExerciseSession }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pause = usePauseExercise();
  const resume = useResumeExercise();
  const errorText = useErrorText();
  const failure = pause.error ?? resume.error;
  return (
    <article className="stack exercise-session" data-session={session.id} aria-label={session.title}>
      <h2>{session.title}</h2>
      <p>
        <span className="badge exercise">{t(`exerciseSessions.state.${session.state}`)}</span>{' '}
        {t(`exerciseSessions.speedOption.${session.speed}`, { defaultValue: `×${session.speed}` })} ·{' '}
        {format.organisation(session.startedByOrganisation)}
      </p>
      <p className="exercise-progress" role="status">
        {t('exerciseSessions.progress', {
          done: session.stepsDone,
          total: session.stepsTotal,
          minutes: session.scenarioMinutes,
        })}
      </p>
      <progress
        max={session.stepsTotal}
        value={session.stepsDone}
        aria-label={t('exerciseSessions.stepsDone')}
      />
      <p className="exercise-next">
        {session.next
          ? t('exerciseSessions.next', { label: session.next.label, minutes: session.next.at })
          : t('exerciseSessions.noNext')}
      </p>
      {session.incidentId ? (
        <p>
          <Link to={`/incidents/${session.incidentId}`}>{t('exerciseSessions.openIncident')}</Link>
        </p>
      ) : null}
      <div className="exercise-actions">
        {session.abilities.pause ? (
          <button
            type="button"
            className="button"
            disabled={pause.isPending}
            onClick={() => pause.mutate(session.id)}
          >
            {t('exerciseSessions.pause')}
          </button>
        ) : null}
        {session.abilities.resume ? (
          <button
            type="button"
            className="button button--primary"
            disabled={resume.isPending}
            onClick={() => resume.mutate(session.id)}
          >
            {t('exerciseSessions.resume')}
          </button>
        ) : null}
      </div>
      <ErrorMessage message={failure ? errorText(failure) : null} />
      <details>
        <summary>{t('exerciseSessions.timeline')}</summary>
        <ol className="plain-list">
          {session.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are a fixed list in scenario order
            <li key={i} data-done={s.done}>
              {s.done ? '✓ ' : '○ '}T+{s.at} · {s.label}
            </li>
          ))}
        </ol>
      </details>
      {session.abilities.inject ? <InjectForm session={session} /> : null}
    </article>
  );
}

/**
 * The facilitator's page: starts a scenario at real time or faster, follows its progress, pauses and resumes it,
 * and adds injects by hand. Framed and bannered as an exercise throughout, so it can never pass for a real event.
 */
export function ExerciseFacilitator() {
  const { t } = useTranslation();
  const sessions = useExerciseSessions();
  return (
    <div className="exercise-frame">
      <p className="exercise-banner">
        <span aria-hidden="true">◼ </span>
        {t('exerciseSessions.banner')}
      </p>
      <Page title={t('exerciseSessions.title')}>
        {sessions.isPending ? (
          <Loading />
        ) : sessions.isError ? (
          <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <>
            {sessions.data.abilities.start ? <StartForm /> : <p>{t('exerciseSessions.onlyFacilitators')}</p>}
            {sessions.data.items.length === 0 ? <p>{t('exerciseSessions.none')}</p> : null}
            {sessions.data.items.map((s) => (
              <SessionCard key={s.id} session={s} />
            ))}
          </>
        )}
      </Page>
    </div>
  );
}

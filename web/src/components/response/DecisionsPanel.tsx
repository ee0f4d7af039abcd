import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useRegistry } from '../../api/hooks.js';
import {
  type ActionItem,
  useAssignees,
  useAvailability,
  useChangeActionStatus,
  useCreateAction,
  useDecisions,
  useRecordDecision,
} from '../../api/response.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { SelectField, TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../Messages.js';
import { TlpMarking } from '../Tlp.js';
import { initialReach, ResponseReach, reachRequest } from './ResponseReach.js';
import { TRACKS, type Track } from './ResponseTracks.js';

/** A state's availability for EU asks, shown beside an ask to it when it is not normal (src/response/availability). */
export function AvailabilityNote({ organisation }: { organisation: string }) {
  const { t } = useTranslation();
  const availability = useAvailability().data?.items.find((a) => a.memberState === organisation);
  if (!availability || availability.availability === 'normal') return null;
  return (
    <p className="notice notice--warning" data-testid="availability-note">
      {t(`response.availability.${availability.availability}`)}
      {availability.note ? ` — ${availability.note}` : ''}
    </p>
  );
}

function ActionRow({ incidentId, action }: { incidentId: string; action: ActionItem }) {
  const { t } = useTranslation();
  const format = useFormat();
  const change = useChangeActionStatus(incidentId);
  const errorText = useErrorText();
  return (
    <li className={action.overdue ? 'action action--overdue' : 'action'} data-testid="action">
      <p>
        <strong>{action.title}</strong> <TlpMarking marking={action.marking} />{' '}
        <span className="badge">{t(`response.actions.status.${action.status}`)}</span>
        {action.overdue ? <span className="badge badge--alert"> {t('response.actions.overdue')}</span> : null}
      </p>
      <p className="muted">
        {t('response.actions.owner', { organisation: format.organisation(action.ownerOrganisation) })}
        {action.assignee ? ` · ${t('response.actions.assignee', { name: action.assignee.name })}` : ''}
        {action.dueAt ? (
          <>
            {' · '}
            {t('response.actions.due')} <DateTime value={action.dueAt} />
          </>
        ) : null}
      </p>
      {action.abilities.changeStatus ? (
        action.status === 'open' ? (
          <p>
            <button type="button" onClick={() => change.mutate({ actionId: action.id, status: 'done' })}>
              {t('response.actions.markDone', { title: action.title })}
            </button>{' '}
            <button type="button" onClick={() => change.mutate({ actionId: action.id, status: 'cancelled' })}>
              {t('response.actions.cancel', { title: action.title })}
            </button>
          </p>
        ) : (
          <p>
            <button type="button" onClick={() => change.mutate({ actionId: action.id, status: 'open' })}>
              {t('response.actions.reopen', { title: action.title })}
            </button>
          </p>
        )
      ) : null}
      <ErrorMessage message={change.error ? errorText(change.error) : null} />
    </li>
  );
}

/** A new action item; from a meeting when `meetingId` is given, so the meeting lists what came out of it. */
export function NewActionForm({
  incidentId,
  decisionIds,
  meetingId,
}: {
  incidentId: string;
  decisionIds: { id: string; what: string }[];
  meetingId?: string;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const format = useFormat();
  const registry = useRegistry();
  const create = useCreateAction(incidentId);
  const errorText = useErrorText();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState('');
  const [decisionId, setDecisionId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const assignees = useAssignees(incidentId, owner);
  const organisations = (registry.data?.organisations ?? []).filter((o) => o.participating);
  const fieldError = (field: string) =>
    isApiError(create.error) && create.error.field === field ? errorText(create.error) : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    create.mutate(
      {
        title,
        ownerOrganisation: owner,
        ...(assignee ? { assigneeUserId: assignee } : {}),
        ...(due ? { dueAt: new Date(due).toISOString() } : {}),
        ...(decisionId ? { decisionId } : {}),
        ...(meetingId ? { meetingId } : {}),
      },
      {
        onSuccess: () => {
          setDone(t('response.actions.created', { title }));
          setTitle('');
          setAssignee('');
          setDue('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="stack" aria-labelledby={headingId}>
      <h4 id={headingId}>{meetingId ? t('response.fromMeeting.newAction') : t('response.actions.new')}</h4>
      <TextField
        label={t('response.actions.title')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        error={fieldError('title')}
      />
      <SelectField
        label={t('response.actions.ownerOrganisation')}
        value={owner}
        onChange={(e) => {
          setOwner(e.target.value);
          setAssignee('');
        }}
        required
        error={fieldError('ownerOrganisation')}
      >
        <option value="">{t('response.choose')}</option>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {format.organisation(o.id, o.kind)}
          </option>
        ))}
      </SelectField>
      {owner ? <AvailabilityNote organisation={owner} /> : null}
      <SelectField
        label={t('response.actions.assigneeLabel')}
        value={assignee}
        onChange={(e) => setAssignee(e.target.value)}
        optional
        error={fieldError('assigneeUserId')}
      >
        <option value="">{t('response.actions.wholeOrganisation')}</option>
        {(assignees.data?.items ?? []).map((p) => (
          <option key={p.userId} value={p.userId}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('response.actions.dueLabel')}
        type="datetime-local"
        value={due}
        onChange={(e) => setDue(e.target.value)}
        optional
        error={fieldError('dueAt')}
      />
      {decisionIds.length > 0 ? (
        <SelectField
          label={t('response.actions.decision')}
          value={decisionId}
          onChange={(e) => setDecisionId(e.target.value)}
          optional
        >
          <option value="">{t('response.actions.noDecision')}</option>
          {decisionIds.map((d) => (
            <option key={d.id} value={d.id}>
              {d.what}
            </option>
          ))}
        </SelectField>
      ) : null}
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {t('response.actions.create')}
      </button>
      <ErrorMessage
        message={create.error && !isApiError(create.error, 400) ? errorText(create.error) : null}
      />
      <StatusMessage message={done} />
    </form>
  );
}

/**
 * A decision with its marking and audience; taken at a meeting when `meetingId` is given. On a hybrid incident
 * (`tracks`) its author chooses the track: left without an audience, an attribution-track decision goes to the EEAS
 * and the affected states, as the server decides.
 */
export function NewDecisionForm({
  incidentId,
  meetingId,
  tracks = false,
}: {
  incidentId: string;
  meetingId?: string;
  tracks?: boolean;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [reach, setReach] = useState(initialReach);
  const record = useRecordDecision(incidentId);
  const errorText = useErrorText();
  const [level, setLevel] = useState('operational');
  const [decidedBy, setDecidedBy] = useState('');
  const [what, setWhat] = useState('');
  const [rationale, setRationale] = useState('');
  const [track, setTrack] = useState<Track>('consequence-management');
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    record.mutate(
      {
        level,
        decidedBy,
        what,
        rationale,
        ...reachRequest(reach),
        ...(meetingId ? { meetingId } : {}),
        ...(tracks && track === 'attribution' ? { track } : {}),
      },
      {
        onSuccess: () => {
          setDone(t('response.decisions.recorded'));
          setWhat('');
          setRationale('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-labelledby={headingId}>
      <h4 id={headingId}>
        {meetingId ? t('response.fromMeeting.newDecision') : t('response.decisions.new')}
      </h4>
      <SelectField
        label={t('response.decisions.level')}
        value={level}
        onChange={(e) => setLevel(e.target.value)}
      >
        <option value="operational">{t('response.decisions.levels.operational')}</option>
        <option value="strategic">{t('response.decisions.levels.strategic')}</option>
      </SelectField>
      {tracks ? (
        <SelectField
          label={t('response.decisions.track')}
          hint={t('response.decisions.trackHint')}
          name="track"
          value={track}
          onChange={(e) =>
            setTrack(e.target.value === 'attribution' ? 'attribution' : 'consequence-management')
          }
        >
          {TRACKS.map((value) => (
            <option key={value} value={value}>
              {t(`tracks.${value}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField
        label={t('response.decisions.decidedBy')}
        value={decidedBy}
        onChange={(e) => setDecidedBy(e.target.value)}
        required
      />
      <TextAreaField
        label={t('response.decisions.what')}
        value={what}
        onChange={(e) => setWhat(e.target.value)}
        required
      />
      <TextAreaField
        label={t('response.decisions.rationale')}
        value={rationale}
        onChange={(e) => setRationale(e.target.value)}
        optional
      />
      <ResponseReach
        value={reach}
        onChange={setReach}
        audienceError={
          isApiError(record.error) && record.error.field?.startsWith('audience')
            ? errorText(record.error)
            : undefined
        }
      />
      <button type="submit" className="button button--primary" disabled={record.isPending}>
        {t('response.decisions.record')}
      </button>
      <ErrorMessage message={record.error ? errorText(record.error) : null} />
      <StatusMessage message={done} />
    </form>
  );
}

/** The incident's decision log by level and its action items, overdue ones first and marked in words, not colour. */
export function DecisionsPanel({ incidentId, tracks = false }: { incidentId: string; tracks?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useDecisions(incidentId);
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { decisions, actions, abilities } = query.data;
  return (
    <section aria-labelledby="decisions-heading" className="panel" data-testid="decisions-panel">
      <h2 id="decisions-heading">{t('response.decisions.heading')}</h2>
      <h3>{t('response.decisions.logHeading')}</h3>
      {decisions.length === 0 ? (
        <p className="muted">{t('response.decisions.empty')}</p>
      ) : (
        <ul className="plain-list">
          {decisions.map((d) => (
            <li key={d.id}>
              <p>
                <span className="badge">{t(`response.decisions.levels.${d.level}`)}</span>{' '}
                {d.track === 'attribution' ? (
                  <>
                    <span className="badge">{t('tracks.attribution')}</span>{' '}
                  </>
                ) : null}
                <strong>{d.what}</strong> <TlpMarking marking={d.marking} />
              </p>
              <p className="muted">
                {t('response.decisions.by', {
                  decidedBy: d.decidedBy,
                  organisation: format.organisation(d.recordedBy.organisation),
                })}{' '}
                <DateTime value={d.recordedAt} />
              </p>
              {d.rationale ? <p>{d.rationale}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {abilities.recordDecision ? <NewDecisionForm incidentId={incidentId} tracks={tracks} /> : null}
      <h3>{t('response.actions.heading')}</h3>
      {actions.length === 0 ? (
        <p className="muted">{t('response.actions.empty')}</p>
      ) : (
        <ul className="plain-list">
          {actions.map((a) => (
            <ActionRow key={a.id} incidentId={incidentId} action={a} />
          ))}
        </ul>
      )}
      {abilities.createAction ? (
        <NewActionForm
          incidentId={incidentId}
          decisionIds={decisions.map((d) => ({ id: d.id, what: d.what }))}
        />
      ) : null}
    </section>
  );
}

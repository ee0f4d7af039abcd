import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../api/types.js';
import { useActivate, useDeactivate, useReopen } from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { ConfirmStep } from '../ConfirmStep.js';
import { DateTime } from '../DateTime.js';
import { TextAreaField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { useActingOrganisation, useStateList } from './common.js';

const SYMBOLS = { active: '▶', inactive: '–', deactivated: '□' } as const;

/** A short form that asks for one text (a closing summary, a reason) before a step is taken. */
function TextStep({
  label,
  hint,
  submit,
  pending,
  onSubmit,
  onCancel,
}: {
  label: string;
  hint: string;
  submit: string;
  pending: boolean;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setError(t('form.required'));
      return;
    }
    onSubmit(text.trim());
  };
  return (
    <form className="form workflow-form" onSubmit={send} noValidate>
      <TextAreaField
        label={label}
        hint={hint}
        error={error}
        rows={3}
        maxLength={20000}
        value={text}
        autoFocus
        onChange={(event) => setText(event.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t('common.working') : submit}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Whether the Blueprint is active for the incident, since when and by whom; the steps the reader's organisation
 * may take (activate or join, deactivate with a closing summary, reopen with a reason).
 */
export function ActivationPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useStateList();
  const errorText = useErrorText();
  const organisation = useActingOrganisation();
  const activate = useActivate(incident.id);
  const deactivate = useDeactivate(incident.id);
  const reopen = useReopen(incident.id);
  const [asking, setAsking] = useState<'activate' | 'join' | 'deactivate' | 'reopen' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { activation } = incident;
  const applies = incident.assessment.status === 'applies';
  const activators = activation.activatedBy ? [activation.activatedBy, ...activation.joinedBy] : [];
  const merged = incident.mergedInto !== null;
  // Who may act comes from the server's rules (incident.abilities); the panel adds only the incident's state.
  const may = incident.abilities;

  const canActivate = !merged && may.activate && applies && activation.state === 'inactive';
  const canJoin =
    !merged &&
    may.activate &&
    applies &&
    activation.state === 'active' &&
    !activators.includes(organisation ?? '');
  const canDeactivate = !merged && activation.state === 'active' && may.deactivate;
  const canReopen = !merged && activation.state === 'deactivated' && may.reopen;

  const after = (message: string) => ({
    onSuccess: () => {
      setAsking(null);
      setDone(message);
    },
    onError: (error: unknown) => setFailure(errorText(error)),
  });
  const start = () => {
    setFailure(null);
    setDone(null);
  };

  const state = t(`workflow.activation.state.${activation.state}`);
  // Whom the server notifies for each step, named before the step is taken.
  const others = (organisations: readonly (string | null)[]) =>
    list([...new Set(organisations)].filter((o): o is string => !!o && o !== organisation));
  const toldOnActivation = others([...incident.activatingStates, 'ERCC', incident.presidency]);
  const toldOnDeactivation = others([
    ...activators,
    ...incident.activatingStates,
    'ERCC',
    incident.presidency,
  ]);

  return (
    <section
      aria-labelledby="activation-heading"
      className={`panel activation activation--${activation.state}`}
    >
      <h2 id="activation-heading">{t('workflow.activation.heading')}</h2>
      <p className="activation__state" data-testid="activation-state">
        <span aria-hidden="true" className="activation__symbol">
          {SYMBOLS[activation.state]}
        </span>{' '}
        <strong>{state}</strong>
        {activation.state === 'active' && activation.activatedAt ? (
          <>
            {' '}
            {t('workflow.activation.since')} <DateTime value={activation.activatedAt} />
          </>
        ) : null}
        {activation.state === 'deactivated' && activation.deactivatedAt ? (
          <>
            {' '}
            {t('workflow.activation.on')} <DateTime value={activation.deactivatedAt} />{' '}
            {t('workflow.activation.by', { by: format.organisation(activation.deactivatedBy ?? '') })}
          </>
        ) : null}
      </p>
      {activation.state === 'active' ? (
        <p>
          {t('workflow.activation.activatedBy', { by: format.organisation(activation.activatedBy ?? '') })}{' '}
          {activation.joinedBy.length > 0
            ? t('workflow.activation.joinedBy', { states: list(activation.joinedBy) })
            : t('workflow.activation.noneJoined')}
          {activation.presidency
            ? ` ${t('workflow.activation.informed', { presidency: format.organisation(activation.presidency) })}`
            : ''}
        </p>
      ) : null}
      {activation.state === 'deactivated' && activation.closingSummary ? (
        <div className="activation__summary">
          <p className="entry__label">{t('workflow.activation.closingSummary')}</p>
          <p className="entry__text">{activation.closingSummary}</p>
        </div>
      ) : null}
      {activation.state === 'inactive' ? (
        <p className="muted">
          {applies
            ? t('workflow.activation.canNow', { states: list(incident.activatingStates) })
            : t('workflow.activation.notYet')}
        </p>
      ) : null}
      {merged ? <p className="muted">{t('workflow.merged.noActions')}</p> : null}

      <StatusMessage message={done} />
      <ErrorMessage message={failure} />
      {asking === 'activate' || asking === 'join' ? (
        <ConfirmStep
          title={t(`workflow.activation.confirm.${asking}Title`)}
          happens={t(`workflow.activation.confirm.${asking}Happens`)}
          told={toldOnActivation}
          reasonLabel={t('workflow.activation.confirm.reasonLabel')}
          reasonHint={t('workflow.activation.confirm.reasonHint')}
          confirm={t(asking === 'activate' ? 'workflow.activation.activate' : 'workflow.activation.join')}
          pending={activate.isPending}
          error={failure}
          onCancel={() => setAsking(null)}
          onConfirm={(reason) => {
            start();
            activate.mutate(
              reason,
              after(
                t(asking === 'activate' ? 'workflow.activation.activated' : 'workflow.activation.joined'),
              ),
            );
          }}
        />
      ) : null}
      {asking === 'deactivate' ? (
        <ConfirmStep
          title={t('workflow.activation.confirm.deactivateTitle')}
          happens={t('workflow.activation.confirm.deactivateHappens')}
          told={toldOnDeactivation}
          reasonLabel={t('workflow.activation.summaryLabel')}
          reasonHint={t('workflow.activation.summaryHint')}
          reasonRequired
          maxLength={20000}
          confirm={t('workflow.activation.deactivate')}
          pending={deactivate.isPending}
          error={failure}
          onCancel={() => setAsking(null)}
          onConfirm={(summary) => {
            start();
            deactivate.mutate(summary, after(t('workflow.activation.deactivated')));
          }}
        />
      ) : asking === 'reopen' ? (
        <TextStep
          label={t('workflow.activation.reasonLabel')}
          hint={t('workflow.activation.reasonHint')}
          submit={t('workflow.activation.reopen')}
          pending={reopen.isPending}
          onCancel={() => setAsking(null)}
          onSubmit={(reason) => {
            start();
            reopen.mutate(reason, after(t('workflow.activation.reopened')));
          }}
        />
      ) : canActivate || canJoin || canDeactivate || canReopen ? (
        <div className="form__actions">
          {canActivate ? (
            <button
              type="button"
              className="button button--primary button--big"
              disabled={activate.isPending}
              onClick={() => {
                start();
                setAsking('activate');
              }}
            >
              <span aria-hidden="true">▶ </span>
              {t('workflow.activation.activate')}
            </button>
          ) : null}
          {canJoin ? (
            <button
              type="button"
              className="button button--primary"
              disabled={activate.isPending}
              onClick={() => {
                start();
                setAsking('join');
              }}
            >
              {t('workflow.activation.join')}
            </button>
          ) : null}
          {canDeactivate ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setAsking('deactivate')}
            >
              {t('workflow.activation.deactivate')}
            </button>
          ) : null}
          {canReopen ? (
            <button type="button" className="button button--secondary" onClick={() => setAsking('reopen')}>
              {t('workflow.activation.reopen')}
            </button>
          ) : null}
        </div>
      ) : null}
      {activation.history.length > 0 ? (
        <details className="activation__history">
          <summary>{t('workflow.activation.history', { count: activation.history.length })}</summary>
          <ol className="plain-list">
            {activation.history.map((step) => (
              <li key={`${step.kind}-${step.at}-${step.by}`}>
                <DateTime value={step.at} /> —{' '}
                {t(`workflow.activation.step.${stepKey(step.kind)}`, { by: format.organisation(step.by) })}
                {step.text ? <span className="muted"> — {step.text}</span> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

const STEP_KINDS = ['activation', 'activation-joined', 'deactivation', 'reopening'] as const;
function stepKey(kind: string): (typeof STEP_KINDS)[number] {
  return (STEP_KINDS as readonly string[]).includes(kind)
    ? (kind as (typeof STEP_KINDS)[number])
    : 'activation';
}

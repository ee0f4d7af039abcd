import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useRegistry } from '../../api/hooks.js';
import type { Incident } from '../../api/types.js';
import { type CerStepInput, useRecordCerStep, useReportCapacity } from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { SelectField, TextField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { OrganisationPicker } from '../OrganisationPicker.js';
import { useSession } from '../session.js';

/**
 * What member states record of their own response: the steps of CER Art. 15 they took (the Commission notified when
 * six or more states are affected, the other states' contact points informed), and whether their own capacity to
 * respond is overwhelmed, which points to the Union Civil Protection Mechanism. The server says who may record.
 */
export function ResponseSteps({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { cerSteps, capacityOverwhelmed, abilities } = incident;
  if (
    cerSteps.length === 0 &&
    capacityOverwhelmed.length === 0 &&
    !abilities.recordCerSteps &&
    !abilities.reportCapacity
  )
    return null;
  return (
    <section aria-labelledby="response-steps-heading" className="panel response-steps">
      <h2 id="response-steps-heading">{t('workflow.response.heading')}</h2>
      {capacityOverwhelmed.length > 0 ? (
        <p className="notice notice--warning">
          {t('workflow.response.overwhelmed', {
            states: format.list(capacityOverwhelmed.map((s) => format.region(s))),
          })}
        </p>
      ) : null}
      {abilities.reportCapacity ? <CapacityToggle incident={incident} /> : null}
      <h3>{t('workflow.response.cerHeading')}</h3>
      <p className="field__hint">{t('workflow.response.cerHint')}</p>
      {cerSteps.length === 0 ? (
        <p className="empty">{t('workflow.response.noCerSteps')}</p>
      ) : (
        <ul className="mechanism-list">
          {cerSteps.map((step) => (
            <li key={`${step.kind}-${step.by}-${step.at}`}>
              {t(`workflow.response.step.${step.kind}`, {
                by: format.organisation(step.by),
                states: format.list(step.memberStates.map((s) => format.region(s))),
              })}{' '}
              <DateTime value={step.at} />
              {step.text ? ` — ${step.text}` : ''}
            </li>
          ))}
        </ul>
      )}
      {abilities.recordCerSteps ? <CerStepForm incident={incident} /> : null}
    </section>
  );
}

function CapacityToggle({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const me = useSession();
  const errorText = useErrorText();
  const report = useReportCapacity(incident.id);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const overwhelmed = incident.capacityOverwhelmed.includes(me.organisation.id);
  const say = () => {
    setDone(null);
    setFailure(null);
    report.mutate(
      { overwhelmed: !overwhelmed },
      {
        onSuccess: () =>
          setDone(t(overwhelmed ? 'workflow.response.recovered' : 'workflow.response.saidOverwhelmed')),
        onError: (failed) => setFailure(errorText(failed)),
      },
    );
  };
  return (
    <div className="workflow-form">
      <StatusMessage message={done} />
      <ErrorMessage message={failure} />
      <p className="field__hint">{t('workflow.response.capacityHint')}</p>
      <button type="button" className="button button--secondary" onClick={say} disabled={report.isPending}>
        {overwhelmed ? t('workflow.response.notOverwhelmed') : t('workflow.response.sayOverwhelmed')}
      </button>
    </div>
  );
}

function CerStepForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const registry = useRegistry();
  const record = useRecordCerStep(incident.id);
  const affected = [
    ...new Set([
      ...incident.activatingStates,
      ...incident.assessment.significantlyAffected,
      ...incident.assessment.minorlyAffected,
    ]),
  ].sort();
  const [kind, setKind] = useState<CerStepInput['kind']>('cer-spoc-informed');
  const [states, setStates] = useState<string[]>(affected);
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const memberStates = (registry.data?.memberStates ?? []).map((s) => s.code);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFieldError(null);
    setFailure(null);
    setDone(null);
    if (states.length === 0) {
      setFieldError({ field: 'memberStates', message: t('workflow.response.chooseStates') });
      return;
    }
    record.mutate(
      { kind, memberStates: states, ...(text.trim() ? { text: text.trim() } : {}) },
      {
        onSuccess: () => {
          setDone(t('workflow.response.recorded'));
          setText('');
        },
        onError: (failed) => {
          if (isApiError(failed) && failed.field?.startsWith('memberStates'))
            setFieldError({ field: 'memberStates', message: failed.fieldMessage });
          else setFailure(errorText(failed));
        },
      },
    );
  };

  return (
    <form className="form workflow-form" onSubmit={submit} noValidate>
      <StatusMessage message={done} />
      <SelectField
        label={t('workflow.response.kindLabel')}
        value={kind}
        onChange={(event) => setKind(event.target.value as CerStepInput['kind'])}
      >
        <option value="cer-spoc-informed">{t('workflow.response.kind.cer-spoc-informed')}</option>
        <option value="cer-commission-notified">{t('workflow.response.kind.cer-commission-notified')}</option>
      </SelectField>
      <OrganisationPicker
        legend={
          kind === 'cer-commission-notified'
            ? t('workflow.response.statesAffected')
            : t('workflow.response.statesInformed')
        }
        error={fieldError?.field === 'memberStates' ? fieldError.message : null}
        selected={states}
        onChange={setStates}
        candidates={memberStates}
      />
      <TextField
        label={t('workflow.response.textLabel')}
        optional
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <ErrorMessage message={failure} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={record.isPending}>
          {record.isPending ? t('common.working') : t('workflow.response.submit')}
        </button>
      </div>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useRegistry } from '../../api/hooks.js';
import type { Incident } from '../../api/types.js';
import { useRecordMechanism } from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { ConfirmStep } from '../ConfirmStep.js';
import { DateTime } from '../DateTime.js';
import { SelectField, TextField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { EngagementForwards } from '../response/ForwardEntry.js';
import { useSession } from '../session.js';

/**
 * The existing EU mechanisms working on this incident (the Blueprint coordinates them, never replaces them), with the
 * case reference in each so that nobody is asked for the same facts twice, and the ones the facts point to.
 */
export function MechanismsPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const registry = useRegistry();
  const record = useRecordMechanism(incident.id);
  const [mechanism, setMechanism] = useState('');
  const [mode, setMode] = useState('');
  const [reference, setReference] = useState('');
  const [leadContact, setLeadContact] = useState('');
  const [requesting, setRequesting] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** The mechanism whose standing down waits for confirmation. */
  const [standingDown, setStandingDown] = useState<string | null>(null);
  const all = registry.data?.mechanisms ?? [];
  const nameOf = (id: string) => all.find((m) => m.id === id)?.name ?? id;
  /** Who runs a suggested mechanism, when it is an organisation of the registry (Europol, the EEAS, ERCC). */
  const ledBy = (id: string) => {
    const lead = all.find((m) => m.id === id)?.lead;
    return lead && registry.data?.organisations.some((o) => o.id === lead) ? format.organisation(lead) : null;
  };
  // What the reader may record, mechanism by mechanism, comes from the server's rules (IPCR is the Presidency's).
  const mine = incident.abilities.mechanisms;
  const organisationId = useSession().organisation.id;
  const mayRecord = mine.filter((m) => m.activate);
  const modes = mine.find((m) => m.mechanism === mechanism)?.modes ?? [];
  const { engagements, suggestions } = incident.mechanisms;

  const send = (
    id: string,
    state: 'requested' | 'activated' | 'deactivated',
    extra: { mode?: string; reference?: string; leadContact?: string; note?: string } = {},
  ) => {
    setFailure(null);
    setDone(null);
    setFieldError(null);
    record.mutate(
      { mechanism: id, state, ...extra },
      {
        onSuccess: () => {
          const said = {
            requested: 'workflow.mechanisms.requested',
            activated: 'workflow.mechanisms.recorded',
            deactivated: 'workflow.mechanisms.stoodDown',
          } as const;
          setDone(t(said[state], { name: nameOf(id) }));
          setMechanism('');
          setMode('');
          setReference('');
          setLeadContact('');
          setRequesting(false);
          setStandingDown(null);
        },
        onError: (failed) => {
          if (isApiError(failed) && failed.field)
            setFieldError({ field: failed.field, message: failed.fieldMessage });
          else setFailure(errorText(failed));
        },
      },
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mechanism) {
      setFieldError({ field: 'mechanism', message: t('workflow.mechanisms.choose') });
      return;
    }
    send(mechanism, requesting ? 'requested' : 'activated', {
      ...(mode ? { mode } : {}),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(leadContact.trim() ? { leadContact: leadContact.trim() } : {}),
    });
  };

  return (
    <section aria-labelledby="mechanisms-heading" className="panel mechanisms">
      <h2 id="mechanisms-heading">{t('workflow.mechanisms.heading')}</h2>
      <StatusMessage message={done} />
      {engagements.length === 0 ? (
        <p className="empty">{t('workflow.mechanisms.none')}</p>
      ) : (
        <ul className="mechanism-list">
          {engagements.map((m) => (
            <li key={m.mechanism} className={`engagement engagement--${m.status}`}>
              <strong>{nameOf(m.mechanism)}</strong>
              {m.mode ? ` (${t(`workflow.mechanisms.mode.${m.mode}`, { defaultValue: m.mode })})` : ''}
              {' — '}
              <span className="engagement__status">{t(`workflow.mechanisms.status.${m.status}`)}</span>
              {m.inConsultationWithPresidency ? ` — ${t('workflow.mechanisms.inConsultation')}` : ''}
              {m.reference ? (
                <>
                  {` — ${t('workflow.mechanisms.reference')}: `}
                  {/^https?:\/\//.test(m.reference) ? (
                    <a href={m.reference} rel="noreferrer noopener" target="_blank">
                      {m.reference}
                    </a>
                  ) : (
                    m.reference
                  )}
                </>
              ) : null}
              {m.leadContact ? ` — ${t('workflow.mechanisms.leadContact')}: ${m.leadContact}` : ''}
              {' · '}
              {t('workflow.mechanisms.engagedBy', { organisation: format.organisation(m.engagedBy) })}{' '}
              <DateTime value={m.since} />
              {m.statusSince !== m.since ? (
                <>
                  {' · '}
                  {t('workflow.mechanisms.statusBy', { status: t(`workflow.mechanisms.status.${m.status}`) })}{' '}
                  <DateTime value={m.statusSince} />
                </>
              ) : null}
              {m.status === 'requested' &&
              mine.some(
                (a) => a.mechanism === m.mechanism && a.activate && (!m.mode || a.modes.includes(m.mode)),
              ) ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    disabled={record.isPending}
                    onClick={() => send(m.mechanism, 'activated', m.mode ? { mode: m.mode } : {})}
                  >
                    {t('workflow.mechanisms.markActive')}
                  </button>
                </>
              ) : null}
              {m.status !== 'stood-down' && mine.some((a) => a.mechanism === m.mechanism && a.standDown) ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    onClick={() => {
                      setFailure(null);
                      setStandingDown(m.mechanism);
                    }}
                  >
                    {t('workflow.mechanisms.standDown')}
                  </button>
                </>
              ) : null}
              <EngagementForwards incidentId={incident.id} mechanism={m.mechanism} />
            </li>
          ))}
        </ul>
      )}
      {standingDown ? (
        <ConfirmStep
          title={t('workflow.mechanisms.confirm.title', { name: nameOf(standingDown) })}
          happens={t('workflow.mechanisms.confirm.happens', { name: nameOf(standingDown) })}
          told={t('workflow.mechanisms.confirm.told')}
          reasonLabel={t('workflow.mechanisms.confirm.reasonLabel')}
          reasonHint={t('workflow.mechanisms.confirm.reasonHint')}
          confirm={t('workflow.mechanisms.standDown')}
          pending={record.isPending}
          error={failure}
          onCancel={() => setStandingDown(null)}
          onConfirm={(note) => send(standingDown, 'deactivated', note ? { note } : {})}
        />
      ) : null}
      {suggestions.length > 0 ? (
        <div className="field__hint">
          <p>{t('workflow.mechanisms.suggestionsHeading')}</p>
          <ul>
            {suggestions.map((s) => (
              <li key={`${s.mechanism}-${s.reason}`}>
                <strong>{nameOf(s.mechanism)}</strong>
                {ledBy(s.mechanism)
                  ? ` (${t('workflow.mechanisms.ledBy', { lead: ledBy(s.mechanism) })})`
                  : ''}
                {s.mode
                  ? ` ${t('workflow.mechanisms.suggestedMode', { mode: t(`workflow.mechanisms.mode.${s.mode}`) })}`
                  : ''}
                {`, ${t('workflow.mechanisms.leadsOn', { role: t(`workflow.mechanisms.role.${s.role}`) })}`}:{' '}
                {t(`workflow.mechanisms.reason.${s.reason}`, {
                  states: format.list(s.memberStates.map((code) => format.region(code))),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {mayRecord.length > 0 ? (
        <form className="form workflow-form" onSubmit={submit} noValidate>
          <SelectField
            label={t('workflow.mechanisms.mechanism')}
            error={fieldError?.field === 'mechanism' ? fieldError.message : null}
            value={mechanism}
            onChange={(event) => {
              setMechanism(event.target.value);
              setMode('');
            }}
          >
            <option value="">{t('workflow.mechanisms.chooseOption')}</option>
            {mayRecord.map((m) => (
              <option key={m.mechanism} value={m.mechanism}>
                {nameOf(m.mechanism)}
              </option>
            ))}
          </SelectField>
          {modes.length > 0 ? (
            <SelectField
              label={t('workflow.mechanisms.modeLabel')}
              hint={
                mechanism === 'ipcr' && incident.presidency !== organisationId
                  ? t('workflow.mechanisms.ipcrConsultationHint')
                  : t('workflow.mechanisms.ipcrHint')
              }
              error={fieldError?.field === 'mode' ? fieldError.message : null}
              value={mode}
              onChange={(event) => setMode(event.target.value)}
            >
              <option value="">{t('workflow.mechanisms.chooseOption')}</option>
              {modes.map((m) => (
                <option key={m} value={m}>
                  {t(`workflow.mechanisms.mode.${m}`, { defaultValue: m })}
                </option>
              ))}
            </SelectField>
          ) : null}
          <SelectField
            label={t('workflow.mechanisms.statusLabel')}
            value={requesting ? 'requested' : 'active'}
            onChange={(event) => setRequesting(event.target.value === 'requested')}
          >
            <option value="requested">{t('workflow.mechanisms.status.requested')}</option>
            <option value="active">{t('workflow.mechanisms.status.active')}</option>
          </SelectField>
          <TextField
            label={t('workflow.mechanisms.leadContactLabel')}
            hint={t('workflow.mechanisms.leadContactHint')}
            error={fieldError?.field === 'leadContact' ? fieldError.message : null}
            value={leadContact}
            onChange={(event) => setLeadContact(event.target.value)}
          />
          <TextField
            label={t('workflow.mechanisms.referenceLabel')}
            hint={t('workflow.mechanisms.referenceHint')}
            error={fieldError?.field === 'reference' ? fieldError.message : null}
            value={reference}
            onChange={(event) => setReference(event.target.value)}
          />
          <ErrorMessage message={failure} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={record.isPending}>
              {record.isPending
                ? t('common.working')
                : requesting
                  ? t('workflow.mechanisms.submitEngagement')
                  : t('workflow.mechanisms.submit')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import type { Incident, WithholdingReason } from '../../api/types.js';
import { WITHHOLDING_REASONS } from '../../api/types.js';
import {
  CAUSES,
  type Cause,
  DOMAINS,
  type Domain,
  type ReportingStage,
  stagesFor,
  type UpdateRequest,
  usePostUpdate,
} from '../../api/workflow.js';
import { CheckboxField, SelectField, TextAreaField } from '../fields.js';
import { ErrorMessage, Loading, StatusMessage, useErrorText } from '../Messages.js';
import { useParticipatingOrganisations } from '../OrganisationPicker.js';
import { localInputToIso } from '../report/localTime.js';
import { DateWarning, implausibility } from '../report/PlausibleDate.js';
import {
  EntityEditor,
  type ErrorTexts,
  ImpactGrid,
  LocalDateTimeField,
  ReachChooser,
} from '../report/ReportFields.js';
import {
  checkImpacts,
  type EntityRow,
  entityRequest,
  fieldForError,
  type ImpactRow,
  impactRequest,
  parseRecipients,
  type ReachState,
  reachRequest,
} from '../report/reportForm.js';
import { useSession } from '../session.js';
import { useActingOrganisation } from './common.js';

/**
 * The regimes of the entities the reader's organisation named, else of every entity the reader sees: the server
 * decides them from each entity's sector, the web only offers their stages.
 */
function regimesOf(incident: Incident, organisation: string): string[] {
  const own = incident.reportingClocks.filter((c) => c.reportedBy === organisation);
  const clocks = own.length > 0 ? own : incident.reportingClocks;
  return [...new Set(clocks.flatMap((c) => c.regimes.map((r) => r.regime)))];
}

function UpdateForm({ incident, onSent }: { incident: Incident; onSent: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const errorText = useErrorText();
  const participating = useParticipatingOrganisations().map((option) => option.id);
  const post = usePostUpdate(incident.id);
  const stages = stagesFor(regimesOf(incident, me.organisation.id));
  const initialStage: ReportingStage = 'other';
  const fresh = (): ReachState => ({
    marking: 'TLP:GREEN',
    audience: participating,
    recipients: '',
    releasableToNato: false,
  });
  const [stage, setStage] = useState<ReportingStage>(initialStage);
  const [text, setText] = useState('');
  const [awareAt, setAwareAt] = useState('');
  // A time far from now is asked about, not refused; changing it asks again.
  const [awareConfirmed, setAwareConfirmed] = useState(false);
  const awareProblem = implausibility(awareAt, Date.now());
  const [impacts, setImpacts] = useState<ImpactRow[]>([]);
  const [entities, setEntities] = useState<EntityRow[]>([]);
  const [reach, setReach] = useState<ReachState>(fresh);
  const [withhold, setWithhold] = useState<WithholdingReason | null>(null);
  // The facts that develop: '' leaves each as it stands; the server says who may change them.
  const [developing, setDeveloping] = useState<{
    cause: Cause | '';
    deliberate: '' | 'yes' | 'no';
    domain: Domain | '';
    security: '' | 'yes' | 'no';
    publicOrder: '' | 'yes' | 'no';
  }>({
    cause: '',
    deliberate: '',
    domain: '',
    security: '',
    publicOrder: '',
  });
  const [errors, setErrors] = useState<ErrorTexts>({});
  const [failure, setFailure] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const focus = (field: string) =>
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`)?.focus(),
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found: ErrorTexts = {};
    if (!text.trim()) found.text = t('form.required');
    if (awareAt.trim() && !localInputToIso(awareAt)) found.awareAt = t('report.problem.invalidTime');
    else if (awareProblem && !awareConfirmed) found.awareAt = t(`report.when.implausible.${awareProblem}`);
    for (const [field, code] of Object.entries(checkImpacts(impacts, i18n.language)))
      found[field] = t(`report.problem.${code}`);
    entities.forEach((entity, index) => {
      if (!entity.name.trim()) found[`entities[${index}].name`] = t('report.problem.required');
      if (!entity.sector) found[`entities[${index}].sector`] = t('report.problem.required');
    });
    if (reach.marking === 'TLP:RED' && parseRecipients(reach.recipients).length === 0)
      found.recipients = t('reach.recipientsRequired');
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      focus(first);
      return;
    }
    const body: UpdateRequest = {
      stage,
      text: text.trim(),
      impacts: impacts.map((impact) => impactRequest(impact, i18n.language)) as UpdateRequest['impacts'],
      entities: entities.map(entityRequest) as UpdateRequest['entities'],
      sectors: [],
      ...reachRequest(reach, participating),
      releasableToNato: reach.marking !== 'TLP:RED' && reach.releasableToNato && incident.releasableToNato,
      withheld: withhold ? [{ field: 'text', reason: withhold }] : [],
    };
    const aware = awareAt.trim() ? localInputToIso(awareAt) : null;
    if (aware) body.awareAt = aware;
    if (developing.cause) body.cause = developing.cause;
    if (developing.deliberate) body.suspectedDeliberate = developing.deliberate === 'yes';
    if (developing.domain) body.domain = developing.domain;
    if (developing.security) body.internationalSecurity = developing.security === 'yes';
    if (developing.publicOrder) body.publicOrderImpact = developing.publicOrder === 'yes';
    post.mutate(body, {
      onSuccess: () => {
        setText('');
        setAwareAt('');
        setImpacts([]);
        setEntities([]);
        setReach(fresh());
        setWithhold(null);
        setDeveloping({ cause: '', deliberate: '', domain: '', security: '', publicOrder: '' });
        setErrors({});
        onSent(t('workflow.update.sent', { stage: t(`workflow.stage.${stage}`) }));
      },
      onError: (error) => {
        if (isApiError(error) && error.field) {
          const field = fieldForError(error.field);
          setErrors({ [field]: error.fieldMessage });
          focus(field);
          setFailure(t('workflow.update.problem'));
        } else {
          setFailure(errorText(error));
        }
      },
    });
  };

  const affected = [
    ...incident.assessment.significantlyAffected,
    ...incident.assessment.minorlyAffected,
    ...incident.assessment.unconfirmed,
  ];

  return (
    <form ref={formRef} className="form form--wide workflow-form update-form" onSubmit={submit} noValidate>
      <ErrorMessage message={failure} />
      <div className="form__row">
        <SelectField
          label={t('workflow.update.stage')}
          hint={t('workflow.update.stageHint')}
          error={errors.stage}
          data-field="stage"
          value={stage}
          onChange={(event) => setStage(event.target.value as ReportingStage)}
        >
          {stages.map((value) => (
            <option key={value} value={value}>
              {t(`workflow.stage.${value}`)}
            </option>
          ))}
        </SelectField>
        <LocalDateTimeField
          label={t('workflow.update.awareAt')}
          hint={t('workflow.update.awareAtHint')}
          optional
          field="awareAt"
          error={errors.awareAt}
          value={awareAt}
          onChange={(value) => {
            setAwareConfirmed(false);
            setAwareAt(value);
          }}
        />
        {awareProblem ? (
          <DateWarning problem={awareProblem} confirmed={awareConfirmed} onConfirm={setAwareConfirmed} />
        ) : null}
      </div>
      <TextAreaField
        label={t('workflow.update.text')}
        hint={t('workflow.update.textHint')}
        error={errors.text}
        data-field="text"
        rows={4}
        maxLength={20000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="withhold">
        <CheckboxField
          label={t('workflow.update.withhold')}
          hint={t('workflow.update.withholdHint')}
          error={errors.withheld}
          checked={withhold !== null}
          onChange={(event) => setWithhold(event.target.checked ? 'national-security' : null)}
        />
        {withhold ? (
          <SelectField
            label={t('composer.withholdReason')}
            value={withhold}
            onChange={(event) => setWithhold(event.target.value as WithholdingReason)}
          >
            {WITHHOLDING_REASONS.map((value) => (
              <option key={value} value={value}>
                {t(`withholding.${value}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      <fieldset className="update-form__group">
        <legend>{t('workflow.update.developing')}</legend>
        <p className="field__hint">{t('workflow.update.developingHint')}</p>
        <div className="form__row">
          <SelectField
            label={t('report.cause.cause')}
            error={errors.cause}
            data-field="cause"
            value={developing.cause}
            onChange={(event) => setDeveloping({ ...developing, cause: event.target.value as Cause | '' })}
          >
            <option value="">{t('workflow.update.unchanged')}</option>
            {CAUSES.map((value) => (
              <option key={value} value={value}>
                {t(`vocabulary.cause.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('workflow.update.deliberate')}
            error={errors.suspectedDeliberate}
            data-field="suspectedDeliberate"
            value={developing.deliberate}
            onChange={(event) =>
              setDeveloping({ ...developing, deliberate: event.target.value as '' | 'yes' | 'no' })
            }
          >
            <option value="">{t('workflow.update.unchanged')}</option>
            <option value="yes">{t('workflow.update.deliberateYes')}</option>
            <option value="no">{t('workflow.update.deliberateNo')}</option>
          </SelectField>
          <SelectField
            label={t('report.cause.internationalSecurity')}
            error={errors.internationalSecurity}
            data-field="internationalSecurity"
            value={developing.security}
            onChange={(event) =>
              setDeveloping({ ...developing, security: event.target.value as '' | 'yes' | 'no' })
            }
          >
            <option value="">{t('workflow.update.unchanged')}</option>
            <option value="yes">{t('common.yes')}</option>
            <option value="no">{t('common.no')}</option>
          </SelectField>
          <SelectField
            label={t('report.cause.publicOrderImpact')}
            error={errors.publicOrderImpact}
            data-field="publicOrderImpact"
            value={developing.publicOrder}
            onChange={(event) =>
              setDeveloping({ ...developing, publicOrder: event.target.value as '' | 'yes' | 'no' })
            }
          >
            <option value="">{t('workflow.update.unchanged')}</option>
            <option value="yes">{t('common.yes')}</option>
            <option value="no">{t('common.no')}</option>
          </SelectField>
          <SelectField
            label={t('report.what.domain')}
            hint={t('report.what.domainHint')}
            error={errors.domain}
            data-field="domain"
            value={developing.domain}
            onChange={(event) => setDeveloping({ ...developing, domain: event.target.value as Domain | '' })}
          >
            <option value="">{t('workflow.update.unchanged')}</option>
            {DOMAINS.map((value) => (
              <option key={value} value={value}>
                {t(`vocabulary.domain.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <fieldset className="update-form__group">
        <legend>{t('workflow.update.impacts')}</legend>
        <ImpactGrid
          caption={t('workflow.update.impacts')}
          hint={t('workflow.update.impactsHint')}
          empty={t('workflow.update.noImpacts')}
          impacts={impacts}
          errors={errors}
          onChange={setImpacts}
        />
      </fieldset>
      <fieldset className="update-form__group">
        <legend>{t('workflow.update.entities')}</legend>
        <EntityEditor entities={entities} errors={errors} onChange={setEntities} />
      </fieldset>
      <ReachChooser
        reach={reach}
        errors={errors}
        affected={affected}
        natoAvailable={incident.releasableToNato}
        incident={incident}
        onChange={setReach}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={post.isPending}>
          {post.isPending ? t('common.working') : t('workflow.update.submit')}
        </button>
      </div>
    </form>
  );
}

/** "Send an update": new facts tagged with their CER/NIS2 reporting stage, with changed impacts and entities. */
export function UpdatePanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const organisation = useActingOrganisation();
  const participating = useParticipatingOrganisations();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  if (!organisation || incident.mergedInto) return null;
  return (
    <section aria-labelledby="update-heading" className="panel composer update">
      <div className="composer__head">
        <h2 id="update-heading">{t('workflow.update.heading')}</h2>
        <button
          type="button"
          className={`button ${open ? 'button--secondary' : 'button--primary'}`}
          aria-expanded={open}
          aria-controls="update-body"
          onClick={() => {
            setStatus(null);
            setOpen(!open);
          }}
        >
          {open ? t('workflow.update.close') : t('workflow.update.open')}
        </button>
      </div>
      <StatusMessage message={status} />
      <div id="update-body">
        {open ? (
          participating.length === 0 ? (
            <Loading />
          ) : (
            <UpdateForm
              incident={incident}
              onSent={(message) => {
                setStatus(message);
                setOpen(false);
              }}
            />
          )
        ) : null}
      </div>
    </section>
  );
}

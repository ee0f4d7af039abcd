/**
 * Reporting an incident, step by step: what happened, when, the cause, the CER sectors, the entities involved,
 * the impact per country, who will see it and what to withhold, then a review. The form can be saved as a draft
 * at any step; problems (found here or by the server) are shown on their step, next to their field.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client.js';
import { useRegistry } from '../../api/hooks.js';
import { WITHHOLDING_REASONS, type WithholdingReason } from '../../api/types.js';
import {
  CAUSES,
  type Cause,
  DOMAINS,
  type Domain,
  type ReportDraft,
  useDeleteDraft,
  useReportIncident,
  useSaveDraft,
} from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { useVocabulary } from '../../i18n/vocabulary.js';
import { DateTime } from '../DateTime.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { useParticipatingOrganisations } from '../OrganisationPicker.js';
import { useDescribeReach } from '../ReachFields.js';
import { useSession } from '../session.js';
import { markingModifier } from '../Tlp.js';
import '../workflow/workflow.css';
import { localInputToDate } from './localTime.js';
import { DateWarning, implausibility } from './PlausibleDate.js';
import {
  EntityEditor,
  type ErrorTexts,
  ImpactGrid,
  LocalDateTimeField,
  ReachChooser,
  zoneLabel,
} from './ReportFields.js';
import {
  checkReport,
  fieldForError,
  firstProblemStep,
  type Problems,
  REPORT_STEPS,
  type ReportFormState,
  type ReportStep,
  stepOfField,
  toDraft,
  toReportRequest,
  type WithholdKey,
} from './reportForm.js';

function useProblemTexts() {
  const { t } = useTranslation();
  return (problems: Problems): ErrorTexts =>
    Object.fromEntries(Object.entries(problems).map(([field, code]) => [field, t(`report.problem.${code}`)]));
}

/** Moves focus to a field by its path; a group of checkboxes gets focus on its first box. */
function focusField(root: HTMLElement | null, field: string) {
  requestAnimationFrame(() => {
    const element = root?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
    if (!element) return;
    const target =
      element instanceof HTMLFieldSetElement ? element.querySelector<HTMLElement>('input, select') : element;
    target?.focus();
  });
}

function SectorPicker({
  sectors,
  onChange,
  error,
}: {
  sectors: ReportFormState['sectors'];
  onChange: (next: ReportFormState['sectors']) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const registry = useRegistry();
  const words = useVocabulary();
  const chosen = new Map(sectors.map((s) => [s.sector, s.subsectors]));
  const order = (registry.data?.sectors ?? []).map((s) => s.id);
  const write = (next: Map<string, string[]>) =>
    onChange(
      order.filter((id) => next.has(id)).map((id) => ({ sector: id, subsectors: next.get(id) ?? [] })),
    );
  const toggleSector = (id: string, on: boolean) => {
    const next = new Map(chosen);
    if (on) next.set(id, next.get(id) ?? []);
    else next.delete(id);
    write(next);
  };
  const toggleSubsector = (sector: string, subsectorIds: string[], id: string, on: boolean) => {
    const next = new Map(chosen);
    const current = new Set(next.get(sector) ?? []);
    if (on) current.add(id);
    else current.delete(id);
    next.set(
      sector,
      subsectorIds.filter((s) => current.has(s)),
    );
    write(next);
  };
  return (
    <fieldset className="sector-picker" data-field="sectors">
      <legend>{t('report.sectors.legend')}</legend>
      <p className="field__hint">{t('report.sectors.hint')}</p>
      {error ? (
        <p className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <ul className="sector-picker__list">
        {(registry.data?.sectors ?? []).map((sector) => {
          const subsectorIds = sector.subsectors.map((s) => s.id);
          const picked = chosen.get(sector.id);
          return (
            <li key={sector.id} className={`sector-card${picked ? ' sector-card--chosen' : ''}`}>
              <label className="sector-card__sector">
                <input
                  type="checkbox"
                  checked={picked !== undefined}
                  onChange={(event) => toggleSector(sector.id, event.target.checked)}
                />
                {words.sector(sector.id)}
              </label>
              {sector.subsectors.length > 0 ? (
                <ul className="sector-card__subsectors" aria-label={words.sector(sector.id)}>
                  {sector.subsectors.map((sub) => (
                    <li key={sub.id}>
                      <label>
                        <input
                          type="checkbox"
                          checked={picked?.includes(sub.id) ?? false}
                          onChange={(event) =>
                            toggleSubsector(sector.id, subsectorIds, sub.id, event.target.checked)
                          }
                        />
                        {words.subsector(sub.id)}
                      </label>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

interface WithholdCandidate {
  key: WithholdKey;
  label: string;
  value: string;
}

/** The details of the report that may be withheld, each with a label in the reader's language. */
function useWithholdCandidates(state: ReportFormState): WithholdCandidate[] {
  const { t } = useTranslation();
  const format = useFormat();
  const candidates: WithholdCandidate[] = [];
  if (state.description.trim())
    candidates.push({ key: 'description', label: t('report.what.description'), value: state.description });
  state.entities.forEach((entity, index) => {
    if (entity.name.trim())
      candidates.push({
        key: `entity:${entity.key}:name`,
        label: t('report.withhold.entityName', { number: index + 1 }),
        value: entity.name,
      });
  });
  state.impacts.forEach((impact) => {
    const country = impact.memberState ? format.region(impact.memberState) : '';
    for (const field of ['service', 'area', 'usersAffected'] as const) {
      if (impact[field].trim())
        candidates.push({
          key: `impact:${impact.key}:${field}`,
          label: t(`report.withhold.impact.${field}`, { country }),
          value: impact[field],
        });
    }
  });
  return candidates;
}

function WithholdStep({
  state,
  onChange,
  error,
}: {
  state: ReportFormState;
  onChange: (withheld: ReportFormState['withheld']) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const candidates = useWithholdCandidates(state);
  const set = (key: WithholdKey, reason: WithholdingReason | null) => {
    const next = { ...state.withheld };
    if (reason) next[key] = reason;
    else delete next[key];
    onChange(next);
  };
  return (
    <div className="withhold-step" data-field="withheld">
      <p className="field__hint">{t('report.withhold.hint')}</p>
      {error ? (
        <p className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      {candidates.length === 0 ? (
        <p className="empty">{t('report.withhold.nothing')}</p>
      ) : (
        <ul className="withhold-list">
          {candidates.map((candidate) => {
            const reason = state.withheld[candidate.key];
            return (
              <li key={candidate.key} className={`withhold-item${reason ? ' withhold-item--on' : ''}`}>
                <CheckboxField
                  label={t('report.withhold.toggle', { field: candidate.label })}
                  hint={<q className="withhold-item__value">{candidate.value}</q>}
                  checked={reason !== undefined}
                  onChange={(event) => set(candidate.key, event.target.checked ? 'national-security' : null)}
                />
                {reason ? (
                  <SelectField
                    label={t('composer.withholdReason')}
                    value={reason}
                    onChange={(event) => set(candidate.key, event.target.value as WithholdingReason)}
                  >
                    {WITHHOLDING_REASONS.map((value) => (
                      <option key={value} value={value}>
                        {t(`withholding.${value}`)}
                      </option>
                    ))}
                  </SelectField>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

const IMPACT_COLUMNS = {
  memberState: 'country',
  level: 'level',
  service: 'service',
  usersAffected: 'users',
  proportionAffected: 'proportion',
  durationHours: 'duration',
  area: 'area',
  isolatedAreas: 'isolated',
} as const;
const ENTITY_FIELDS = {
  name: 'name',
  sector: 'sector',
  subsector: 'subsector',
  memberStatesServed: 'served',
  cepes: 'cepes',
  significantlyDisrupted: 'disrupted',
} as const;
const TOP_FIELDS = {
  title: 'report.what.title',
  description: 'report.what.description',
  domain: 'report.what.domain',
  occurredAt: 'report.when.occurred',
  detectedAt: 'report.when.detected',
  cause: 'report.cause.cause',
  recipients: 'reach.recipients',
  audience: 'reach.audience',
  marking: 'reach.marking',
  releasableToNato: 'reach.nato',
} as const;

function has<T extends object>(table: T, key: string | undefined): key is Extract<keyof T, string> {
  return key !== undefined && Object.hasOwn(table, key);
}

/** The name of a field as the form shows it: "Users affected (Finland)", "Name of the entity (entity 2)". */
function useFieldLabel(state: ReportFormState) {
  const { t } = useTranslation();
  const format = useFormat();
  return (path: string): string | null => {
    const impact = /^impacts\[(\d+)\]\.(\w+)$/.exec(path);
    if (impact) {
      const index = Number(impact[1]);
      const code = state.impacts[index]?.memberState;
      const row = code ? format.region(code) : t('report.impacts.row', { number: index + 1 });
      return has(IMPACT_COLUMNS, impact[2])
        ? `${t(`report.impacts.${IMPACT_COLUMNS[impact[2]]}`)} (${row})`
        : row;
    }
    const entity = /^entities\[(\d+)\]\.(\w+)$/.exec(path);
    if (entity) {
      const index = Number(entity[1]);
      const name = state.entities[index]?.name.trim() || t('report.entities.untitled', { number: index + 1 });
      return has(ENTITY_FIELDS, entity[2])
        ? `${t(`report.entities.${ENTITY_FIELDS[entity[2]]}`)} (${name})`
        : name;
    }
    return has(TOP_FIELDS, path) ? t(TOP_FIELDS[path]) : null;
  };
}

function Review({
  state,
  problems,
  onGo,
}: {
  state: ReportFormState;
  problems: ErrorTexts;
  onGo: (step: ReportStep, field: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useVocabulary();
  const me = useSession();
  const describe = useDescribeReach();
  const withheld = useWithholdCandidates(state).filter((candidate) => state.withheld[candidate.key]);
  const label = useFieldLabel(state);
  const open = Object.entries(problems);
  const yesNo = (value: boolean) => (value ? t('report.review.yes') : t('report.review.no'));
  // A withheld detail is said where it is shown: only the author's organisation will see it.
  const hidden = (key: WithholdKey) => {
    const reason = state.withheld[key];
    return reason ? (
      <span className="review-withheld">
        {' '}
        ({t('report.review.withheldHere', { reason: t(`withholding.${reason}`) })})
      </span>
    ) : null;
  };
  const time = (value: string) => {
    const date = value ? localInputToDate(value) : null;
    return date ? (
      <DateTime value={date.toISOString()} />
    ) : (
      <span className="muted">{t('report.review.notGiven')}</span>
    );
  };
  return (
    <div className="report-review">
      {open.length > 0 ? (
        <div className="notice notice--error review-problems">
          <p>
            <span aria-hidden="true" className="notice__icon">
              ⚠
            </span>
            <strong>{t('report.review.problems', { count: open.length })}</strong>
          </p>
          <ul>
            {open.map(([field, message]) => (
              <li key={field}>
                <button type="button" className="link-button" onClick={() => onGo(stepOfField(field), field)}>
                  {t(`report.steps.${stepOfField(field)}`)}
                </button>
                {label(field) ? ` — ${label(field)}` : ''}: {message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <dl className="facts facts--compact">
        <div>
          <dt>{t('report.what.title')}</dt>
          <dd>{state.title.trim() || <span className="muted">{t('report.review.notGiven')}</span>}</dd>
        </div>
        <div>
          <dt>{t('report.what.description')}</dt>
          <dd className="review-description">
            {state.description.trim() || <span className="muted">{t('report.review.notGiven')}</span>}
            {hidden('description')}
          </dd>
        </div>
        <div>
          <dt>{t('report.review.reportedBy')}</dt>
          <dd>{format.organisation(me.organisation.id, me.organisation.kind)}</dd>
        </div>
        <div>
          <dt>{t('report.when.occurred')}</dt>
          <dd>{time(state.occurredAt)}</dd>
        </div>
        <div>
          <dt>{t('report.when.detected')}</dt>
          <dd>{time(state.detectedAt)}</dd>
        </div>
        <div>
          <dt>{t('report.cause.cause')}</dt>
          <dd>{words.cause(state.cause)}</dd>
        </div>
        <div>
          <dt>{t('report.cause.deliberate')}</dt>
          <dd>{yesNo(state.suspectedDeliberate)}</dd>
        </div>
        <div>
          <dt>{t('report.cause.internationalSecurity')}</dt>
          <dd>{yesNo(state.internationalSecurity)}</dd>
        </div>
        <div>
          <dt>{t('report.cause.publicOrderImpact')}</dt>
          <dd>{yesNo(state.publicOrderImpact)}</dd>
        </div>
        <div>
          <dt>{t('report.what.domain')}</dt>
          <dd>{words.domain(state.domain)}</dd>
        </div>
        <div>
          <dt>{t('report.review.sectors')}</dt>
          <dd>
            {state.sectors.length === 0
              ? t('incident.none')
              : format.list(
                  state.sectors.map((s) =>
                    s.subsectors.length > 0
                      ? `${words.sector(s.sector)}: ${format.list(s.subsectors.map(words.subsector))}`
                      : words.sector(s.sector),
                  ),
                )}
          </dd>
        </div>
        <div>
          <dt>{t('report.review.entities')}</dt>
          <dd>
            {state.entities.length === 0 ? (
              t('incident.none')
            ) : (
              <ul className="plain-list review-entities">
                {state.entities.map((e) => (
                  <li key={e.key}>
                    <strong>{e.name.trim() || '?'}</strong>
                    {hidden(`entity:${e.key}:name`)}
                    {[
                      e.sector
                        ? e.subsector
                          ? `${words.sector(e.sector)}: ${words.subsector(e.subsector)}`
                          : words.sector(e.sector)
                        : null,
                      e.establishedIn
                        ? t('report.review.establishedIn', { state: format.region(e.establishedIn) })
                        : null,
                      e.memberStatesServed.length > 0
                        ? t('report.review.serves', {
                            states: format.list(e.memberStatesServed.map((code) => format.region(code))),
                          })
                        : null,
                      e.cepes ? t('report.review.cepes') : null,
                      e.significantlyDisrupted ? t('report.review.disrupted') : null,
                    ]
                      .filter(Boolean)
                      .map((part) => ` · ${part}`)
                      .join('')}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('report.review.exercise')}</dt>
          <dd>{state.exercise ? t('incidents.exerciseTag') : t('report.review.real')}</dd>
        </div>
      </dl>
      <h3 className="h-small">{t('report.review.impacts', { count: state.impacts.length })}</h3>
      {state.impacts.length === 0 ? (
        <p className="muted">{t('report.review.noImpacts')}</p>
      ) : (
        <ul className="plain-list review-impacts">
          {state.impacts.map((impact) => (
            <li key={impact.key}>
              <strong>{impact.memberState ? format.region(impact.memberState) : '?'}</strong>{' '}
              <span className={`level level--${impact.level}`}>{words.level(impact.level)}</span>
              {impact.service.trim() ? ` · ${impact.service.trim()}` : ''}
              {hidden(`impact:${impact.key}:service`)}
              {impact.usersAffected.trim() ? (
                <>
                  {' · '}
                  {t('report.review.users', { value: impact.usersAffected.trim() })}
                  {hidden(`impact:${impact.key}:usersAffected`)}
                </>
              ) : null}
              {impact.proportionAffected.trim()
                ? ` · ${t('report.review.proportion', { value: impact.proportionAffected.trim() })}`
                : ''}
              {impact.durationHours.trim()
                ? ` · ${t('report.review.duration', { value: impact.durationHours.trim() })}`
                : ''}
              {impact.area.trim() ? (
                <>
                  {' · '}
                  {t('report.review.area', { value: impact.area.trim() })}
                  {hidden(`impact:${impact.key}:area`)}
                </>
              ) : null}
              {impact.isolatedAreas ? ` · ${t('report.review.isolated')}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h3 className="h-small">{t('report.review.sharing')}</h3>
      <p>
        <span className={`tlp tlp--${markingModifier(state.reach.marking)}`}>{state.reach.marking}</span>{' '}
        {describe(
          {
            ...state.reach,
            sharingGroup: '',
            releasableToNato: state.reach.marking !== 'TLP:RED' && state.reach.releasableToNato,
          },
          [],
        )}
      </p>
      <h3 className="h-small">{t('report.review.withheld', { count: withheld.length })}</h3>
      {withheld.length === 0 ? (
        <p className="muted">{t('incident.none')}</p>
      ) : (
        <ul className="plain-list">
          {withheld.map((candidate) => {
            const reason = state.withheld[candidate.key];
            return (
              <li key={candidate.key}>
                {candidate.label} — {reason ? t(`withholding.${reason}`) : ''}
              </li>
            );
          })}
        </ul>
      )}
      <p className="notice">{t('report.review.next')}</p>
    </div>
  );
}

export function ReportForm({
  initial,
  draft,
  onDraftSaved,
}: {
  initial: ReportFormState;
  draft: ReportDraft | null;
  onDraftSaved: (draft: ReportDraft) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const format = useFormat();
  const errorText = useErrorText();
  const problemTexts = useProblemTexts();
  const participating = useParticipatingOrganisations().map((option) => option.id);
  const report = useReportIncident();
  const save = useSaveDraft();
  const discard = useDeleteDraft();
  const [state, setState] = useState<ReportFormState>(initial);
  const [step, setStep] = useState<ReportStep>('what');
  const [errors, setErrors] = useState<ErrorTexts>({});
  const [checking, setChecking] = useState(false);
  // An occurrence far from now is asked about once; changing the time asks again.
  const [dateConfirmed, setDateConfirmed] = useState(false);
  const dateProblem = implausibility(state.occurredAt, Date.now());
  const dateUnconfirmed = dateProblem !== null && !dateConfirmed;
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const draftId = draft?.id ?? null;

  const update = (patch: Partial<ReportFormState>) => {
    const next = { ...state, ...patch };
    setState(next);
    // Once problems were shown, they follow the reader's corrections (the server's are dropped: it will say again).
    if (checking) setErrors(problemTexts(checkReport(next, i18n.language)));
  };

  /** Shows a step; focus goes to its heading, unless a field of it is about to get focus. */
  const go = (next: ReportStep, focusHeading = true) => {
    setStep(next);
    if (focusHeading) requestAnimationFrame(() => headingRef.current?.focus());
  };

  const index = REPORT_STEPS.indexOf(step);
  const stepProblems = (s: ReportStep) => Object.keys(errors).filter((field) => stepOfField(field) === s);

  const next = () => {
    const problems = checkReport(state, i18n.language);
    const here = Object.keys(problems).filter((field) => stepOfField(field) === step);
    if (here.length > 0) {
      setChecking(true);
      setErrors(problemTexts(problems));
      focusField(formRef.current, here[0] ?? '');
      return;
    }
    if (step === 'when' && dateUnconfirmed) {
      formRef.current?.querySelector<HTMLElement>('[name="occurredAtConfirmed"]')?.focus();
      return;
    }
    const following = REPORT_STEPS[index + 1];
    if (following) go(following);
  };

  const saveDraft = () => {
    setFailure(null);
    setStatus(null);
    save.mutate(
      { id: draftId, body: toDraft(state) },
      {
        onSuccess: (saved) => {
          onDraftSaved(saved);
          setStatus(t('report.draftSaved', { time: format.dateTime(saved.updatedAt) }));
        },
        onError: (error) => setFailure(errorText(error)),
      },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Enter in a field before the last step moves on; only the review step sends the report.
    if (step !== 'review') {
      next();
      return;
    }
    setFailure(null);
    setStatus(null);
    const problems = checkReport(state, i18n.language);
    if (Object.keys(problems).length > 0) {
      setChecking(true);
      setErrors(problemTexts(problems));
      const first = firstProblemStep(problems) ?? step;
      go(first, false);
      const field = Object.keys(problems).find((f) => stepOfField(f) === first);
      if (field) focusField(formRef.current, field);
      setFailure(t('report.fixProblems', { count: Object.keys(problems).length }));
      return;
    }
    if (dateUnconfirmed) {
      go('when', false);
      setFailure(t('report.when.implausible.unconfirmed'));
      return;
    }
    report.mutate(toReportRequest(state, me.organisation.id, participating, i18n.language), {
      onSuccess: (incident) => {
        if (draftId) discard.mutate(draftId);
        navigate(`/incidents/${encodeURIComponent(incident.id)}`);
      },
      onError: (error) => {
        if (isApiError(error) && error.field) {
          const field = fieldForError(error.field);
          setChecking(false);
          setErrors({ [field]: error.fieldMessage });
          const target = stepOfField(field);
          go(target, false);
          focusField(formRef.current, field);
          setFailure(t('report.serverProblem', { step: t(`report.steps.${target}`) }));
        } else {
          setFailure(errorText(error));
        }
      },
    });
  };

  const affected = state.impacts.map((i) => i.memberState).filter(Boolean);

  return (
    <form ref={formRef} className="report-form" onSubmit={submit} noValidate>
      <nav className="report-steps" aria-label={t('report.stepsLabel')}>
        <ol>
          {REPORT_STEPS.map((s, i) => {
            const problems = stepProblems(s).length;
            return (
              <li key={s}>
                <button
                  type="button"
                  className={`report-steps__step${s === step ? ' report-steps__step--current' : ''}${
                    problems > 0 ? ' report-steps__step--invalid' : ''
                  }`}
                  aria-current={s === step ? 'step' : undefined}
                  onClick={() => go(s)}
                >
                  <span className="report-steps__number">{i + 1}</span>
                  <span className="report-steps__name">{t(`report.steps.${s}`)}</span>
                  {problems > 0 ? (
                    <span className="report-steps__problem">
                      <span aria-hidden="true">⚠ </span>
                      {t('report.stepProblems', { count: problems })}
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <div className="report-form__body">
        <ErrorMessage message={failure} />
        <StatusMessage message={status} />
        <h2 ref={headingRef} tabIndex={-1} className="report-form__heading">
          <span className="report-form__step-number">
            {t('report.stepOf', { number: index + 1, total: REPORT_STEPS.length })}
          </span>{' '}
          {t(`report.steps.${step}`)}
        </h2>
        <p className="field__hint report-form__intro">{t(`report.intro.${step}`)}</p>

        {step === 'what' ? (
          <div className="form report-form__fields">
            <TextField
              label={t('report.what.title')}
              hint={t('report.what.titleHint')}
              error={errors.title}
              data-field="title"
              value={state.title}
              maxLength={300}
              onChange={(event) => update({ title: event.target.value })}
            />
            <TextAreaField
              label={t('report.what.description')}
              hint={t('report.what.descriptionHint')}
              optional
              error={errors.description}
              data-field="description"
              rows={6}
              maxLength={20000}
              value={state.description}
              onChange={(event) => update({ description: event.target.value })}
            />
            <SelectField
              label={t('report.what.domain')}
              hint={t('report.what.domainHint')}
              error={errors.domain}
              data-field="domain"
              value={state.domain}
              onChange={(event) => update({ domain: event.target.value as Domain })}
            >
              {DOMAINS.map((domain) => (
                <option key={domain} value={domain}>
                  {t(`vocabulary.domain.${domain}`)}
                </option>
              ))}
            </SelectField>
            <CheckboxField
              label={t('report.what.exercise')}
              hint={t('report.what.exerciseHint')}
              error={errors.exercise}
              data-field="exercise"
              checked={state.exercise}
              onChange={(event) => update({ exercise: event.target.checked })}
            />
          </div>
        ) : null}

        {step === 'when' ? (
          <div className="form report-form__fields">
            <LocalDateTimeField
              label={t('report.when.occurred')}
              hint={t('report.when.occurredHint')}
              field="occurredAt"
              error={errors.occurredAt}
              value={state.occurredAt}
              onChange={(occurredAt) => {
                setDateConfirmed(false);
                update({ occurredAt });
              }}
            />
            {dateProblem ? (
              <DateWarning problem={dateProblem} confirmed={dateConfirmed} onConfirm={setDateConfirmed} />
            ) : null}
            <LocalDateTimeField
              label={t('report.when.detected')}
              hint={t('report.when.detectedHint')}
              optional
              field="detectedAt"
              error={errors.detectedAt}
              value={state.detectedAt}
              onChange={(detectedAt) => update({ detectedAt })}
            />
          </div>
        ) : null}

        {step === 'cause' ? (
          <div className="form report-form__fields">
            <fieldset className="choice-group" data-field="cause">
              <legend>{t('report.cause.cause')}</legend>
              {errors.cause ? (
                <p className="field__error">
                  <span aria-hidden="true">⚠ </span>
                  {errors.cause}
                </p>
              ) : null}
              <ul className="choice-group__options">
                {CAUSES.map((cause) => (
                  <li key={cause}>
                    <label>
                      <input
                        type="radio"
                        name="cause"
                        value={cause}
                        checked={state.cause === cause}
                        onChange={() => update({ cause: cause as Cause })}
                      />
                      {t(`vocabulary.cause.${cause}`)}
                    </label>
                  </li>
                ))}
              </ul>
              <p className="field__hint">{t('report.cause.hint')}</p>
            </fieldset>
            <CheckboxField
              label={t('report.cause.deliberate')}
              hint={t('report.cause.deliberateHint')}
              error={errors.suspectedDeliberate}
              data-field="suspectedDeliberate"
              checked={state.suspectedDeliberate}
              onChange={(event) => update({ suspectedDeliberate: event.target.checked })}
            />
            <CheckboxField
              label={t('report.cause.internationalSecurity')}
              hint={t('report.cause.internationalSecurityHint')}
              error={errors.internationalSecurity}
              data-field="internationalSecurity"
              checked={state.internationalSecurity}
              onChange={(event) => update({ internationalSecurity: event.target.checked })}
            />
            <CheckboxField
              label={t('report.cause.publicOrderImpact')}
              hint={t('report.cause.publicOrderImpactHint')}
              error={errors.publicOrderImpact}
              data-field="publicOrderImpact"
              checked={state.publicOrderImpact}
              onChange={(event) => update({ publicOrderImpact: event.target.checked })}
            />
          </div>
        ) : null}

        {step === 'sectors' ? (
          <SectorPicker
            sectors={state.sectors}
            error={errors.sectors}
            onChange={(sectors) => update({ sectors })}
          />
        ) : null}

        {step === 'entities' ? (
          <EntityEditor
            entities={state.entities}
            errors={errors}
            onChange={(entities) => update({ entities })}
          />
        ) : null}

        {step === 'impacts' ? (
          <ImpactGrid
            caption={t('report.steps.impacts')}
            hint={t('report.impacts.hint', { organisation: format.organisation(me.organisation.id) })}
            impacts={state.impacts}
            errors={errors}
            onChange={(impacts) => update({ impacts })}
          />
        ) : null}

        {step === 'sharing' ? (
          <ReachChooser
            reach={state.reach}
            errors={errors}
            affected={affected}
            natoAvailable
            natoHint={t('report.sharing.natoHint')}
            onChange={(reach) => update({ reach })}
          />
        ) : null}

        {step === 'withhold' ? (
          <WithholdStep state={state} error={errors.withheld} onChange={(withheld) => update({ withheld })} />
        ) : null}

        {step === 'review' ? (
          <Review
            state={state}
            problems={{ ...problemTexts(checkReport(state, i18n.language)), ...errors }}
            onGo={(target, field) => {
              go(target, false);
              focusField(formRef.current, field);
            }}
          />
        ) : null}

        <div className="form__actions report-form__actions">
          {index > 0 ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => go(REPORT_STEPS[index - 1] ?? 'what')}
            >
              <span aria-hidden="true">← </span>
              {t('report.back')}
            </button>
          ) : null}
          {step !== 'review' ? (
            // Keys keep the two buttons distinct: reusing one element, a click on "Next" would submit the form.
            <button key="next" type="button" className="button button--primary" onClick={next}>
              {t('report.next', { step: t(`report.steps.${REPORT_STEPS[index + 1] ?? 'review'}`) })}
              <span aria-hidden="true"> →</span>
            </button>
          ) : (
            <button key="submit" type="submit" className="button button--primary" disabled={report.isPending}>
              {report.isPending ? t('common.working') : t('report.submit')}
            </button>
          )}
          <button
            type="button"
            className="button button--secondary"
            onClick={saveDraft}
            disabled={save.isPending}
          >
            {save.isPending ? t('common.saving') : t('report.saveDraft')}
          </button>
          <span className="muted report-form__zone">{t('report.when.zone', { zone: zoneLabel() })}</span>
        </div>
      </div>
    </form>
  );
}

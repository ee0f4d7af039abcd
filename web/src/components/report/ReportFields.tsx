/**
 * The parts of the report form that an update uses too: the impact grid (one row per affected country), the
 * entities, the member-state checklist, times typed in the reader's zone, and who will see it.
 */
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CepesEntry } from '../../api/cepes.js';
import { useRegistry } from '../../api/hooks.js';
import type { TlpMarking } from '../../api/types.js';
import { IMPACT_LEVELS, type ImpactLevel } from '../../api/workflow.js';
import { readerTimeZone } from '../../i18n/format.js';
import { useFormat } from '../../i18n/useFormat.js';
import { useVocabulary } from '../../i18n/vocabulary.js';
import { CheckboxField, SelectField, TextField } from '../fields.js';
import { OrganisationPicker, type Preset, useParticipatingOrganisations } from '../OrganisationPicker.js';
import { PRESIDENCY } from '../presidency.js';
import { MarkingPicker, useDescribeReach } from '../ReachFields.js';
import { RecipientPicker } from '../RecipientPicker.js';
import { useSession } from '../session.js';
import { markingModifier } from '../Tlp.js';
import { CepesCombobox } from './CepesCombobox.js';
import { COUNTRY_CODES, EU_TERRITORIES, OTHER_COUNTRY_CODES } from './countries.js';
import { localInputToDate, offsetAt } from './localTime.js';
import { type EntityRow, emptyEntity, emptyImpact, type ImpactRow, type ReachState } from './reportForm.js';

/** Messages by field path in bracket notation, already in the reader's language. */
export type ErrorTexts = Record<string, string>;

/** A control inside a grid cell: named for screen readers by column and row, with its error below it. */
function Cell({
  error,
  children,
}: {
  error: string | undefined;
  children: (ids: { 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }) => ReactNode;
}) {
  const id = useId();
  return (
    <div className={`grid-cell${error ? ' grid-cell--invalid' : ''}`}>
      {children({
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? `${id}-error` : undefined,
      })}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** EU member states first (by name in the reader's language), then every other country, each with its code. */
function useCountryOptions() {
  const format = useFormat();
  const registry = useRegistry();
  return useMemo(() => {
    const eu = new Set((registry.data?.memberStates ?? []).map((s) => s.code));
    const named = (codes: readonly string[]) =>
      codes
        .map((code) => ({ code, name: format.region(code) }))
        .sort((a, b) => a.name.localeCompare(b.name, format.locale));
    return {
      memberStates: named([...eu]),
      territories: named([...EU_TERRITORIES.keys()]),
      others: named(
        [...COUNTRY_CODES, ...OTHER_COUNTRY_CODES].filter(
          (code) => !eu.has(code) && !EU_TERRITORIES.has(code),
        ),
      ),
      isMemberState: (code: string) => eu.has(code),
    };
  }, [registry.data, format]);
}

export function CountrySelect({
  value,
  onChange,
  label,
  field,
  ...aria
}: {
  value: string;
  onChange: (code: string) => void;
  label: string;
  field: string;
  'aria-invalid'?: true | undefined;
  'aria-describedby'?: string | undefined;
}) {
  const { t } = useTranslation();
  const options = useCountryOptions();
  return (
    <select
      aria-label={label}
      data-field={field}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      {...aria}
    >
      <option value="">{t('report.impacts.chooseCountry')}</option>
      <optgroup label={t('report.impacts.memberStates')}>
        {options.memberStates.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} ({c.code})
          </option>
        ))}
      </optgroup>
      <optgroup label={t('report.impacts.territories')}>
        {options.territories.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} ({c.code}, {EU_TERRITORIES.get(c.code)})
          </option>
        ))}
      </optgroup>
      <optgroup label={t('report.impacts.otherCountries')}>
        {options.others.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} ({c.code})
          </option>
        ))}
      </optgroup>
    </select>
  );
}

/** One row per affected country, with the CER parameters of significance. */
export function ImpactGrid({
  impacts,
  onChange,
  errors,
  caption,
  hint,
  empty,
}: {
  impacts: ImpactRow[];
  onChange: (next: ImpactRow[]) => void;
  errors: ErrorTexts;
  caption: string;
  hint?: string;
  /** What to say while there is no row; the report form's default asks for the first country. */
  empty?: string;
}) {
  const { t } = useTranslation();
  const words = useVocabulary();
  const format = useFormat();
  const options = useCountryOptions();
  const set = (index: number, patch: Partial<ImpactRow>) =>
    onChange(impacts.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const remove = (index: number) => onChange(impacts.filter((_, i) => i !== index));
  const chosen = new Set(impacts.map((row) => row.memberState).filter(Boolean));
  const columns = {
    country: t('report.impacts.country'),
    level: t('report.impacts.level'),
    service: t('report.impacts.service'),
    users: t('report.impacts.users'),
    proportion: t('report.impacts.proportion'),
    duration: t('report.impacts.duration'),
    area: t('report.impacts.area'),
    isolated: t('report.impacts.isolated'),
  };
  return (
    <div className="impact-grid">
      {hint ? <p className="field__hint">{hint}</p> : null}
      {impacts.length === 0 ? (
        <p className="empty">{empty ?? t('report.impacts.empty')}</p>
      ) : (
        <div className="impact-grid__scroll">
          <table className="table table--compact impact-grid__table">
            <caption className="visually-hidden">{caption}</caption>
            <colgroup>
              <col className="impact-grid__col--country" />
              <col className="impact-grid__col--level" />
              <col />
              <col className="impact-grid__col--number" />
              <col className="impact-grid__col--number" />
              <col className="impact-grid__col--number" />
              <col />
              <col className="impact-grid__col--isolated" />
              <col className="impact-grid__col--remove" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{columns.country}</th>
                <th scope="col">{columns.level}</th>
                <th scope="col">{columns.service}</th>
                <th scope="col">{columns.users}</th>
                <th scope="col">{columns.proportion}</th>
                <th scope="col">{columns.duration}</th>
                <th scope="col">{columns.area}</th>
                <th scope="col">{columns.isolated}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {impacts.map((row, index) => {
                const at = `impacts[${index}]`;
                const rowName = row.memberState
                  ? format.region(row.memberState)
                  : t('report.impacts.row', { number: index + 1 });
                const name = (column: string) => `${column}: ${rowName}`;
                return (
                  <tr key={row.key} className={`level-row level-row--${row.level}`}>
                    <td>
                      <Cell error={errors[`${at}.memberState`]}>
                        {(ids) => (
                          <CountrySelect
                            label={name(columns.country)}
                            field={`${at}.memberState`}
                            value={row.memberState}
                            onChange={(memberState) => set(index, { memberState })}
                            {...ids}
                          />
                        )}
                      </Cell>
                      {row.memberState && EU_TERRITORIES.has(row.memberState) ? (
                        <p className="field__hint">
                          {t('report.impacts.territoryCounts', {
                            state: format.region(EU_TERRITORIES.get(row.memberState)!),
                          })}
                        </p>
                      ) : row.memberState && !options.isMemberState(row.memberState) ? (
                        <p className="field__hint">{t('report.impacts.notCounted')}</p>
                      ) : null}
                    </td>
                    <td>
                      <Cell error={errors[`${at}.level`]}>
                        {(ids) => (
                          <select
                            aria-label={name(columns.level)}
                            data-field={`${at}.level`}
                            value={row.level}
                            onChange={(event) => set(index, { level: event.target.value as ImpactLevel })}
                            {...ids}
                          >
                            {IMPACT_LEVELS.map((level) => (
                              <option key={level} value={level}>
                                {words.level(level)}
                              </option>
                            ))}
                          </select>
                        )}
                      </Cell>
                    </td>
                    <td>
                      <Cell error={errors[`${at}.service`]}>
                        {(ids) => (
                          <input
                            aria-label={name(columns.service)}
                            data-field={`${at}.service`}
                            value={row.service}
                            maxLength={1000}
                            onChange={(event) => set(index, { service: event.target.value })}
                            {...ids}
                          />
                        )}
                      </Cell>
                    </td>
                    <td>
                      <Cell error={errors[`${at}.usersAffected`]}>
                        {(ids) => (
                          <input
                            aria-label={name(columns.users)}
                            data-field={`${at}.usersAffected`}
                            inputMode="numeric"
                            className="input--number"
                            value={row.usersAffected}
                            onChange={(event) => set(index, { usersAffected: event.target.value })}
                            {...ids}
                          />
                        )}
                      </Cell>
                    </td>
                    <td>
                      <Cell error={errors[`${at}.proportionAffected`]}>
                        {(ids) => (
                          <input
                            aria-label={name(columns.proportion)}
                            data-field={`${at}.proportionAffected`}
                            inputMode="decimal"
                            className="input--number"
                            value={row.proportionAffected}
                            onChange={(event) => set(index, { proportionAffected: event.target.value })}
                            {...ids}
                          />
                        )}
                      </Cell>
                    </td>
                    <td>
                      <Cell error={errors[`${at}.durationHours`]}>
                        {(ids) => (
                          <input
                            aria-label={name(columns.duration)}
                            data-field={`${at}.durationHours`}
                            inputMode="decimal"
                            className="input--number"
                            value={row.durationHours}
                            onChange={(event) => set(index, { durationHours: event.target.value })}
                            {...ids}
                          />
                        )}
                      </Cell>
                    </td>
                    <td>
                      <Cell error={errors[`${at}.area`]}>
                        {(ids) => (
                          <input
                            aria-label={name(columns.area)}
                            data-field={`${at}.area`}
                            value={row.area}
                            maxLength={1000}
                            onChange={(event) => set(index, { area: event.target.value })}
                            {...ids}
                          />
                        )}
                      </Cell>
                    </td>
                    <td className="impact-grid__check">
                      <input
                        type="checkbox"
                        aria-label={name(columns.isolated)}
                        data-field={`${at}.isolatedAreas`}
                        checked={row.isolatedAreas}
                        onChange={(event) => set(index, { isolatedAreas: event.target.checked })}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => remove(index)}
                      >
                        <span aria-hidden="true">✕ </span>
                        {t('report.remove')}
                        <span className="visually-hidden"> {rowName}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="impact-grid__add">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onChange([...impacts, emptyImpact()])}
        >
          <span aria-hidden="true">+ </span>
          {t('report.impacts.add')}
        </button>
        {chosen.size > 0 ? (
          <span className="muted">
            {t('report.impacts.countries', { list: format.list([...chosen].map(format.region)) })}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** The 27 member states as a compact checklist, by name in the reader's language, each with its code. */
export function MemberStateChecklist({
  legend,
  hint,
  selected,
  onChange,
  field,
  error,
}: {
  legend: string;
  hint?: string;
  selected: readonly string[];
  onChange: (next: string[]) => void;
  field: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const options = useCountryOptions();
  const id = useId();
  const chosen = new Set(selected);
  const toggle = (code: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(code);
    else next.delete(code);
    onChange(options.memberStates.map((s) => s.code).filter((c) => next.has(c)));
  };
  return (
    <fieldset
      className={`state-checklist${error ? ' state-checklist--invalid' : ''}`}
      data-field={field}
      aria-describedby={
        [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
      }
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <ul className="state-checklist__list">
        {options.memberStates.map((state) => (
          <li key={state.code}>
            <label>
              <input
                type="checkbox"
                checked={chosen.has(state.code)}
                onChange={(event) => toggle(state.code, event.target.checked)}
              />
              <span className="state-checklist__code">{state.code}</span> {state.name}
            </label>
          </li>
        ))}
      </ul>
      <p className="state-checklist__count">
        {t('report.entities.servedCount', { count: chosen.size })}
        {chosen.size > 0 ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => onChange([])}
          >
            {t('audience.clear')}
          </button>
        ) : null}
      </p>
    </fieldset>
  );
}

/** CER Art. 8: entities in these sectors are never CEPES, whatever they serve. */
const NEVER_CEPES: readonly string[] = [
  'banking',
  'financial-market-infrastructure',
  'digital-infrastructure',
];

/** An entity filled in from the register entry picked for it: its name, first sector, states and establishment. */
function pickedFromRegister(entry: CepesEntry, memberStates: ReadonlySet<string>): Partial<EntityRow> {
  return {
    name: entry.name,
    cepesId: entry.id,
    register: { name: entry.name, verdict: entry.verdict },
    establishedIn: entry.establishedIn ?? '',
    sector: entry.sectors[0] ?? '',
    subsector: '',
    memberStatesServed: entry.memberStatesServed.filter((code) => memberStates.has(code)),
    cepes: entry.verdict === 'cepes',
  };
}

/** Critical entities involved: name, sector, the member states they serve, CEPES and whether disrupted. */
export function EntityEditor({
  entities,
  onChange,
  errors,
}: {
  entities: EntityRow[];
  onChange: (next: EntityRow[]) => void;
  errors: ErrorTexts;
}) {
  const { t } = useTranslation();
  const registry = useRegistry();
  const words = useVocabulary();
  const sectors = registry.data?.sectors ?? [];
  const memberStates = new Set((registry.data?.memberStates ?? []).map((s) => s.code));
  const set = (index: number, patch: Partial<EntityRow>) =>
    onChange(entities.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <div className="entity-editor">
      {entities.length === 0 ? <p className="empty">{t('report.entities.empty')}</p> : null}
      <ol className="entity-editor__list">
        {entities.map((entity, index) => {
          const at = `entities[${index}]`;
          const sector = sectors.find((s) => s.id === entity.sector);
          const heading = entity.name.trim() || t('report.entities.untitled', { number: index + 1 });
          const excluded = NEVER_CEPES.includes(entity.sector);
          // The assessment counts an entity serving six or more member states as CEPES by itself.
          // A register entry's verdict counts instead of the presumption (the flag or six states served).
          const cepesNote = entity.register
            ? null
            : excluded
              ? entity.cepes || entity.memberStatesServed.length >= 6
                ? t('report.entities.neverCepes')
                : null
              : !entity.cepes && entity.memberStatesServed.length >= 6
                ? t('report.entities.countsAsCepes')
                : null;
          return (
            <li key={entity.key} className="entity-card">
              <div className="entity-card__head">
                <h3 className="h-small">{heading}</h3>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => onChange(entities.filter((_, i) => i !== index))}
                >
                  <span aria-hidden="true">✕ </span>
                  {t('report.remove')}
                  <span className="visually-hidden"> {heading}</span>
                </button>
              </div>
              <div className="form__row">
                <CepesCombobox
                  label={t('report.entities.name')}
                  error={errors[`${at}.name`]}
                  field={`${at}.name`}
                  value={entity.name}
                  onChange={(name) => set(index, { name })}
                  onPick={(entry) => set(index, pickedFromRegister(entry, memberStates))}
                />
                <SelectField
                  label={t('report.entities.sector')}
                  error={errors[`${at}.sector`]}
                  data-field={`${at}.sector`}
                  value={entity.sector}
                  onChange={(event) => set(index, { sector: event.target.value, subsector: '' })}
                >
                  <option value="">{t('report.entities.chooseSector')}</option>
                  {sectors.map((s) => (
                    <option key={s.id} value={s.id}>
                      {words.sector(s.id)}
                    </option>
                  ))}
                </SelectField>
                <SelectField
                  label={t('report.entities.subsector')}
                  optional
                  error={errors[`${at}.subsector`]}
                  data-field={`${at}.subsector`}
                  value={entity.subsector}
                  disabled={!sector || sector.subsectors.length === 0}
                  onChange={(event) => set(index, { subsector: event.target.value })}
                >
                  <option value="">{t('report.entities.wholeSector')}</option>
                  {(sector?.subsectors ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {words.subsector(s.id)}
                    </option>
                  ))}
                </SelectField>
              </div>
              <Cell error={errors[`${at}.establishedIn`]}>
                {(ids) => (
                  <div className="field">
                    <span className="field__label">{t('report.entities.establishedIn')}</span>
                    <span className="field__hint">{t('report.entities.establishedInHint')}</span>
                    <CountrySelect
                      label={t('report.entities.establishedIn')}
                      field={`${at}.establishedIn`}
                      value={entity.establishedIn}
                      onChange={(establishedIn) => set(index, { establishedIn })}
                      {...ids}
                    />
                  </div>
                )}
              </Cell>
              <MemberStateChecklist
                legend={t('report.entities.served')}
                hint={t('report.entities.servedHint')}
                field={`${at}.memberStatesServed`}
                error={errors[`${at}.memberStatesServed`]}
                selected={entity.memberStatesServed}
                onChange={(memberStatesServed) => set(index, { memberStatesServed })}
              />
              {entity.register ? (
                <div className="notice entity-card__note" data-testid="register-link">
                  <p>
                    {t('report.entities.registerLinked', {
                      name: entity.register.name,
                      verdict: t(`report.entities.verdict.${entity.register.verdict}`),
                    })}
                  </p>
                  <p className="field__hint">{t('report.entities.registerCounts')}</p>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => set(index, { cepesId: '', register: null, establishedIn: '' })}
                  >
                    {t('report.entities.registerUnlink')}
                    <span className="visually-hidden"> {heading}</span>
                  </button>
                  {errors[`${at}.cepesId`] ? (
                    <p className="field__error">
                      <span aria-hidden="true">⚠ </span>
                      {errors[`${at}.cepesId`]}
                    </p>
                  ) : null}
                </div>
              ) : null}
              {cepesNote ? (
                <p className="notice notice--warning entity-card__note">
                  <span aria-hidden="true" className="notice__icon">
                    ⚠
                  </span>
                  {cepesNote}
                </p>
              ) : null}
              <div className="entity-card__flags">
                <CheckboxField
                  label={t('report.entities.cepes')}
                  hint={t('report.entities.cepesHint')}
                  error={errors[`${at}.cepes`]}
                  checked={entity.cepes}
                  onChange={(event) => set(index, { cepes: event.target.checked })}
                />
                <CheckboxField
                  label={t('report.entities.disrupted')}
                  hint={t('report.entities.disruptedHint')}
                  error={errors[`${at}.significantlyDisrupted`]}
                  checked={entity.significantlyDisrupted}
                  onChange={(event) => set(index, { significantlyDisrupted: event.target.checked })}
                />
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => onChange([...entities, emptyEntity()])}
      >
        <span aria-hidden="true">+ </span>
        {t('report.entities.add')}
      </button>
    </div>
  );
}

/** "Europe/Helsinki (UTC+02:00)" for the zone the reader's browser is in, at that moment. */
export function zoneLabel(at: Date = new Date()): string {
  return `${readerTimeZone()} (UTC${offsetAt(at)})`;
}

/** A time typed in the reader's own zone, with the zone said and the same moment in UTC beside it. */
export function LocalDateTimeField({
  label,
  hint,
  value,
  onChange,
  error,
  field,
  optional,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  field: string;
  optional?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const date = value ? localInputToDate(value) : null;
  const utc = date
    ? new Intl.DateTimeFormat(format.locale, {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: 'UTC',
      }).format(date)
    : null;
  return (
    <TextField
      type="datetime-local"
      label={label}
      optional={optional}
      error={error}
      data-field={field}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      hint={
        <>
          {hint ? <>{hint} </> : null}
          {t('report.when.zone', { zone: zoneLabel(date ?? new Date()) })}
          {utc ? (
            <>
              {' '}
              <strong className="nowrap">{t('report.when.utc', { time: utc })}</strong>
            </>
          ) : null}
        </>
      }
    />
  );
}

/**
 * Who will see it: the marking (FIRST's colours and meanings), the audience with presets, named recipients for
 * TLP:RED and the release to the NATO liaison; the choice read back in one sentence.
 */
export function ReachChooser({
  reach,
  onChange,
  errors,
  affected,
  natoAvailable,
  natoHint,
  incident,
}: {
  reach: ReachState;
  onChange: (next: ReachState) => void;
  errors: ErrorTexts;
  /** States named as affected: the "affected member states and ERCC" preset. */
  affected: readonly string[];
  natoAvailable: boolean;
  natoHint?: string;
  /**
   * The incident the entry is written into, as the server sends it: who holds the Presidency for it, and whether an
   * exercise's scenario seats it (then the calendar's holder is not the one the entry reaches).
   */
  incident?: { presidency: string | null; presidencyOfScenario: boolean };
}) {
  const { t } = useTranslation();
  const me = useSession();
  const participating = useParticipatingOrganisations().map((option) => option.id);
  const describe = useDescribeReach();
  const red = reach.marking === 'TLP:RED';
  const set = (patch: Partial<ReachState>) => onChange({ ...reach, ...patch });
  const affectedSet = new Set([...affected, me.organisation.id, 'ERCC']);
  const format = useFormat();
  const holder = useRegistry().data?.presidency.current ?? null;
  // The Recommendation asks affected states to share with the Presidency and the Commission: offered first.
  const presidencyRole = {
    id: PRESIDENCY,
    label: t('audience.presidency'),
    hint:
      incident?.presidencyOfScenario && incident.presidency
        ? t('audience.presidencyOfScenario', { holder: format.organisation(incident.presidency) })
        : holder
          ? t('audience.presidencyHint', {
              holder: format.organisation(holder.memberState),
              until: format.date(holder.endsAt),
            })
          : t('audience.presidencyNone'),
  };
  const presets: Preset[] = [
    { id: 'presidency-ercc', label: t('audience.presetPresidencyErcc'), organisations: [PRESIDENCY, 'ERCC'] },
    { id: 'all', label: t('audience.presetAll'), organisations: participating },
    { id: 'mine', label: t('audience.presetMine'), organisations: [me.organisation.id] },
    {
      id: 'affected',
      label: t('audience.presetAffected'),
      organisations: participating.filter((id) => affectedSet.has(id)),
    },
  ];
  return (
    <div className="reach-chooser">
      <div className="reach-chooser__grid">
        <div className="reach-fields">
          <MarkingPicker
            value={reach.marking}
            onChange={(marking: TlpMarking) => set({ marking })}
            error={errors.marking}
          />
          {red ? (
            <RecipientPicker
              value={reach.recipients}
              onChange={(recipients) => set({ recipients })}
              nato={false}
              error={errors.recipients}
            />
          ) : null}
          {natoAvailable ? (
            <CheckboxField
              label={t('reach.nato')}
              hint={red ? t('reach.natoRed') : (natoHint ?? t('reach.natoHint'))}
              error={errors.releasableToNato}
              data-field="releasableToNato"
              checked={!red && reach.releasableToNato}
              disabled={red}
              onChange={(event) => set({ releasableToNato: event.target.checked })}
            />
          ) : null}
        </div>
        <OrganisationPicker
          legend={t('reach.audience')}
          hint={t('reach.audienceHint')}
          error={errors.audience}
          selected={reach.audience}
          onChange={(audience) => set({ audience })}
          disabled={red}
          disabledReason={t('reach.audienceRed')}
          presets={presets}
          roles={[presidencyRole]}
        />
      </div>
      <p className="reach-summary" aria-live="polite">
        <span className={`tlp tlp--${markingModifier(reach.marking)}`}>{reach.marking}</span>{' '}
        {describe({ ...reach, sharingGroup: '', releasableToNato: !red && reach.releasableToNato }, [])}
      </p>
    </div>
  );
}

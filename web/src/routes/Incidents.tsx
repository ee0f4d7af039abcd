import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useIncidents, useRegistry } from '../api/hooks.js';
import { ASSESSMENT_STATUSES, type AssessmentStatus, type IncidentSummary } from '../api/types.js';
import { BLUEPRINT_STATES, type BlueprintState } from '../api/workflow.js';
import { DateTime } from '../components/DateTime.js';
import { SelectField } from '../components/fields.js';
import { Loading, QueryError } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { ExerciseTag, StatusBadge } from '../components/StatusBadge.js';
import { canWriteEntries, useSession } from '../components/session.js';
import '../components/workflow/workflow.css';
import { useFormat } from '../i18n/useFormat.js';
import { useVocabulary } from '../i18n/vocabulary.js';

function isStatus(value: string | null): value is AssessmentStatus {
  return value !== null && (ASSESSMENT_STATUSES as readonly string[]).includes(value);
}

function isBlueprintState(value: string | null): value is BlueprintState {
  return value !== null && (BLUEPRINT_STATES as readonly string[]).includes(value);
}

const KINDS = ['real', 'exercise'] as const;
type Kind = (typeof KINDS)[number];
function isKind(value: string | null): value is Kind {
  return value !== null && (KINDS as readonly string[]).includes(value);
}

const FILTERS = ['status', 'sector', 'state', 'kind', 'blueprint'] as const;
type FilterName = (typeof FILTERS)[number];

const BLUEPRINT_SYMBOLS: Record<BlueprintState, string> = { active: '▶', inactive: '–', deactivated: '□' };

export function BlueprintStateLabel({ state }: { state: string }) {
  const { t } = useTranslation();
  if (!isBlueprintState(state)) return <span>{state}</span>;
  return (
    <span className={`blueprint-state blueprint-state--${state}`}>
      <span aria-hidden="true">{BLUEPRINT_SYMBOLS[state]} </span>
      {t(`incidents.blueprint.${state}`)}
    </span>
  );
}

/** The filters in the address, so that a filtered list can be shared and reloaded. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const status = isStatus(params.get('status')) ? (params.get('status') as AssessmentStatus) : null;
  const blueprint = isBlueprintState(params.get('blueprint'))
    ? (params.get('blueprint') as BlueprintState)
    : null;
  const kind = isKind(params.get('kind')) ? (params.get('kind') as Kind) : null;
  const sector = params.get('sector') || null;
  const state = params.get('state') || null;
  const set = (name: FilterName, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const clear = () => {
    const next = new URLSearchParams(params);
    for (const name of FILTERS) next.delete(name);
    setParams(next, { replace: true });
  };
  const active = [status, blueprint, kind, sector, state].filter((v) => v !== null).length;
  const matches = (incident: IncidentSummary) =>
    (status === null || incident.assessment.status === status) &&
    (blueprint === null || incident.blueprintState === blueprint) &&
    (kind === null || incident.exercise === (kind === 'exercise')) &&
    (sector === null || incident.sectors.includes(sector)) &&
    (state === null || incident.memberStates.includes(state));
  return { status, blueprint, kind, sector, state, set, clear, active, matches };
}

export function Incidents() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const words = useVocabulary();
  const registry = useRegistry();
  const incidents = useIncidents();
  const filters = useFilters();

  const all = incidents.data ?? [];
  // The server sends them most recently active first; the live stream moves activity, so sort again here.
  const shown = all.filter(filters.matches).sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
  const memberStates = [...(registry.data?.memberStates ?? [])]
    .map((s) => ({ code: s.code, name: format.region(s.code) }))
    .sort((a, b) => a.name.localeCompare(b.name, format.locale));

  return (
    <Page title={t('incidents.title')}>
      <div className="page-head">
        <p className="lead">{t('incidents.intro')}</p>
        {canWriteEntries(me) ? (
          <Link to="/incidents/new" className="button button--primary">
            <span aria-hidden="true">+ </span>
            {t('incidents.report')}
          </Link>
        ) : null}
      </div>
      <search className="toolbar incident-filters" aria-label={t('incidents.filters')}>
        <SelectField
          label={t('incidents.filterLabel')}
          value={filters.status ?? ''}
          onChange={(e) => filters.set('status', e.target.value)}
        >
          <option value="">{t('incidents.filterAll')}</option>
          {ASSESSMENT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('incidents.filterBlueprint')}
          value={filters.blueprint ?? ''}
          onChange={(e) => filters.set('blueprint', e.target.value)}
        >
          <option value="">{t('incidents.filterAnyBlueprint')}</option>
          {BLUEPRINT_STATES.map((value) => (
            <option key={value} value={value}>
              {t(`incidents.blueprint.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('incidents.filterSector')}
          value={filters.sector ?? ''}
          onChange={(e) => filters.set('sector', e.target.value)}
        >
          <option value="">{t('incidents.filterAnySector')}</option>
          {(registry.data?.sectors ?? []).map((sector) => (
            <option key={sector.id} value={sector.id}>
              {words.sector(sector.id)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('incidents.filterState')}
          value={filters.state ?? ''}
          onChange={(e) => filters.set('state', e.target.value)}
        >
          <option value="">{t('incidents.filterAnyState')}</option>
          {memberStates.map((state) => (
            <option key={state.code} value={state.code}>
              {state.name} ({state.code})
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('incidents.filterKind')}
          value={filters.kind ?? ''}
          onChange={(e) => filters.set('kind', e.target.value)}
        >
          <option value="">{t('incidents.filterAnyKind')}</option>
          <option value="real">{t('incidents.kindReal')}</option>
          <option value="exercise">{t('incidents.kindExercise')}</option>
        </SelectField>
        {filters.active > 0 ? (
          <button
            type="button"
            className="button button--secondary incident-filters__reset"
            onClick={filters.clear}
          >
            {t('incidents.clearFilters')}
          </button>
        ) : null}
        {incidents.data ? (
          <p role="status" className="toolbar__count">
            {t('incidents.showing', { count: shown.length, total: all.length })}
          </p>
        ) : null}
      </search>
      {incidents.isPending ? (
        <Loading />
      ) : incidents.error ? (
        <QueryError error={incidents.error} onRetry={() => void incidents.refetch()} />
      ) : all.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('incidents.emptyTitle')}</p>
          <p>
            {canWriteEntries(me) ? (
              <>
                {t('incidents.emptyReport')} <Link to="/incidents/new">{t('incidents.report')}</Link>
              </>
            ) : (
              <>
                {t('incidents.emptyNext')} <Link to="/directory">{t('incidents.emptyLink')}</Link>
              </>
            )}
          </p>
        </div>
      ) : shown.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('incidents.noneMatch')}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={filters.clear}>
              {t('incidents.showAll')}
            </button>
          </p>
        </div>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('incidents.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('incidents.columns.status')}</th>
              <th scope="col">{t('incidents.columns.title')}</th>
              <th scope="col">{t('incidents.columns.blueprint')}</th>
              <th scope="col">{t('incidents.columns.states')}</th>
              <th scope="col">{t('incidents.columns.sectors')}</th>
              <th scope="col">{t('incidents.columns.reportedBy')}</th>
              <th scope="col">{t('incidents.columns.lastActivity')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((incident) => (
              <tr key={incident.id}>
                <td>
                  <StatusBadge status={incident.assessment.status} />
                </td>
                <th scope="row" className="table__title">
                  <Link to={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.title}</Link>
                  {incident.exercise ? (
                    <>
                      {' '}
                      <ExerciseTag />
                    </>
                  ) : null}
                </th>
                <td>
                  <BlueprintStateLabel state={incident.blueprintState} />
                  {incident.activatedAt && incident.blueprintState === 'active' ? (
                    <div className="muted">
                      <DateTime value={incident.activatedAt} />
                    </div>
                  ) : null}
                </td>
                <td>
                  {incident.memberStates.length === 0 ? (
                    <span className="muted">{t('incident.none')}</span>
                  ) : (
                    incident.memberStates.map((code, index) => (
                      <span key={code}>
                        {index > 0 ? ', ' : ''}
                        <abbr title={format.region(code)}>{code}</abbr>
                      </span>
                    ))
                  )}
                </td>
                <td>{format.list(incident.sectors.map(words.sector))}</td>
                <td>{format.organisation(incident.reportedBy)}</td>
                <td>
                  <DateTime value={incident.lastActivityAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

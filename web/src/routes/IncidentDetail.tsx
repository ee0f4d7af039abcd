import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../api/client.js';
import { useEntries, useIncident } from '../api/hooks.js';
import type { Assessment, Entry, Incident, IncidentReportInput, TriggerId } from '../api/types.js';
import { AttachDialog } from '../components/AttachDialog.js';
import { AfterActionPanel } from '../components/after-action/AfterActionPanel.js';
import { RollCallPanel } from '../components/alerting/RollCallPanel.js';
import { AssistancePanel } from '../components/assistance/AssistancePanel.js';
import { Composer } from '../components/Composer.js';
import { PublicCommunicationPanel } from '../components/comms/PublicCommunicationPanel.js';
import { DateTime } from '../components/DateTime.js';
import { ExportPanel } from '../components/ExportPanel.js';
import { Loading, QueryError, StatusMessage } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { CommonPicture } from '../components/picture/CommonPicture.js';
import { ReachDialog } from '../components/ReachDialog.js';
import { DecisionsPanel } from '../components/response/DecisionsPanel.js';
import { HandoverPanel } from '../components/response/HandoverPanel.js';
import { IsaaPanel } from '../components/response/IsaaPanel.js';
import { MeetingsPanel } from '../components/response/MeetingsPanel.js';
import { runsOnTwoTracks, TrackedTimeline } from '../components/response/ResponseTracks.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { canWriteEntries, useSession } from '../components/session.js';
import { Timeline, type TimelineFilter, TimelineFilters, useTimelineFilter } from '../components/Timeline.js';
import { ClassificationBanner, mostRestrictive, TlpMarking } from '../components/Tlp.js';
import { IncidentFollowUp, IncidentWorkflow } from '../components/workflow/IncidentWorkflow.js';
import { type Format, useFormat } from '../i18n/useFormat.js';
import { useVocabulary } from '../i18n/vocabulary.js';
import { metricsPath } from './CoordinationMetrics.js';

const TRIGGER_IDS = ['T1', 'T2', 'T3'] as const satisfies readonly TriggerId[];
function isTriggerId(id: string): id is (typeof TRIGGER_IDS)[number] {
  return (TRIGGER_IDS as readonly string[]).includes(id);
}

function Triggers({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="triggers-heading" className="panel">
      <h2 id="triggers-heading">{t('incident.triggers')}</h2>
      <ul className="triggers">
        {assessment.triggers.map((trigger) => (
          <li key={trigger.id} className={`trigger ${trigger.met ? 'trigger--met' : 'trigger--not-met'}`}>
            <div className="trigger__head">
              <span className="trigger__id">{trigger.id}</span>
              <span className="trigger__name">
                {isTriggerId(trigger.id) ? t(`incident.trigger.${trigger.id}`) : trigger.id}
              </span>
              <span className="trigger__result">
                <span aria-hidden="true">{trigger.met ? '✔' : '✘'}</span>{' '}
                {trigger.met ? t('incident.met') : t('incident.notMet')}
              </span>
            </div>
            <p className="trigger__explanation">{trigger.explanation}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CountryList({ codes, format, empty }: { codes: string[]; format: Format; empty: string }) {
  if (codes.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="chips">
      {codes.map((code) => (
        <li key={code} className="chip">
          <abbr title={format.region(code)} className="chip__code">
            {code}
          </abbr>{' '}
          {format.region(code)}
        </li>
      ))}
    </ul>
  );
}

function Affected({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('incident.none');
  return (
    <section aria-labelledby="affected-heading" className="panel">
      <h2 id="affected-heading">{t('incident.affected')}</h2>
      <h3 className="h-small">
        {t('incident.significantlyAffected', { count: assessment.significantlyAffected.length })}
      </h3>
      <CountryList codes={assessment.significantlyAffected} format={format} empty={none} />
      <h3 className="h-small">
        {t('incident.minorlyAffected', { count: assessment.minorlyAffected.length })}
      </h3>
      <CountryList codes={assessment.minorlyAffected} format={format} empty={none} />
      <h3 className="h-small">{t('incident.unconfirmed', { count: assessment.unconfirmed.length })}</h3>
      <CountryList codes={assessment.unconfirmed} format={format} empty={none} />
      <h3 className="h-small">
        {t('incident.thirdCountries', { count: assessment.thirdCountriesAffected.length })}
      </h3>
      <CountryList codes={assessment.thirdCountriesAffected} format={format} empty={none} />
      <h3 className="h-small">{t('incident.cepes', { count: assessment.cepesAffected.length })}</h3>
      {assessment.cepesAffected.length === 0 ? (
        <p className="muted">{none}</p>
      ) : (
        <ul className="plain-list">
          {assessment.cepesAffected.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReportDetails({
  report,
  register,
}: {
  report: IncidentReportInput;
  /** The register entries the reader may see for the entities referenced; others show as the report gave them. */
  register: Incident['cepesRegister'];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useVocabulary();
  const impacts = report.impacts ?? [];
  const entities = report.entities ?? [];
  const sectors = report.sectors ?? [];
  // The register's verdict, when the reader may see the entry the entity references; else the report's own flag.
  const cepesCell = (entity: (typeof entities)[number]) => {
    const entry = register.find((e) => e.id === entity.cepesId);
    if (entry)
      return t('incident.entity.inRegister', { verdict: t(`report.entities.verdict.${entry.verdict}`) });
    return entity.cepes ? t('common.yes') : t('common.no');
  };
  return (
    <section aria-labelledby="report-heading" className="panel">
      <h2 id="report-heading">{t('incident.report')}</h2>
      <dl className="facts facts--compact">
        {report.domain ? (
          <div>
            <dt>{t('incident.domain')}</dt>
            <dd>{words.domain(report.domain)}</dd>
          </div>
        ) : null}
        {report.cause ? (
          <div>
            <dt>{t('incident.cause')}</dt>
            <dd>
              {words.cause(report.cause)}
              {report.suspectedDeliberate ? ` (${t('incident.suspectedDeliberate')})` : ''}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('incident.sectors')}</dt>
          <dd>
            {sectors.length === 0
              ? t('incident.none')
              : format.list(
                  sectors.map((s) =>
                    s.subsector
                      ? `${words.sector(s.sector)}: ${words.subsector(s.subsector)}`
                      : words.sector(s.sector),
                  ),
                )}
          </dd>
        </div>
      </dl>
      {impacts.length > 0 ? (
        <table className="table table--compact">
          <caption>{t('incident.impacts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('incident.impact.memberState')}</th>
              <th scope="col">{t('incident.impact.level')}</th>
              <th scope="col">{t('incident.impact.assessedBy')}</th>
              <th scope="col">{t('incident.impact.service')}</th>
              <th scope="col" className="numeric">
                {t('incident.impact.users')}
              </th>
              <th scope="col" className="numeric">
                {t('incident.impact.hours')}
              </th>
            </tr>
          </thead>
          <tbody>
            {impacts.map((impact, index) => {
              const assessedBy = impact.assessedBy ?? report.reportedBy ?? '';
              return (
                // Impacts have no id; their order in the report is stable.
                // biome-ignore lint/suspicious/noArrayIndexKey: impacts are a fixed list from one report
                <tr key={index}>
                  <th scope="row">{format.region(impact.memberState)}</th>
                  <td>
                    <span className={`level level--${impact.level}`}>{words.level(impact.level)}</span>
                  </td>
                  <td>
                    {assessedBy ? format.organisation(assessedBy) : ''}
                    {assessedBy === impact.memberState ? ` (${t('incident.impact.own')})` : ''}
                  </td>
                  <td>{impact.service ?? ''}</td>
                  <td className="numeric">
                    {impact.usersAffected === undefined ? '' : format.number(impact.usersAffected)}
                  </td>
                  <td className="numeric">
                    {impact.durationHours === undefined ? '' : format.number(impact.durationHours)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {entities.length > 0 ? (
        <table className="table table--compact">
          <caption>{t('incident.entities')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('incident.entity.name')}</th>
              <th scope="col">{t('incident.entity.sector')}</th>
              <th scope="col">{t('incident.entity.served')}</th>
              <th scope="col">{t('incident.entity.cepes')}</th>
              <th scope="col">{t('incident.entity.disrupted')}</th>
            </tr>
          </thead>
          <tbody>
            {entities.map((entity, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: entities are a fixed list from one report
              <tr key={index}>
                <th scope="row">{entity.name}</th>
                <td>{words.sector(entity.sector)}</td>
                <td>{format.list((entity.memberStatesServed ?? []).map(format.region))}</td>
                <td>{cepesCell(entity)}</td>
                <td>{entity.significantlyDisrupted ? t('common.yes') : t('common.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function Breadcrumb() {
  const { t } = useTranslation();
  return (
    <p className="breadcrumb">
      <Link to="/incidents">
        <span aria-hidden="true">← </span>
        {t('incident.back')}
      </Link>
    </p>
  );
}

/** Once the log has loaded, brings the entry named in the address (`#entry-…`, from search) into view. */
function useScrollToEntry(loaded: boolean) {
  const location = useLocation();
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!loaded || !location.hash.startsWith('#entry-') || done.current === location.hash) return;
    const element = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!element) return;
    done.current = location.hash;
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }, [loaded, location.hash]);
}

/** The log: a note composer for those who may write, the filters and the entries, newest first. */
function Log({
  incident,
  entries,
  shown,
  filter,
}: {
  incident: Incident;
  entries: ReturnType<typeof useEntries>;
  shown: Entry[];
  filter: TimelineFilter;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const [reachEntryId, setReachEntryId] = useState<string | null>(null);
  const [attachEntryId, setAttachEntryId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const all = entries.data ?? [];
  const reachEntry = reachEntryId ? all.find((entry) => entry.id === reachEntryId) : undefined;
  const attachEntry = attachEntryId ? all.find((entry) => entry.id === attachEntryId) : undefined;
  // A hybrid incident's log shows its two response tracks side by side.
  const twoTracks = runsOnTwoTracks(incident, all);
  const LogTimeline = twoTracks ? TrackedTimeline : Timeline;
  return (
    <section aria-labelledby="log-heading" className="log">
      <h2 id="log-heading" className="log__heading">
        {t('entries.heading')}
      </h2>
      {canWriteEntries(me) ? <Composer incident={incident} tracks={twoTracks} /> : null}
      <StatusMessage message={status} />
      {entries.data ? <TimelineFilters filter={filter} shown={shown.length} total={all.length} /> : null}
      {entries.isPending ? (
        <Loading />
      ) : entries.error ? (
        <QueryError error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <LogTimeline
          shown={shown}
          all={all}
          filter={filter}
          onChangeReach={(entry) => {
            setStatus(null);
            setReachEntryId(entry.id);
          }}
          onAttach={(entry) => {
            setStatus(null);
            setAttachEntryId(entry.id);
          }}
        />
      )}
      {reachEntry ? (
        <ReachDialog incident={incident} entry={reachEntry} onClose={() => setReachEntryId(null)} />
      ) : null}
      {attachEntry ? (
        <AttachDialog
          entry={attachEntry}
          onClose={() => setAttachEntryId(null)}
          onAttached={(message) => {
            setAttachEntryId(null);
            setStatus(message);
          }}
        />
      ) : null}
    </section>
  );
}

function IncidentView({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { assessment } = incident;
  const entries = useEntries(incident.id);
  const filter = useTimelineFilter();
  const shown = filter.apply(entries.data ?? []);
  // The page carries the most restrictive marking among what it shows: the report and the entries on screen.
  const pageMarking = mostRestrictive([
    ...(incident.report ? [incident.marking] : []),
    ...shown.map((entry) => entry.marking),
  ]);
  useScrollToEntry(entries.data !== undefined);
  return (
    <div className="incident-view">
      <ClassificationBanner marking={pageMarking} />
      <Breadcrumb />
      <Page title={incident.title} headingClassName="incident-title">
        {incident.exercise ? (
          <p className="exercise-banner">
            <span aria-hidden="true">◼ </span>
            {t('incident.exerciseBanner')}
          </p>
        ) : null}
        <div className="incident-status">
          <StatusBadge status={assessment.status} large />
          <TlpMarking marking={incident.marking} withHint />
        </div>
        <p className="no-print">
          <Link to={metricsPath(incident.id)}>{t('coordination.link')}</Link>
        </p>
        <dl className="facts">
          <div>
            <dt>{t('incident.reportedBy')}</dt>
            <dd>{format.organisation(incident.reportedBy)}</dd>
          </div>
          <div>
            <dt>{t('incident.occurredAt')}</dt>
            <dd>
              <DateTime value={incident.occurredAt} />
            </dd>
          </div>
          <div>
            <dt>{t('incident.createdAt')}</dt>
            <dd>
              <DateTime value={incident.createdAt} />
            </dd>
          </div>
          <div>
            <dt>{t('incident.lastActivityAt')}</dt>
            <dd>
              <DateTime value={incident.lastActivityAt} />
            </dd>
          </div>
          <div>
            <dt>{t('incident.releasableToNato')}</dt>
            <dd>{incident.releasableToNato ? t('common.yes') : t('common.no')}</dd>
          </div>
        </dl>
        <IncidentWorkflow incident={incident} />
        <CommonPicture incident={incident} />
        <div className="incident-grid">
          <Triggers assessment={assessment} />
          <Affected assessment={assessment} />
        </div>
        <IncidentFollowUp incident={incident} />
        <Log incident={incident} entries={entries} shown={shown} filter={filter} />
        <section aria-labelledby="reasons-heading" className="panel">
          <h2 id="reasons-heading">{t('incident.reasons')}</h2>
          {assessment.reasons.length === 0 ? (
            <p className="muted">{t('incident.noReasons')}</p>
          ) : (
            <ul className="plain-list reasons">
              {assessment.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
        </section>
        {incident.report ? (
          // The report as its author sent it: the server validated it against IncidentReport on the way in.
          <ReportDetails
            report={incident.report as unknown as IncidentReportInput}
            register={incident.cepesRegister}
          />
        ) : null}
        <DecisionsPanel incidentId={incident.id} tracks={runsOnTwoTracks(incident, entries.data ?? [])} />
        <MeetingsPanel incidentId={incident.id} />
        <IsaaPanel incidentId={incident.id} />
        <HandoverPanel incidentId={incident.id} />
        <RollCallPanel incidentId={incident.id} />
        <PublicCommunicationPanel incidentId={incident.id} />
        <AssistancePanel incidentId={incident.id} />
        <AfterActionPanel incident={incident} />
        <ExportPanel incident={incident} />
      </Page>
      <ClassificationBanner marking={pageMarking} />
    </div>
  );
}

export function IncidentDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const incident = useIncident(id);

  if (incident.data) return <IncidentView incident={incident.data} />;
  return (
    <>
      <Breadcrumb />
      <Page title={t('incident.title')}>
        {incident.isPending ? (
          <Loading />
        ) : isApiError(incident.error, 404) ? (
          <div className="empty">
            <p className="empty__title">{t('incident.notFound')}</p>
            <p>
              <Link to="/incidents">{t('incident.notFoundNext')}</Link>
            </p>
          </div>
        ) : (
          <QueryError error={incident.error} onRetry={() => void incident.refetch()} />
        )}
      </Page>
    </>
  );
}

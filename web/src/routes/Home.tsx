import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useContactPoints, useIncidents, useRegistry } from '../api/hooks.js';
import { ASSESSMENT_STATUSES, type IncidentSummary, type PresidencyTerm } from '../api/types.js';
import { Loading, QueryError } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { AvailabilityForm } from '../components/response/AvailabilityForm.js';
import { MyActions } from '../components/response/MyActions.js';
import { SinceYourLastShift } from '../components/response/SinceYourLastShift.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { canAdminister, canWriteEntries, isParticipant, useSession } from '../components/session.js';
import { useFormat } from '../i18n/useFormat.js';
import { OpenContactChecks } from './ContactChecks.js';

function Presidency() {
  const { t } = useTranslation();
  const format = useFormat();
  const registry = useRegistry();
  if (registry.isPending) return <Loading />;
  if (registry.error) return <QueryError error={registry.error} onRetry={() => void registry.refetch()} />;
  const { current, next } = registry.data.presidency;
  const describe = (term: PresidencyTerm) => {
    const half = /^(\d{4})-H([12])$/.exec(term.term);
    return {
      state: format.region(term.memberState),
      term: half ? t('home.term', { year: half[1], half: half[2] }) : term.term,
    };
  };
  return (
    <div className="presidency">
      <p className="presidency__current" data-testid="presidency">
        {current
          ? t('home.presidency', { ...describe(current), until: format.termBoundary(current.endsAt, 'end') })
          : t('home.noPresidency')}
      </p>
      {next ? (
        <p className="muted">
          {t('home.nextPresidency', { ...describe(next), from: format.termBoundary(next.startsAt, 'start') })}
        </p>
      ) : null}
    </div>
  );
}

function IncidentCounts({ incidents }: { incidents: IncidentSummary[] }) {
  const { t } = useTranslation();
  const exercises = incidents.filter((incident) => incident.exercise).length;
  return (
    <ul className="counts">
      <li className="count count--total">
        <Link to="/incidents">
          <span className="count__number">{incidents.length}</span>
          <span className="count__label">{t('home.openIncidents', { count: incidents.length })}</span>
        </Link>
      </li>
      {ASSESSMENT_STATUSES.map((status) => {
        const count = incidents.filter((incident) => incident.assessment.status === status).length;
        return (
          <li key={status} className="count">
            <Link to={`/incidents?status=${status}`}>
              <span className="count__number">{count}</span>
              <StatusBadge status={status} />
            </Link>
          </li>
        );
      })}
      {exercises > 0 ? (
        <li className="count">
          <div className="count__static">
            <span className="count__number">{exercises}</span>
            <span className="count__label">{t('home.exercises', { count: exercises })}</span>
          </div>
        </li>
      ) : null}
    </ul>
  );
}

/** What the signed-in person should do now, most urgent first. */
function NextSteps({ incidents }: { incidents: IncidentSummary[] | undefined }) {
  const { t } = useTranslation();
  const me = useSession();
  const contactPoints = useContactPoints();
  const own = contactPoints.data?.find((cp) => cp.organisation === me.organisation.id);
  const administers = canAdminister(me);
  const steps: { key: string; content: ReactNode }[] = [];

  const decisions = incidents?.filter((i) => i.assessment.status === 'decision-required').length ?? 0;
  // Others report the reader's state as significantly affected: only its own assessment counts.
  const state = canWriteEntries(me) && me.organisation.kind === 'member-state' ? me.organisation.id : null;
  const asked = state ? (incidents?.filter((i) => i.assessment.unconfirmed.includes(state)) ?? []) : [];
  if (asked.length > 0) {
    const first = asked[0];
    steps.push({
      key: 'confirm',
      content: (
        <>
          {t('home.next.confirm', { count: asked.length })}{' '}
          {asked.length === 1 && first ? (
            <Link to={`/incidents/${encodeURIComponent(first.id)}`}>{first.title}</Link>
          ) : (
            <Link to={`/incidents?state=${state}`}>{t('home.next.confirmLink')}</Link>
          )}
        </>
      ),
    });
  }
  const applies = incidents?.filter((i) => i.assessment.status === 'applies').length ?? 0;
  if (applies > 0) {
    steps.push({
      key: 'applies',
      content: (
        <>
          {t('home.next.applies', { count: applies })}{' '}
          <Link to="/incidents?status=applies">{t('home.next.appliesLink', { count: applies })}</Link>
        </>
      ),
    });
  }
  if (decisions > 0) {
    steps.push({
      key: 'decisions',
      content: (
        <>
          {t('home.next.decisions', { count: decisions })}{' '}
          <Link to="/incidents?status=decision-required">
            {t('home.next.decisionsLink', { count: decisions })}
          </Link>
        </>
      ),
    });
  }
  if (own && (!own.mailbox || !own.phone)) {
    steps.push({
      key: 'contact-point',
      content: (
        <>
          {t('home.next.contactPointIncomplete')}{' '}
          {administers ? (
            <Link to="/directory">{t('home.next.contactPointLink')}</Link>
          ) : (
            t('home.next.askAdministrator')
          )}
        </>
      ),
    });
  }
  if (own && own.onDuty.length === 0) {
    steps.push({
      key: 'on-duty',
      content: (
        <>
          {t('home.next.nobodyOnDuty')}{' '}
          {administers ? (
            <Link to="/admin/users">{t('home.next.onDutyLink')}</Link>
          ) : (
            t('home.next.askAdministrator')
          )}
        </>
      ),
    });
  }
  if (!me.secondFactorEnabled) {
    steps.push({
      key: 'second-factor',
      content: (
        <>
          {t('home.next.secondFactor')} <Link to="/account">{t('home.next.secondFactorLink')}</Link>
        </>
      ),
    });
  }

  return (
    <section aria-labelledby="next-heading" className="panel">
      <h2 id="next-heading">{t('home.next.heading')}</h2>
      {steps.length > 0 ? (
        <ol className="next-steps">
          {steps.map((step) => (
            <li key={step.key}>{step.content}</li>
          ))}
        </ol>
      ) : (
        <p>
          {t('home.next.nothing')} <Link to="/directory">{t('home.next.directoryLink')}</Link>
        </p>
      )}
    </section>
  );
}

export function Home() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const incidents = useIncidents();

  return (
    <Page
      title={t('nav.home')}
      heading={format.organisation(me.organisation.id, me.organisation.kind)}
      headingClassName="home-organisation"
    >
      <p className="home-greeting">
        {t('home.greeting', { name: me.displayName, role: t(`roles.${me.role}`) })}
      </p>
      <Presidency />
      <OpenContactChecks />
      <div className="home-grid">
        <section aria-labelledby="incidents-heading" className="panel">
          <h2 id="incidents-heading">{t('home.incidentsHeading')}</h2>
          {incidents.isPending ? (
            <Loading />
          ) : incidents.error ? (
            <QueryError error={incidents.error} onRetry={() => void incidents.refetch()} />
          ) : (
            <IncidentCounts incidents={incidents.data} />
          )}
          {canWriteEntries(me) ? (
            <p className="home-report">
              <Link to="/incidents/new" className="button button--primary">
                <span aria-hidden="true">+ </span>
                {t('incidents.report')}
              </Link>
            </p>
          ) : null}
        </section>
        <NextSteps incidents={incidents.data} />
        {isParticipant(me) ? <MyActions /> : null}
        <SinceYourLastShift />
        {me.organisation.kind === 'member-state' && canWriteEntries(me) ? (
          <AvailabilityForm memberState={me.organisation.id} />
        ) : null}
      </div>
    </Page>
  );
}

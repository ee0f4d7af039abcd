import '../components/sitreps/sitreps.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client.js';
import { useIncident } from '../api/hooks.js';
import { type Sitrep, useSitrep, useSitreps } from '../api/sitreps.js';
import type { Incident } from '../api/types.js';
import { DateTime } from '../components/DateTime.js';
import { Loading, QueryError } from '../components/Messages.js';
import { describeOrganisations } from '../components/OrganisationPicker.js';
import { Page } from '../components/Page.js';
import { useSession } from '../components/session.js';
import {
  canApprove,
  canCompile,
  canContribute,
  canEdit,
  sitrepNumber,
} from '../components/sitreps/permissions.js';
import {
  ApprovePanel,
  ContributionForm,
  ContributorsPanel,
  PublishedActions,
  SecondApproverNotice,
} from '../components/sitreps/SitrepActions.js';
import { Contributions, SitrepDocument } from '../components/sitreps/SitrepDocument.js';
import { SitrepEditor } from '../components/sitreps/SitrepEditor.js';
import { ClassificationBanner, TlpMarking } from '../components/Tlp.js';
import { useFormat } from '../i18n/useFormat.js';
import { SitrepBreadcrumb, sitrepPagePath } from './SitrepList.js';

function Facts({ sitrep, incident, all }: { sitrep: Sitrep; incident: Incident; all: readonly Sitrep[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const corrected = sitrep.corrects ? all.find((other) => other.id === sitrep.corrects) : undefined;
  return (
    <dl className="facts facts--compact sitrep-facts">
      <div>
        <dt>{t('sitreps.facts.incident')}</dt>
        <dd>
          <Link to={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.title}</Link>
        </dd>
      </div>
      <div>
        <dt>{t('sitreps.facts.marking')}</dt>
        <dd>
          <TlpMarking marking={sitrep.marking} />
        </dd>
      </div>
      <div className="sitrep-facts__wide">
        <dt>{t('sitreps.facts.audience')}</dt>
        <dd>
          {describeOrganisations(sitrep.audience, format, (count) => t('audience.more', { count }), 40)}
          {sitrep.releasableToNato ? ` · ${t('sitreps.releasedToNato')}` : ''}
        </dd>
      </div>
      <div>
        <dt>{t('sitreps.facts.compiledBy')}</dt>
        <dd>
          {sitrep.createdBy.name}, {format.organisation(sitrep.createdBy.organisation)}{' '}
          <span className="sitrep-facts__when">
            <DateTime value={sitrep.createdAt} />
          </span>
        </dd>
      </div>
      {sitrep.approvedBy && sitrep.publishedAt ? (
        <div>
          <dt>{t('sitreps.facts.approvedBy')}</dt>
          <dd>
            {sitrep.approvedBy.name}, {format.organisation(sitrep.approvedBy.organisation)}{' '}
            <span className="sitrep-facts__when">
              <DateTime value={sitrep.publishedAt} />
            </span>
          </dd>
        </div>
      ) : (
        <div>
          <dt>{t('sitreps.facts.lastChanged')}</dt>
          <dd>
            <DateTime value={sitrep.updatedAt} />
          </dd>
        </div>
      )}
      <div className="sitrep-facts__wide">
        <dt>{t('sitreps.facts.sources')}</dt>
        <dd>
          {t('sitreps.facts.sourcesText', { count: sitrep.sources.entries })}
          {(sitrep.sources.notVisibleToAll ?? 0) > 0
            ? ` ${t('sitreps.facts.leftOut', { count: sitrep.sources.notVisibleToAll ?? 0 })}`
            : ''}
        </dd>
      </div>
      {sitrep.corrects ? (
        <div>
          <dt>{t('sitreps.facts.corrects')}</dt>
          <dd>
            <Link to={sitrepPagePath(sitrep.incidentId, sitrep.corrects)}>
              {corrected ? (sitrepNumber(corrected) ?? corrected.title) : t('sitreps.facts.earlier')}
            </Link>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function SitrepScreen({ sitrep, incident }: { sitrep: Sitrep; incident: Incident }) {
  const { t } = useTranslation();
  const me = useSession();
  const all = useSitreps(incident.id).data ?? [];
  const published = all.filter((other) => other.state === 'published');
  const highest = published.reduce((max, other) => Math.max(max, other.number ?? 0), 0);
  const number = sitrepNumber(sitrep);
  const previous =
    sitrep.number === null
      ? undefined
      : published
          .filter((other) => (other.number ?? 0) < (sitrep.number ?? 0))
          .sort((a, b) => (b.number ?? 0) - (a.number ?? 0))[0];
  const draft = sitrep.state === 'draft';
  const editable = canEdit(sitrep);
  const heading = number ? `${number}: ${sitrep.title}` : sitrep.title;
  return (
    <div className="sitrep-view" data-testid="sitrep-view">
      <ClassificationBanner marking={sitrep.marking} />
      <SitrepBreadcrumb incidentId={incident.id} title={incident.title} />
      <p className="breadcrumb no-print">
        <Link to={`/incidents/${encodeURIComponent(incident.id)}/sitreps`}>{t('sitreps.allOfIncident')}</Link>
      </p>
      <Page
        title={heading}
        headingClassName="sitrep-title"
        heading={
          <>
            {number ? <span className="sitrep-title__number">{number}</span> : null}
            {draft ? (
              <span className="sitrep-title__draft">
                <span aria-hidden="true">✎ </span>
                {t('sitreps.draft')}
              </span>
            ) : null}
            <span className="sitrep-title__text">{sitrep.title}</span>
          </>
        }
      >
        {incident.exercise ? (
          <p className="exercise-banner">
            <span aria-hidden="true">◼ </span>
            {t('incident.exerciseBanner')}
          </p>
        ) : null}
        {draft ? (
          <p className="notice notice--warning sitrep-draft-note">
            <span aria-hidden="true" className="notice__icon">
              ✎
            </span>
            {t('sitreps.draftNote')}
          </p>
        ) : null}
        <Facts sitrep={sitrep} incident={incident} all={all} />
        {draft ? null : (
          <PublishedActions sitrep={sitrep} previous={previous} canCorrect={canCompile(me, incident)} />
        )}
        {editable ? <SitrepEditor key={sitrep.id} sitrep={sitrep} /> : null}
        {draft ? <ContributorsPanel sitrep={sitrep} canName={editable} /> : null}
        {canContribute(sitrep) ? (
          <ContributionForm sitrep={sitrep} organisation={me.organisation.id} />
        ) : null}
        {draft && editable ? null : (
          <section aria-label={t('sitreps.content')} className="sitrep-body">
            <SitrepDocument sitrep={sitrep} />
          </section>
        )}
        {draft && editable ? (
          <div className="sitrep-body">
            <Contributions sitrep={sitrep} />
          </div>
        ) : null}
        {canApprove(sitrep) ? <ApprovePanel sitrep={sitrep} nextNumber={highest + 1} /> : null}
        {sitrep.abilities.awaitsSecondApprover ? <SecondApproverNotice /> : null}
      </Page>
      <ClassificationBanner marking={sitrep.marking} />
    </div>
  );
}

/** One sitrep: the numbered, frozen report once published; the draft with its editor and contributors before. */
export function SitrepView() {
  const { t } = useTranslation();
  const { id = '', sitrepId = '' } = useParams();
  const incident = useIncident(id);
  const sitrep = useSitrep(id, sitrepId);
  if (incident.data && sitrep.data) return <SitrepScreen sitrep={sitrep.data} incident={incident.data} />;
  const error = sitrep.error ?? incident.error;
  return (
    <>
      <SitrepBreadcrumb incidentId={id} title={incident.data?.title} />
      <Page title={t('sitreps.one')}>
        {sitrep.isPending || incident.isPending ? (
          <Loading />
        ) : isApiError(error, 404) ? (
          <div className="empty" data-testid="sitrep-not-found">
            <p className="empty__title">{t('sitreps.notFound')}</p>
            <p>
              <Link to={`/incidents/${encodeURIComponent(id)}/sitreps`}>{t('sitreps.notFoundNext')}</Link>
            </p>
          </div>
        ) : (
          <QueryError
            error={error}
            onRetry={() => {
              void incident.refetch();
              void sitrep.refetch();
            }}
          />
        )}
      </Page>
    </>
  );
}

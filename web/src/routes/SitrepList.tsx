import '../components/sitreps/sitreps.css';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/client.js';
import { useIncident } from '../api/hooks.js';
import { type Sitrep, useSitreps } from '../api/sitreps.js';
import type { Incident } from '../api/types.js';
import { DateTime } from '../components/DateTime.js';
import { SelectField } from '../components/fields.js';
import { Loading, QueryError } from '../components/Messages.js';
import { describeOrganisations } from '../components/OrganisationPicker.js';
import { Page } from '../components/Page.js';
import { useSession } from '../components/session.js';
import { CompileForm } from '../components/sitreps/CompileForm.js';
import { canCompile, sitrepNumber } from '../components/sitreps/permissions.js';
import { TlpMarking } from '../components/Tlp.js';
import { useFormat } from '../i18n/useFormat.js';

export function incidentPath(incidentId: string): string {
  return `/incidents/${encodeURIComponent(incidentId)}`;
}

export function sitrepPagePath(incidentId: string, sitrepId: string): string {
  return `${incidentPath(incidentId)}/sitreps/${encodeURIComponent(sitrepId)}`;
}

/** Published ones by number (newest first), then drafts by when they were last changed. */
export function orderSitreps(sitreps: readonly Sitrep[]): Sitrep[] {
  return [...sitreps].sort(
    (a, b) =>
      Number(a.state === 'draft') - Number(b.state === 'draft') ||
      (b.number ?? 0) - (a.number ?? 0) ||
      b.updatedAt.localeCompare(a.updatedAt),
  );
}

/** "SITREP 2 — title" or "Draft — title", for lists and pickers. */
export function useSitrepLabel() {
  const { t } = useTranslation();
  return (sitrep: Sitrep) => `${sitrepNumber(sitrep) ?? t('sitreps.draft')} — ${sitrep.title}`;
}

export function SitrepBreadcrumb({ incidentId, title }: { incidentId: string; title: string | undefined }) {
  const { t } = useTranslation();
  return (
    <p className="breadcrumb no-print">
      <Link to={incidentPath(incidentId)}>
        <span aria-hidden="true">← </span>
        {title ? t('sitreps.backTo', { title }) : t('sitreps.backToIncident')}
      </Link>
    </p>
  );
}

function SitrepTable({ incidentId, sitreps }: { incidentId: string; sitreps: Sitrep[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useSitrepLabel();
  return (
    <table className="table sitrep-table" data-testid="sitrep-table">
      <caption className="visually-hidden">{t('sitreps.list.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('sitreps.list.sitrep')}</th>
          <th scope="col">{t('sitreps.list.marking')}</th>
          <th scope="col">{t('sitreps.list.audience')}</th>
          <th scope="col">{t('sitreps.list.state')}</th>
        </tr>
      </thead>
      <tbody>
        {sitreps.map((sitrep) => (
          <tr key={sitrep.id} className={sitrep.state === 'draft' ? 'sitrep-table__draft' : undefined}>
            <th scope="row">
              <Link to={sitrepPagePath(incidentId, sitrep.id)}>{label(sitrep)}</Link>
              {sitrep.corrects ? (
                <span className="sitrep-table__note">{t('sitreps.list.correction')}</span>
              ) : null}
            </th>
            <td>
              <TlpMarking marking={sitrep.marking} />
            </td>
            <td>
              {describeOrganisations(sitrep.audience, format, (count) => t('audience.more', { count }), 6)}
              {sitrep.releasableToNato ? ` · ${t('sitreps.releasedToNato')}` : ''}
            </td>
            <td>
              {sitrep.state === 'published' && sitrep.publishedAt ? (
                <>
                  <span className="sitrep-state sitrep-state--published">
                    <span aria-hidden="true">✔ </span>
                    {t('sitreps.published')}
                  </span>{' '}
                  <DateTime value={sitrep.publishedAt} />
                </>
              ) : (
                <>
                  <span className="sitrep-state sitrep-state--draft">
                    <span aria-hidden="true">✎ </span>
                    {t('sitreps.draft')}
                  </span>{' '}
                  {t('sitreps.list.changed')} <DateTime value={sitrep.updatedAt} />
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CompareForm({ incidentId, sitreps }: { incidentId: string; sitreps: Sitrep[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const label = useSitrepLabel();
  const [from, setFrom] = useState(sitreps[1]?.id ?? '');
  const [to, setTo] = useState(sitreps[0]?.id ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`${incidentPath(incidentId)}/sitreps/compare?${new URLSearchParams({ from, to }).toString()}`);
  };
  return (
    <form className="form form--inline sitrep-compare-form" onSubmit={submit}>
      <SelectField
        label={t('sitreps.compare.from')}
        value={from}
        onChange={(event) => setFrom(event.target.value)}
      >
        {sitreps.map((sitrep) => (
          <option key={sitrep.id} value={sitrep.id}>
            {label(sitrep)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('sitreps.compare.to')} value={to} onChange={(event) => setTo(event.target.value)}>
        {sitreps.map((sitrep) => (
          <option key={sitrep.id} value={sitrep.id}>
            {label(sitrep)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button--secondary" disabled={from === to}>
        {t('sitreps.compare.submit')}
      </button>
    </form>
  );
}

function SitrepsOf({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const sitreps = useSitreps(incident.id);
  const [compiling, setCompiling] = useState(false);
  const may = canCompile(me, incident);
  const list = orderSitreps(sitreps.data ?? []);
  return (
    <>
      <section aria-labelledby="sitreps-heading" className="panel">
        <h2 id="sitreps-heading">{t('sitreps.list.heading')}</h2>
        {sitreps.isPending ? (
          <Loading />
        ) : sitreps.error ? (
          <QueryError error={sitreps.error} onRetry={() => void sitreps.refetch()} />
        ) : list.length === 0 ? (
          <div className="empty">
            <p className="empty__title">{t('sitreps.list.emptyTitle')}</p>
            <p>{may ? t('sitreps.list.emptyNext') : t('sitreps.list.emptyNextReader')}</p>
          </div>
        ) : (
          <SitrepTable incidentId={incident.id} sitreps={list} />
        )}
      </section>
      {list.length >= 2 ? (
        <section aria-labelledby="compare-heading" className="panel">
          <h2 id="compare-heading">{t('sitreps.compare.heading')}</h2>
          <p className="field__hint">{t('sitreps.compare.intro')}</p>
          <CompareForm incidentId={incident.id} sitreps={list} />
        </section>
      ) : null}
      <section aria-labelledby="compile-heading" className="panel">
        <div className="composer__head">
          <h2 id="compile-heading">{t('sitreps.compile.heading')}</h2>
          {may ? (
            <button
              type="button"
              className="button button--primary"
              aria-expanded={compiling}
              aria-controls="compile-body"
              onClick={() => setCompiling(!compiling)}
            >
              {compiling ? t('common.cancel') : t('sitreps.compile.open')}
            </button>
          ) : null}
        </div>
        {may ? (
          <div id="compile-body">{compiling ? <CompileForm incident={incident} /> : null}</div>
        ) : (
          <p className="muted">
            {t('sitreps.compile.notAllowed', {
              presidency: incident.presidency
                ? format.region(incident.presidency)
                : t('sitreps.noPresidency'),
            })}
          </p>
        )}
      </section>
    </>
  );
}

/** An incident's sitreps: published ones by number, drafts being worked on, compiling a new one, comparing two. */
export function SitrepList() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const incident = useIncident(id);
  return (
    <>
      <SitrepBreadcrumb incidentId={id} title={incident.data?.title} />
      <Page
        title={
          incident.data
            ? t('sitreps.list.title', { title: incident.data.title })
            : t('sitreps.list.titleShort')
        }
      >
        {incident.data ? (
          <SitrepsOf incident={incident.data} />
        ) : incident.isPending ? (
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

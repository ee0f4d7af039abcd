import '../components/sitreps/sitreps.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useIncident } from '../api/hooks.js';
import { type SitrepDiff, useSitrepDiff, useSitreps } from '../api/sitreps.js';
import { SelectField } from '../components/fields.js';
import { Loading, QueryError } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { useSectionTitle } from '../components/sitreps/SitrepDocument.js';
import { ClassificationBanner, mostRestrictive } from '../components/Tlp.js';
import { orderSitreps, SitrepBreadcrumb, useSitrepLabel } from './SitrepList.js';

const MARKERS = { added: '+', removed: '−', same: ' ' } as const;

/** Each section's lines, with added lines marked + and removed ones −, in words for screen readers too. */
function DiffView({ diff }: { diff: SitrepDiff }) {
  const { t } = useTranslation();
  const sectionTitle = useSectionTitle();
  const changed = diff.sections.filter((section) => section.changes.some((change) => change.kind !== 'same'));
  if (changed.length === 0) {
    return (
      <div className="empty">
        <p className="empty__title">{t('sitreps.compare.noDifference')}</p>
      </div>
    );
  }
  return (
    <div className="sitrep-diff" data-testid="sitrep-diff">
      {diff.sections.map((section) => {
        const added = section.changes.filter((change) => change.kind === 'added').length;
        const removed = section.changes.filter((change) => change.kind === 'removed').length;
        return (
          <section key={section.key} className="sitrep-diff__section" aria-labelledby={`diff-${section.key}`}>
            <h2 id={`diff-${section.key}`}>
              {sectionTitle(section)}{' '}
              <span className="sitrep-diff__counts">
                {added === 0 && removed === 0
                  ? t('sitreps.compare.unchanged')
                  : t('sitreps.compare.counts', { added, removed })}
              </span>
            </h2>
            {added === 0 && removed === 0 ? null : (
              <ol className="sitrep-diff__lines">
                {section.changes.map((change, index) => {
                  const Tag = change.kind === 'added' ? 'ins' : change.kind === 'removed' ? 'del' : 'span';
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one computed difference, in order
                    <li key={index} className={`sitrep-diff__line sitrep-diff__line--${change.kind}`}>
                      <span className="sitrep-diff__marker" aria-hidden="true">
                        {MARKERS[change.kind]}
                      </span>
                      {change.kind === 'same' ? null : (
                        <span className="visually-hidden">{t(`sitreps.compare.${change.kind}`)}: </span>
                      )}
                      <Tag className="sitrep-diff__text">{change.text === '' ? '\u00a0' : change.text}</Tag>
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** Two sitreps side by side in one column: what the later one added and removed, section by section. */
export function SitrepCompare() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const incident = useIncident(id);
  const sitreps = useSitreps(id);
  const label = useSitrepLabel();
  const from = params.get('from');
  const to = params.get('to');
  const diff = useSitrepDiff(id, from, to);
  const list = orderSitreps(sitreps.data ?? []);
  const chosen = list.filter((sitrep) => sitrep.id === from || sitrep.id === to);
  const marking = mostRestrictive(chosen.map((sitrep) => sitrep.marking));
  const set = (name: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    setParams(next, { replace: true });
  };
  const fromSitrep = list.find((sitrep) => sitrep.id === from);
  const toSitrep = list.find((sitrep) => sitrep.id === to);
  return (
    <div className="sitrep-view">
      <ClassificationBanner marking={marking} />
      <SitrepBreadcrumb incidentId={id} title={incident.data?.title} />
      <Page title={t('sitreps.compare.title')}>
        <p className="no-print">
          <Link to={`/incidents/${encodeURIComponent(id)}/sitreps`}>{t('sitreps.allOfIncident')}</Link>
        </p>
        {sitreps.isPending ? (
          <Loading />
        ) : sitreps.error ? (
          <QueryError error={sitreps.error} onRetry={() => void sitreps.refetch()} />
        ) : (
          <>
            <div className="toolbar sitrep-compare-form no-print">
              <SelectField
                label={t('sitreps.compare.from')}
                value={from ?? ''}
                onChange={(e) => set('from', e.target.value)}
              >
                <option value="">{t('sitreps.compare.choose')}</option>
                {list.map((sitrep) => (
                  <option key={sitrep.id} value={sitrep.id}>
                    {label(sitrep)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('sitreps.compare.to')}
                value={to ?? ''}
                onChange={(e) => set('to', e.target.value)}
              >
                <option value="">{t('sitreps.compare.choose')}</option>
                {list.map((sitrep) => (
                  <option key={sitrep.id} value={sitrep.id}>
                    {label(sitrep)}
                  </option>
                ))}
              </SelectField>
            </div>
            {fromSitrep && toSitrep ? (
              <p className="sitrep-diff__legend">
                <span className="sitrep-diff__key sitrep-diff__key--removed">
                  <span aria-hidden="true">− </span>
                  {t('sitreps.compare.onlyIn', { sitrep: label(fromSitrep) })}
                </span>{' '}
                <span className="sitrep-diff__key sitrep-diff__key--added">
                  <span aria-hidden="true">+ </span>
                  {t('sitreps.compare.onlyIn', { sitrep: label(toSitrep) })}
                </span>
              </p>
            ) : null}
            {!from || !to ? (
              <p className="muted">{t('sitreps.compare.pick')}</p>
            ) : from === to ? (
              <p className="muted">{t('sitreps.compare.same')}</p>
            ) : diff.isPending ? (
              <Loading />
            ) : diff.error ? (
              <QueryError error={diff.error} onRetry={() => void diff.refetch()} />
            ) : (
              <DiffView diff={diff.data} />
            )}
          </>
        )}
      </Page>
      <ClassificationBanner marking={marking} />
    </div>
  );
}

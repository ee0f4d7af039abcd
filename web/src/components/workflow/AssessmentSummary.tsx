import { useTranslation } from 'react-i18next';
import type { Incident } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { useVocabulary } from '../../i18n/vocabulary.js';
import { AskedAvailability } from '../response/AskedAvailability.js';
import { useStateList } from './common.js';

/** Six member states by their own assessment (T1); two for a decision on coordination (T3). */
const T1_STATES = 6;
const T3_STATES = 2;

/**
 * The status in plain language, right under the badge: why it is what it is, and what would change it. The
 * triggers, counts and the server's reasons follow in the panels below.
 */
export function AssessmentSummary({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useVocabulary();
  const list = useStateList();
  const { assessment } = incident;
  const significant = assessment.significantlyAffected.length;
  const met = assessment.triggers.filter((trigger) => trigger.met).map((trigger) => trigger.id);
  const presidency = incident.presidency
    ? format.organisation(incident.presidency)
    : t('workflow.noPresidency');
  const latest = incident.consultations.at(-1);
  const domain = typeof incident.report?.domain === 'string' ? incident.report.domain : null;

  let headline: string;
  switch (assessment.status) {
    case 'applies':
      headline = `${t('workflow.summary.applies', { triggers: format.list(met) })} ${t(
        `workflow.summary.then.${incident.activation.state}`,
      )}`;
      break;
    case 'decision-required':
      headline = t('workflow.summary.decisionRequired', {
        count: significant,
        states: list(assessment.significantlyAffected),
        presidency,
      });
      break;
    case 'out-of-scope':
      headline = domain
        ? t('workflow.summary.outOfScopeDomain', { domain: words.domain(domain) })
        : t('workflow.summary.outOfScope');
      break;
    default:
      headline = t('workflow.summary.belowThreshold', { count: significant });
  }

  const missing: string[] = [];
  // A merged duplicate continues elsewhere: what would change its own status no longer matters.
  if (assessment.status !== 'applies' && incident.mergedInto === null) {
    if (significant < T1_STATES)
      missing.push(t('workflow.missing.t1', { count: T1_STATES - significant, have: significant }));
    if (significant < T3_STATES)
      missing.push(t('workflow.missing.t3States', { count: T3_STATES - significant }));
    else if (!latest?.open)
      missing.push(
        // Only a silence procedure decides now; a majority count under the earlier rule is history.
        latest?.procedure === 'silence' && latest.conclusion && !latest.conclusion.agreed
          ? t('workflow.missing.t3Declined', { presidency })
          : t('workflow.missing.t3Consultation', { presidency }),
      );
    else missing.push(t('workflow.missing.t3Open'));
    if (assessment.cepesAffected.length === 0) missing.push(t('workflow.missing.t2'));
  }
  if (assessment.unconfirmed.length > 0 && incident.mergedInto === null)
    missing.push(
      t('workflow.missing.unconfirmed', {
        count: assessment.unconfirmed.length,
        states: list(assessment.unconfirmed),
      }),
    );

  return (
    <section
      aria-labelledby="assessment-summary-heading"
      className={`assessment-summary assessment-summary--${assessment.status}`}
    >
      <h2 id="assessment-summary-heading" className="visually-hidden">
        {t('workflow.summary.heading')}
      </h2>
      <p className="assessment-summary__headline" data-testid="status-explanation">
        {headline}
      </p>
      <dl className="assessment-summary__counts">
        <div>
          <dt>{t('workflow.summary.significant')}</dt>
          <dd>
            <span className="assessment-summary__number">{significant}</span>{' '}
            {list(assessment.significantlyAffected)}
          </dd>
        </div>
        <div>
          <dt>{t('workflow.summary.minor')}</dt>
          <dd>
            <span className="assessment-summary__number">{assessment.minorlyAffected.length}</span>{' '}
            {list(assessment.minorlyAffected)}
          </dd>
        </div>
        <div>
          <dt>{t('workflow.summary.unconfirmed')}</dt>
          <dd>
            <span className="assessment-summary__number">{assessment.unconfirmed.length}</span>{' '}
            {list(assessment.unconfirmed)}
          </dd>
        </div>
        <div>
          <dt>{t('workflow.summary.assessedThemselves')}</dt>
          <dd>
            <span className="assessment-summary__number">{assessment.ownAssessments.length}</span>{' '}
            {list(assessment.ownAssessments)}
          </dd>
        </div>
        <div>
          <dt>{t('workflow.summary.cepes')}</dt>
          <dd>
            <span className="assessment-summary__number">{assessment.cepesAffected.length}</span>{' '}
            {assessment.cepesAffected.length === 0
              ? t('incident.none')
              : format.list(assessment.cepesAffected)}
          </dd>
        </div>
        {assessment.unconfirmedCepes.length > 0 ? (
          <div>
            <dt>{t('workflow.summary.unconfirmedCepes')}</dt>
            <dd>
              <span className="assessment-summary__number">{assessment.unconfirmedCepes.length}</span>{' '}
              {format.list(assessment.unconfirmedCepes)}
            </dd>
          </div>
        ) : null}
      </dl>
      {missing.length > 0 ? (
        <div className="assessment-summary__missing">
          <h3 className="h-small">
            {assessment.status === 'applies'
              ? t('workflow.missing.stillOpen')
              : t('workflow.missing.heading')}
          </h3>
          <ul>
            {missing.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {incident.mergedInto === null ? (
            <AskedAvailability states={assessment.unconfirmed} testId="unconfirmed-availability" />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

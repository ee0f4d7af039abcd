import { useTranslation } from 'react-i18next';
import { Page } from '../components/Page.js';
import { SecondFactorEnrolment } from '../components/SecondFactorEnrolment.js';

/** The only screen for an administrator who has no second factor yet. */
export function EnrolmentRequired() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <Page title={t('enrolment.title')}>
        <div className="notice notice--warning">
          <p>
            <span aria-hidden="true" className="notice__icon">
              ⚠
            </span>
            {t('enrolment.why')}
          </p>
        </div>
        <p>{t('enrolment.then')}</p>
        <SecondFactorEnrolment subheading="h2" />
      </Page>
    </div>
  );
}

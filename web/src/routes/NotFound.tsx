import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Page } from '../components/Page.js';

export function NotFound() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.text', { path: location.pathname })}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}

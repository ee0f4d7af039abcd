import { useTranslation } from 'react-i18next';
import { usePublicPage, useSwitchPublicPage } from '../../api/public-comms.js';
import { ErrorMessage, useErrorText } from '../Messages.js';

/**
 * The incident's public page: its address when on, and the switch for those the server says may use it (the
 * reporting organisation and ERCC). The page shows approved TLP:CLEAR lines past their embargo, and nothing else.
 */
export function PublicPageSwitch({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const setting = usePublicPage(incidentId);
  const toggle = useSwitchPublicPage(incidentId);
  if (!setting.data) return null;
  const { enabled, path, abilities } = setting.data;
  return (
    <section aria-labelledby="public-page-heading">
      <h3 id="public-page-heading">{t('commsPublic.page.title')}</h3>
      <p>{t('commsPublic.page.what')}</p>
      {enabled && path ? (
        <p>
          {t('commsPublic.page.on')}{' '}
          <a href={path} target="_blank" rel="noopener noreferrer">
            {new URL(path, window.location.origin).toString()}
          </a>
        </p>
      ) : (
        <p>{t('commsPublic.page.off')}</p>
      )}
      {abilities.switch ? (
        <button
          type="button"
          className="button"
          disabled={toggle.isPending}
          onClick={() => toggle.mutate(!enabled)}
        >
          {t(enabled ? 'commsPublic.page.switchOff' : 'commsPublic.page.switchOn')}
        </button>
      ) : null}
      <ErrorMessage message={toggle.error ? errorText(toggle.error) : null} />
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePlatformSettings, usePlatformSettings } from '../api/settings.js';
import { CheckboxField } from './fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from './Messages.js';

/** The platform settings, for platform administrators: each change takes effect at once and is audited. */
export function PlatformSettingsPanel() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const settings = usePlatformSettings();
  const change = useChangePlatformSettings();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="platform-settings-heading" className="panel">
      <h2 id="platform-settings-heading">{t('platformSettings.heading')}</h2>
      <StatusMessage message={status} />
      <ErrorMessage message={error} />
      {settings.isPending ? (
        <Loading />
      ) : settings.error ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <CheckboxField
          label={t('platformSettings.sitrepFourEyes')}
          hint={t('platformSettings.sitrepFourEyesHint')}
          checked={settings.data.sitrepFourEyes}
          disabled={change.isPending}
          data-testid="setting-sitrep-four-eyes"
          onChange={(event) => {
            const on = event.target.checked;
            setError(null);
            change.mutate(
              { sitrepFourEyes: on },
              {
                onSuccess: () =>
                  setStatus(t(on ? 'platformSettings.fourEyesOn' : 'platformSettings.fourEyesOff')),
                onError: (failure) => setError(errorText(failure)),
              },
            );
          }}
        />
      )}
    </section>
  );
}

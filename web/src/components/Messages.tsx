import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';

/** A polite live region that is always present, so that screen readers announce each new message. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" className="live-region">
      {message ? (
        <p className="notice notice--success">
          <span aria-hidden="true" className="notice__icon">
            ✔
          </span>
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** An assertive live region for errors, always present for the same reason. */
export function ErrorMessage({ message }: { message: string | null }) {
  return (
    <div role="alert" className="live-region">
      {message ? (
        <p className="notice notice--error">
          <span aria-hidden="true" className="notice__icon">
            ⚠
          </span>
          {message}
        </p>
      ) : null}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {label ?? t('common.loading')}
    </p>
  );
}

/** Turns any failure into a sentence for the reader, translated where the status says enough. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('errors.unexpected');
    if (error.status === 0) return t('errors.network');
    if (error.status === 401) return t('errors.unauthenticated');
    if (error.status === 403) return t('errors.forbidden');
    if (error.status === 404) return t('errors.notFound');
    if (error.status === 429) return t('errors.tooMany');
    if (error.status >= 500) return t('errors.server');
    return t('errors.rejected', { message: error.message });
  };
}

/** A failed load, with the reason and a way to try again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <div role="alert" className="notice notice--error">
      <p>
        <span aria-hidden="true" className="notice__icon">
          ⚠
        </span>
        {text(error)}
      </p>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

import { type FormEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { isApiError } from '../api/client.js';
import { useCompletePasswordReset } from '../api/recovery.js';
import { TextField } from '../components/fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { SignedOutFrame } from './SignedOutFrame.js';

/** The token from the e-mail's link, which carries it in the fragment (never sent to the server in the URL). */
function tokenOf(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** The page a reset link opens: choose a new password, once. */
export function ResetPassword() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const location = useLocation();
  const token = useMemo(() => tokenOf(location.hash), [location.hash]);
  const complete = useCompletePasswordReset();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [linkDead, setLinkDead] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (password === '') found.password = t('login.passwordRequired');
    else if (password !== repeat) found.repeat = t('recovery.mismatch');
    setErrors(found);
    if (found.password) return passwordRef.current?.focus();
    if (found.repeat) return repeatRef.current?.focus();
    complete.mutate(
      { token, newPassword: password },
      {
        onError: (error) => {
          if (isApiError(error, 400) && error.field === 'newPassword') {
            setErrors({ password: error.fieldMessage });
            passwordRef.current?.focus();
          } else if (isApiError(error, 400) && error.field === 'token') setLinkDead(true);
        },
      },
    );
  };

  let body: ReactNode;
  if (complete.isSuccess) {
    body = (
      <>
        <StatusMessage message={t('recovery.resetDone')} />
        <p>
          <Link to="/login" className="button button--primary">
            {t('login.submit')}
          </Link>
        </p>
      </>
    );
  } else if (token === '' || linkDead) {
    body = (
      <>
        <ErrorMessage message={token === '' ? t('recovery.linkMissing') : t('recovery.linkInvalid')} />
        <p>
          <Link to="/forgot-password">{t('recovery.askAgain')}</Link>
        </p>
      </>
    );
  } else {
    const otherError =
      complete.error && !(isApiError(complete.error, 400) && complete.error.field)
        ? errorText(complete.error)
        : null;
    body = (
      <>
        <p className="lead">{t('recovery.resetIntro')}</p>
        <ErrorMessage message={otherError} />
        <form className="form" onSubmit={submit} noValidate>
          <TextField
            ref={passwordRef}
            label={t('recovery.newPassword')}
            error={errors.password}
            type="password"
            name="new-password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <TextField
            ref={repeatRef}
            label={t('recovery.repeatPassword')}
            error={errors.repeat}
            type="password"
            name="repeat-password"
            autoComplete="new-password"
            value={repeat}
            onChange={(event) => setRepeat(event.target.value)}
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={complete.isPending}>
              {complete.isPending ? t('common.working') : t('recovery.resetSubmit')}
            </button>
          </div>
        </form>
      </>
    );
  }

  return (
    <SignedOutFrame>
      <Page title={t('recovery.resetTitle')}>{body}</Page>
    </SignedOutFrame>
  );
}

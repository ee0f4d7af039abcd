import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../api/client.js';
import { useLogin, useMe } from '../api/hooks.js';
import { Brand, Footer, SkipLink } from '../components/AppShell.js';
import { TextField } from '../components/fields.js';
import { LanguageSwitcher } from '../components/LanguageSwitcher.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../components/Messages.js';
import { Page } from '../components/Page.js';

/** Where to go after signing in: the page that sent the reader here, if it is one of ours. */
function destination(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' &&
    from.startsWith('/') &&
    !from.startsWith('//') &&
    !from.startsWith('/login')
    ? from
    : '/';
}

export function Login() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  // A lost authenticator: one of the recovery codes stands in for the six digits.
  const [byRecoveryCode, setByRecoveryCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string; code?: string }>({});
  const [status, setStatus] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const target = destination(location.state);

  useEffect(() => {
    if (needsCode) codeRef.current?.focus();
  }, [needsCode]);

  if (me) return <Navigate to={target} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStatus(null);
    const errors: typeof fieldErrors = {};
    if (email.trim() === '') errors.email = t('login.emailRequired');
    if (password === '') errors.password = t('login.passwordRequired');
    const totp = code.replace(/\s/g, '');
    const recoveryCode = code.replace(/[\s-]/g, '');
    if (needsCode && !byRecoveryCode && !/^\d{6}$/.test(totp)) errors.code = t('login.codeFormat');
    if (needsCode && byRecoveryCode && !/^[A-Za-z0-9]{10}$/.test(recoveryCode))
      errors.code = t('recovery.recoveryCodeFormat');
    setFieldErrors(errors);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    if (errors.code) return codeRef.current?.focus();

    const second = byRecoveryCode ? { recoveryCode } : { totp };
    login.mutate(
      needsCode ? { email: email.trim(), password, ...second } : { email: email.trim(), password },
      {
        onSuccess: () => navigate(target, { replace: true }),
        onError: (failure) => {
          if (isApiError(failure, 401) && failure.code === 'second-factor-required') {
            if (needsCode) {
              setFieldErrors({ code: t(byRecoveryCode ? 'recovery.recoveryCodeWrong' : 'login.codeWrong') });
              setCode('');
              codeRef.current?.focus();
            } else {
              setNeedsCode(true);
              setStatus(t('login.codeNeeded'));
            }
            return;
          }
          if (isApiError(failure, 401) && failure.code === 'locked') setError(t('login.locked'));
          else if (isApiError(failure, 401)) setError(t('login.invalidCredentials'));
          else if (isApiError(failure, 429)) setError(t('login.tooMany'));
          else setError(errorText(failure));
          if (needsCode) setCode('');
          passwordRef.current?.focus();
        },
      },
    );
  };

  const switchSecondFactor = () => {
    setByRecoveryCode(!byRecoveryCode);
    setCode('');
    setFieldErrors({});
    codeRef.current?.focus();
  };

  const startAgain = () => {
    setNeedsCode(false);
    setByRecoveryCode(false);
    setCode('');
    setPassword('');
    setFieldErrors({});
    setError(null);
    setStatus(null);
    emailRef.current?.focus();
  };

  return (
    <>
      <SkipLink />
      <header className="masthead">
        <div className="masthead__bar">
          <Brand link={false} />
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="page page--login">
        <div className="login-card">
          <Page title={t('login.title')}>
            <p className="lead">{t('login.intro')}</p>
            {/* Sent here from a page because the session ended: say so first, before the form. */}
            {typeof (location.state as { from?: unknown } | null)?.from === 'string' && !error && !status ? (
              <p className="notice notice--warning" role="alert">
                {t('live.sessionEndedSignIn')}
              </p>
            ) : null}
            <ErrorMessage message={error} />
            <StatusMessage message={status} />
            <form className="form" onSubmit={submit} noValidate>
              <TextField
                ref={emailRef}
                label={t('login.email')}
                error={fieldErrors.email}
                type="email"
                name="email"
                autoComplete="username"
                spellCheck={false}
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                readOnly={needsCode}
              />
              <TextField
                ref={passwordRef}
                label={t('login.password')}
                error={fieldErrors.password}
                type="password"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                readOnly={needsCode}
              />
              {needsCode && !byRecoveryCode ? (
                <TextField
                  ref={codeRef}
                  label={t('login.code')}
                  hint={t('login.codeHint')}
                  error={fieldErrors.code}
                  name="totp"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]{6}"
                  maxLength={7}
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                  className="input--code"
                />
              ) : null}
              {needsCode && byRecoveryCode ? (
                <TextField
                  ref={codeRef}
                  label={t('recovery.recoveryCode')}
                  hint={t('recovery.recoveryCodeHint')}
                  error={fieldErrors.code}
                  name="recoveryCode"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={40}
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                  className="input--code"
                />
              ) : null}
              {needsCode ? (
                <p>
                  <button type="button" className="button button--link" onClick={switchSecondFactor}>
                    {byRecoveryCode ? t('recovery.useAuthenticator') : t('recovery.useRecoveryCode')}
                  </button>
                </p>
              ) : null}
              <div className="form__actions">
                <button type="submit" className="button button--primary" disabled={login.isPending}>
                  {login.isPending ? t('login.signingIn') : t('login.submit')}
                </button>
                {needsCode ? (
                  <button type="button" className="button button--secondary" onClick={startAgain}>
                    {t('login.startAgain')}
                  </button>
                ) : null}
              </div>
            </form>
            <p>
              <Link to="/forgot-password" state={{ email: email.trim() }}>
                {t('recovery.forgotLink')}
              </Link>
            </p>
            <p className="muted">{t('login.help')}</p>
          </Page>
        </div>
      </main>
      <Footer />
    </>
  );
}

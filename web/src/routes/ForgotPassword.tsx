import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useRequestPasswordReset } from '../api/recovery.js';
import { TextField } from '../components/fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { SignedOutFrame } from './SignedOutFrame.js';

/** "Forgotten password": asks for a reset link; the page says the same whether or not the address has an account. */
export function ForgotPassword() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const location = useLocation();
  const request = useRequestPasswordReset();
  const given = (location.state as { email?: unknown } | null)?.email;
  const [email, setEmail] = useState(typeof given === 'string' ? given : '');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim() === '') {
      setFieldError(t('login.emailRequired'));
      emailRef.current?.focus();
      return;
    }
    setFieldError(null);
    setSent(false);
    request.mutate(
      { email: email.trim(), language: i18n.language.startsWith('nl') ? 'nl' : 'en' },
      { onSuccess: () => setSent(true) },
    );
  };

  return (
    <SignedOutFrame>
      <Page title={t('recovery.forgotTitle')}>
        <p className="lead">{t('recovery.forgotIntro')}</p>
        <ErrorMessage message={request.error ? errorText(request.error) : null} />
        <StatusMessage message={sent ? t('recovery.forgotSent') : null} />
        <form className="form" onSubmit={submit} noValidate>
          <TextField
            ref={emailRef}
            label={t('login.email')}
            error={fieldError}
            type="email"
            name="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={request.isPending}>
              {request.isPending ? t('recovery.sending') : t('recovery.forgotSubmit')}
            </button>
          </div>
        </form>
        <p>
          <Link to="/login">{t('recovery.backToSignIn')}</Link>
        </p>
      </Page>
    </SignedOutFrame>
  );
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { useConfirmSecondFactor, useSecondFactorSetup } from '../api/hooks.js';
import { useAcceptEnrolment } from '../api/recovery.js';
import { TextField } from './fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from './Messages.js';
import { RecoveryCodes } from './RecoveryCodes.js';

/** The SVG from the server shown as an image, never inserted into the page as markup. */
function qrImageSource(svg: string): string {
  const withNamespace = svg.includes('xmlns=')
    ? svg
    : svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(withNamespace)}`;
}

/** "JBSW Y3DP EHPK 3PXP": groups of four are easier to type from a projector. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Set up an authenticator app: ask for a secret, show it as QR code and text, confirm with a code. */
export function SecondFactorEnrolment({ subheading: Heading = 'h3' }: { subheading?: 'h2' | 'h3' }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const setup = useSecondFactorSetup();
  const confirm = useConfirmSecondFactor();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const accept = useAcceptEnrolment();

  useEffect(() => {
    if (setup.data) codeRef.current?.focus();
  }, [setup.data]);

  const start = () => {
    setStatus(null);
    setCode('');
    setCodeError(null);
    setup.mutate(undefined, { onSuccess: () => setStatus(t('secondFactor.ready')) });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    const trimmed = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(trimmed)) {
      setCodeError(t('secondFactor.codeFormat'));
      codeRef.current?.focus();
      return;
    }
    setCodeError(null);
    confirm.mutate(trimmed, {
      onSuccess: () => setStatus(t('secondFactor.enabled')),
      onError: (error) => {
        setCodeError(
          isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 429
            ? t('secondFactor.codeWrong')
            : errorText(error),
        );
        setCode('');
        codeRef.current?.focus();
      },
    });
  };

  if (confirm.data) {
    const { recoveryCodes, ...me } = confirm.data;
    return (
      <div className="enrolment">
        <StatusMessage message={status} />
        <RecoveryCodes codes={recoveryCodes} heading={Heading} onStored={() => accept(me)} />
      </div>
    );
  }

  return (
    <div className="enrolment">
      <StatusMessage message={status} />
      <ErrorMessage message={setup.error ? errorText(setup.error) : null} />
      {setup.data ? (
        <>
          <ol className="steps">
            <li>{t('secondFactor.stepInstall')}</li>
            <li>{t('secondFactor.stepScan')}</li>
            <li>{t('secondFactor.stepCode')}</li>
          </ol>
          <div className="enrolment__secret">
            <img
              className="qr"
              src={qrImageSource(setup.data.qrSvg)}
              alt={t('secondFactor.qrAlt')}
              width={200}
              height={200}
            />
            <div>
              <Heading className="h-small">{t('secondFactor.keyHeading')}</Heading>
              <p>
                <code className="secret">{groupSecret(setup.data.secret)}</code>
              </p>
              <p className="muted">{t('secondFactor.keyHint')}</p>
            </div>
          </div>
          <form className="form form--narrow" onSubmit={submit} noValidate>
            <TextField
              ref={codeRef}
              label={t('secondFactor.codeLabel')}
              hint={t('secondFactor.codeHint')}
              error={codeError}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={7}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              className="input--code"
            />
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={confirm.isPending}>
                {confirm.isPending ? t('common.working') : t('secondFactor.confirm')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={start}
                disabled={setup.isPending}
              >
                {t('secondFactor.newSecret')}
              </button>
            </div>
          </form>
        </>
      ) : (
        <button type="button" className="button button--primary" onClick={start} disabled={setup.isPending}>
          {setup.isPending ? t('common.working') : t('secondFactor.start')}
        </button>
      )}
    </div>
  );
}

import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client.js';
import { useChangePassword, useCreateToken, useRevokeToken, useTokens } from '../api/hooks.js';
import { useRegenerateRecoveryCodes } from '../api/recovery.js';
import type { ApiToken, CreatedToken } from '../api/types.js';
import { TextField } from '../components/fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { RecoveryCodes } from '../components/RecoveryCodes.js';
import { SecondFactorEnrolment } from '../components/SecondFactorEnrolment.js';
import { useSession } from '../components/session.js';
import { ShownOnceToken, TokenRow } from '../components/Tokens.js';
import { useFormat } from '../i18n/useFormat.js';
import { canManageWallScreens, WallScreens } from './WallScreens.js';

function Profile() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  return (
    <section aria-labelledby="profile-heading" className="panel">
      <h2 id="profile-heading">{t('account.profile')}</h2>
      <dl className="facts facts--compact">
        <div>
          <dt>{t('account.name')}</dt>
          <dd>{me.displayName}</dd>
        </div>
        <div>
          <dt>{t('account.email')}</dt>
          <dd>{me.email}</dd>
        </div>
        <div>
          <dt>{t('account.organisation')}</dt>
          <dd>{format.organisation(me.organisation.id, me.organisation.kind)}</dd>
        </div>
        <div>
          <dt>{t('account.role')}</dt>
          <dd>{t(`roles.${me.role}`)}</dd>
        </div>
        <div>
          <dt>{t('account.timeZone')}</dt>
          <dd>{format.timeZone}</dd>
        </div>
      </dl>
    </section>
  );
}

function SecondFactor() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <section aria-labelledby="second-factor-heading" className="panel">
      <h2 id="second-factor-heading">{t('account.secondFactor')}</h2>
      {me.secondFactorEnabled ? (
        <p>
          <span className="state state--ok">
            <span aria-hidden="true">✔ </span>
            {t('account.secondFactorOn')}
          </span>{' '}
          {t('account.secondFactorLost')}
        </p>
      ) : null}
      {me.secondFactorEnabled ? <ReplaceRecoveryCodes /> : null}
      {me.secondFactorEnabled ? null : (
        <>
          <p>{t('account.secondFactorOff')}</p>
          <SecondFactorEnrolment />
        </>
      )}
    </section>
  );
}

/** New recovery codes in place of all the old ones, shown once. */
function ReplaceRecoveryCodes() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const regenerate = useRegenerateRecoveryCodes();
  if (regenerate.data)
    return <RecoveryCodes codes={regenerate.data.recoveryCodes} onStored={() => regenerate.reset()} />;
  return (
    <>
      <p className="muted">{t('recovery.regenerateHint')}</p>
      <ErrorMessage message={regenerate.error ? errorText(regenerate.error) : null} />
      <button
        type="button"
        className="button button--secondary"
        disabled={regenerate.isPending}
        onClick={() => {
          if (window.confirm(t('recovery.regenerateConfirm'))) regenerate.mutate();
        }}
      >
        {regenerate.isPending ? t('common.working') : t('recovery.regenerate')}
      </button>
    </>
  );
}

type PasswordField = 'currentPassword' | 'newPassword' | 'repeat';

function ChangePassword() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Partial<Record<PasswordField, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const refs = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    repeat: useRef<HTMLInputElement>(null),
  };

  const fail = (field: PasswordField, message: string) => {
    setErrors({ [field]: message });
    refs[field].current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    setErrors({});
    if (!currentPassword) return fail('currentPassword', t('form.required'));
    if (!newPassword) return fail('newPassword', t('form.required'));
    if (newPassword !== repeat) return fail('repeat', t('account.passwordsDiffer'));
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
          setRepeat('');
          setStatus(t('account.passwordChanged'));
        },
        onError: (failure) => {
          if (
            isApiError(failure) &&
            (failure.field === 'currentPassword' || failure.field === 'newPassword')
          ) {
            fail(failure.field, failure.fieldMessage);
          } else if (isApiError(failure) && (failure.status === 401 || failure.status === 403)) {
            fail('currentPassword', t('account.currentPasswordWrong'));
          } else {
            setError(errorText(failure));
          }
        },
      },
    );
  };

  return (
    <section aria-labelledby="password-heading" className="panel">
      <h2 id="password-heading">{t('account.password')}</h2>
      <StatusMessage message={status} />
      <ErrorMessage message={error} />
      <form className="form form--narrow" onSubmit={submit} noValidate>
        <TextField
          ref={refs.currentPassword}
          label={t('account.currentPassword')}
          error={errors.currentPassword}
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
        />
        <TextField
          ref={refs.newPassword}
          label={t('account.newPassword')}
          hint={t('account.newPasswordHint')}
          error={errors.newPassword}
          type="password"
          name="newPassword"
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
        />
        <TextField
          ref={refs.repeat}
          label={t('account.repeatPassword')}
          error={errors.repeat}
          type="password"
          name="repeatPassword"
          autoComplete="new-password"
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={change.isPending}>
            {change.isPending ? t('common.saving') : t('account.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}

function Tokens() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    if (!name.trim()) {
      setNameError(t('form.required'));
      nameRef.current?.focus();
      return;
    }
    setNameError(null);
    create.mutate(name.trim(), {
      onSuccess: (token) => {
        setCreated(token);
        setName('');
      },
      onError: (failure) => {
        if (isApiError(failure) && failure.field === 'name') {
          setNameError(failure.fieldMessage);
          nameRef.current?.focus();
        } else {
          setError(errorText(failure));
        }
      },
    });
  };

  const revokeToken = (token: ApiToken) => {
    if (!window.confirm(t('tokens.confirmRevoke', { name: token.name }))) return;
    setStatus(null);
    setError(null);
    revoke.mutate(token.id, {
      onSuccess: () => setStatus(t('tokens.revoked', { name: token.name })),
      onError: (failure) => setError(errorText(failure)),
    });
  };

  const list = [...(tokens.data ?? [])].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt),
  );

  return (
    <section aria-labelledby="tokens-heading" className="panel">
      <h2 id="tokens-heading">{t('tokens.heading')}</h2>
      <p>{t('tokens.intro')}</p>
      <StatusMessage message={status} />
      <ErrorMessage message={error} />
      {created ? (
        <ShownOnceToken
          kind="tokens"
          fieldName="token"
          token={created}
          onDone={() => {
            setCreated(null);
            nameRef.current?.focus();
          }}
        />
      ) : null}
      {tokens.isPending ? (
        <Loading />
      ) : tokens.error ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : list.length === 0 ? (
        <p className="empty">{t('tokens.empty')}</p>
      ) : (
        <table className="table table--compact">
          <caption className="visually-hidden">{t('tokens.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.createdAt')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">{t('tokens.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((token) => (
              <TokenRow
                kind="tokens"
                key={token.id}
                token={token}
                onRevoke={revokeToken}
                busy={revoke.isPending}
              />
            ))}
          </tbody>
        </table>
      )}
      <form className="form form--inline" onSubmit={submit} noValidate>
        <TextField
          ref={nameRef}
          label={t('tokens.newName')}
          hint={t('tokens.newNameHint')}
          error={nameError}
          name="tokenName"
          autoComplete="off"
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('common.working') : t('tokens.create')}
        </button>
      </form>
    </section>
  );
}

export function Account() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <Page title={t('account.title')}>
      <p>
        <Link to="/account/alerts">{t('alertSettings.link')}</Link>
      </p>
      <div className="account-grid">
        <div>
          <Profile />
          <ChangePassword />
        </div>
        <div>
          <SecondFactor />
        </div>
        <div className="account-grid__full">
          <Tokens />
        </div>
        {canManageWallScreens(me) ? (
          <div className="account-grid__full">
            <WallScreens me={me} />
          </div>
        ) : null}
      </div>
    </Page>
  );
}

import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client.js';
import {
  type CreatedDisplayToken,
  type DisplayToken,
  useCreateDisplayToken,
  useDisplayTokens,
  useRevokeDisplayToken,
} from '../api/display.js';
import type { Me } from '../api/types.js';
import { TextField } from '../components/fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../components/Messages.js';
import { ShownOnceToken, TokenRow } from '../components/Tokens.js';
import { useFormat } from '../i18n/useFormat.js';

/** Coordinators and organisation administrators keep their organisation's wall screens (never a wall screen). */
export function canManageWallScreens(me: Me): boolean {
  return me.abilities.manageWallScreens;
}

/**
 * The organisation's wall screens: a display token signs one operations-room screen in, read-only, with the
 * organisation's read rights and no inactivity sign-out. Shown once when created; revoking it stops the screen.
 */
export function WallScreens({ me }: { me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const tokens = useDisplayTokens();
  const create = useCreateDisplayToken();
  const revoke = useRevokeDisplayToken();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedDisplayToken | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<DisplayToken | null>(null);
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
        } else setError(errorText(failure));
      },
    });
  };

  const confirmRevoke = (token: DisplayToken) => {
    setStatus(null);
    setError(null);
    revoke.mutate(token.id, {
      onSuccess: () => {
        setConfirming(null);
        setStatus(t('wallScreens.revoked', { name: token.name }));
      },
      onError: (failure) => {
        setConfirming(null);
        setError(errorText(failure));
      },
    });
  };

  const list = [...(tokens.data ?? [])].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt),
  );

  return (
    <section aria-labelledby="wall-screens-heading" className="panel" data-testid="wall-screens">
      <h2 id="wall-screens-heading">{t('wallScreens.heading')}</h2>
      <p>
        {t('wallScreens.intro', {
          organisation: format.organisation(me.organisation.id, me.organisation.kind),
        })}
      </p>
      <p>
        <Link to="/wall">{t('wallScreens.open')}</Link>
      </p>
      <StatusMessage message={status} />
      <ErrorMessage message={error} />
      {created ? (
        <ShownOnceToken
          kind="wallScreens"
          fieldName="displayToken"
          testId="new-display-token"
          token={created}
          onDone={() => {
            setCreated(null);
            nameRef.current?.focus();
          }}
        />
      ) : null}
      {confirming ? (
        <div className="notice notice--warning" role="alertdialog" aria-labelledby="revoke-question">
          <p id="revoke-question">
            <strong>{t('wallScreens.confirmRevoke', { name: confirming.name })}</strong>
          </p>
          <button
            type="button"
            className="button button--danger"
            disabled={revoke.isPending}
            onClick={() => confirmRevoke(confirming)}
          >
            {revoke.isPending ? t('common.working') : t('wallScreens.revokeNow')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      {tokens.isPending ? (
        <Loading />
      ) : tokens.error ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : list.length === 0 ? (
        <p className="empty">{t('wallScreens.empty')}</p>
      ) : (
        <table className="table table--compact">
          <caption className="visually-hidden">{t('wallScreens.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('wallScreens.name')}</th>
              <th scope="col">{t('wallScreens.createdAt')}</th>
              <th scope="col">{t('wallScreens.lastUsed')}</th>
              <th scope="col">{t('wallScreens.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((token) => (
              <TokenRow
                kind="wallScreens"
                testId="display-token-row"
                key={token.id}
                token={token}
                onRevoke={setConfirming}
                busy={revoke.isPending}
              />
            ))}
          </tbody>
        </table>
      )}
      <form className="form form--inline" onSubmit={submit} noValidate>
        <TextField
          ref={nameRef}
          label={t('wallScreens.newName')}
          hint={t('wallScreens.newNameHint')}
          error={nameError}
          name="displayTokenName"
          autoComplete="off"
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('common.working') : t('wallScreens.create')}
        </button>
      </form>
    </section>
  );
}

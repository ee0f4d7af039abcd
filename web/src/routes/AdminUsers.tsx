import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../api/client.js';
import { useCreateUser, useRegistry, useUpdateUser, useUsers } from '../api/hooks.js';
import { useSendPasswordReset, useUnlockUser } from '../api/recovery.js';
import type { Me, Role, UpdateUserRequest, User } from '../api/types.js';
import { OverdueRecommendationsPanel } from '../components/after-action/OverdueRecommendationsPanel.js';
import { AlertingTimingsPanel } from '../components/alerting/AlertingTimingsPanel.js';
import { DateTime } from '../components/DateTime.js';
import { ExerciseCompliancePanel } from '../components/ExerciseCompliancePanel.js';
import { CheckboxField, SelectField, TextField } from '../components/fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { PlatformSettingsPanel } from '../components/PlatformSettingsPanel.js';
import { PresidencyCalendarPanel } from '../components/PresidencyCalendarPanel.js';
import { canAdminister, useSession } from '../components/session.js';
import { useFormat } from '../i18n/useFormat.js';

/** An org-admin manages their own organisation's users but cannot create platform administrators (server's rule). */
function assignableRoles(me: Me): readonly Role[] {
  return me.abilities.assignableRoles;
}

function useOrganisationOptions() {
  const registry = useRegistry();
  const format = useFormat();
  return (registry.data?.organisations ?? [])
    .map((org) => ({ id: org.id, name: format.organisation(org.id, org.kind), kind: org.kind }))
    .sort((a, b) => a.name.localeCompare(b.name, format.locale));
}

type Announce = (status: string | null, error: string | null) => void;

function UserRow({
  user,
  me,
  showOrganisation,
  announce,
}: {
  user: User;
  me: Me;
  showOrganisation: boolean;
  announce: Announce;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const update = useUpdateUser();
  const [role, setRole] = useState<Role>(user.role);
  const self = user.id === me.id;
  const roles = assignableRoles(me);
  const roleEditable = !self && roles.includes(user.role);

  const change = (body: UpdateUserRequest, success: string) => {
    announce(null, null);
    update.mutate(
      { id: user.id, body },
      {
        onSuccess: () => announce(success, null),
        onError: (error) => {
          announce(null, t('users.failed', { name: user.displayName, reason: errorText(error) }));
          setRole(user.role);
        },
      },
    );
  };

  const toggleActive = () => {
    if (user.active && !window.confirm(t('users.confirmDeactivate', { name: user.displayName }))) return;
    change(
      { active: !user.active },
      t(user.active ? 'users.deactivated' : 'users.reactivated', { name: user.displayName }),
    );
  };

  const resetSecondFactor = () => {
    if (!window.confirm(t('users.confirmReset', { name: user.displayName }))) return;
    change({ resetSecondFactor: true }, t('users.resetDone', { name: user.displayName }));
  };

  const locked = user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
  // The server says which ways back into this account the reader may open (src/sharing/users.ts).
  const may = user.abilities;
  const unlockUser = useUnlockUser();
  const sendReset = useSendPasswordReset();
  const busy = update.isPending || unlockUser.isPending || sendReset.isPending;
  const fail = (error: unknown) =>
    announce(null, t('users.failed', { name: user.displayName, reason: errorText(error) }));

  const unlock = () => {
    announce(null, null);
    unlockUser.mutate(user.id, {
      onSuccess: () => announce(t('recovery.unlocked', { name: user.displayName }), null),
      onError: fail,
    });
  };

  const sendResetLink = () => {
    if (!window.confirm(t('recovery.sendResetConfirm', { name: user.displayName }))) return;
    announce(null, null);
    sendReset.mutate(user.id, {
      onSuccess: () => announce(t('recovery.resetSent', { email: user.email }), null),
      onError: fail,
    });
  };

  return (
    <tr className={user.active ? undefined : 'row--inactive'}>
      <th scope="row">
        <span className="user-name">{user.displayName}</span>
        {self ? <span className="tag">{t('users.you')}</span> : null}
        <br />
        <a href={`mailto:${user.email}`} className="user-email">
          {user.email}
        </a>
      </th>
      {showOrganisation ? <td>{format.organisation(user.organisation)}</td> : null}
      <td>
        {roleEditable ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              change({ role }, t('users.roleChanged', { name: user.displayName, role: t(`roles.${role}`) }));
            }}
          >
            <select
              aria-label={t('users.roleOf', { name: user.displayName })}
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
            >
              {roles.map((option) => (
                <option key={option} value={option}>
                  {t(`roles.${option}`)}
                </option>
              ))}
            </select>
            <button
              type="submit"
              className="button button--secondary button--small"
              disabled={role === user.role || update.isPending}
              aria-label={t('users.changeRoleOf', { name: user.displayName })}
            >
              {t('users.changeRole')}
            </button>
          </form>
        ) : (
          t(`roles.${user.role}`)
        )}
      </td>
      <td>
        <label className="checkbox-inline">
          <input
            type="checkbox"
            checked={user.onDuty}
            disabled={update.isPending || !user.active}
            onChange={(event) =>
              change(
                { onDuty: event.target.checked },
                t(event.target.checked ? 'users.nowOnDuty' : 'users.nowOffDuty', { name: user.displayName }),
              )
            }
          />
          {t('users.onDuty')}
          <span className="visually-hidden"> ({user.displayName})</span>
        </label>
      </td>
      <td>
        <ul className="plain-list state-list">
          <li>
            {user.active ? (
              <span className="state state--ok">
                <span aria-hidden="true">● </span>
                {t('users.active')}
              </span>
            ) : (
              <span className="state state--off">
                <span aria-hidden="true">○ </span>
                {t('users.inactive')}
              </span>
            )}
          </li>
          <li>
            {user.secondFactorEnabled ? (
              <span className="state state--ok">
                <span aria-hidden="true">✔ </span>
                {t('users.secondFactorOn')}
              </span>
            ) : (
              <span className="state state--warn">
                <span aria-hidden="true">✘ </span>
                {t('users.secondFactorOff')}
              </span>
            )}
          </li>
          {locked && user.lockedUntil ? (
            <li className="state state--warn">
              <span aria-hidden="true">⚠ </span>
              {t('users.lockedUntil')} <DateTime value={user.lockedUntil} />
            </li>
          ) : null}
        </ul>
      </td>
      <td>
        {user.lastLoginAt ? (
          <DateTime value={user.lastLoginAt} />
        ) : (
          <span className="muted">{t('users.never')}</span>
        )}
      </td>
      <td>
        {self ? null : (
          <div className="row-actions">
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={toggleActive}
              disabled={update.isPending}
              aria-label={t(user.active ? 'users.deactivateLabel' : 'users.reactivateLabel', {
                name: user.displayName,
              })}
            >
              {user.active ? t('users.deactivate') : t('users.reactivate')}
            </button>
            {locked && may?.unlock ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={unlock}
                disabled={busy}
                aria-label={t('recovery.unlockLabel', { name: user.displayName })}
              >
                {t('recovery.unlock')}
              </button>
            ) : null}
            {user.active && may?.sendPasswordReset ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={sendResetLink}
                disabled={busy}
                aria-label={t('recovery.sendResetLabel', { name: user.displayName })}
              >
                {t('recovery.sendReset')}
              </button>
            ) : null}
            {user.secondFactorEnabled && may?.resetSecondFactor ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={resetSecondFactor}
                disabled={busy}
                aria-label={t('users.resetLabel', { name: user.displayName })}
              >
                {t('users.reset')}
              </button>
            ) : null}
          </div>
        )}
      </td>
    </tr>
  );
}

type NewUserField = 'email' | 'displayName' | 'organisation' | 'role' | 'password';

function AddUser({
  me,
  defaultOrganisation,
  announce,
}: {
  me: Me;
  defaultOrganisation: string;
  announce: Announce;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const create = useCreateUser();
  const organisations = useOrganisationOptions();
  const isAdmin = me.role === 'admin';
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [organisation, setOrganisation] = useState(isAdmin ? defaultOrganisation : me.organisation.id);
  const [role, setRole] = useState<Role>('coordinator');
  const [password, setPassword] = useState('');
  const [onDuty, setOnDuty] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<NewUserField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const refs = {
    email: useRef<HTMLInputElement>(null),
    displayName: useRef<HTMLInputElement>(null),
    organisation: useRef<HTMLSelectElement>(null),
    role: useRef<HTMLSelectElement>(null),
    password: useRef<HTMLInputElement>(null),
  };
  const fields: NewUserField[] = ['email', 'displayName', 'organisation', 'role', 'password'];

  const showErrors = (found: Partial<Record<NewUserField, string>>) => {
    setErrors(found);
    const first = fields.find((field) => found[field]);
    if (first) refs[first].current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const required: Partial<Record<NewUserField, string>> = {};
    if (!email.trim()) required.email = t('form.required');
    if (!displayName.trim()) required.displayName = t('form.required');
    if (!organisation) required.organisation = t('users.pickOrganisation');
    if (!password) required.password = t('form.required');
    if (Object.keys(required).length > 0) return showErrors(required);
    setErrors({});
    create.mutate(
      { email: email.trim(), displayName: displayName.trim(), organisation, role, password, onDuty },
      {
        onSuccess: (user) => {
          announce(
            t('users.added', {
              name: user.displayName,
              organisation: format.organisation(user.organisation),
            }),
            null,
          );
          setEmail('');
          setDisplayName('');
          setPassword('');
          setOnDuty(false);
          setRole('coordinator');
          refs.email.current?.focus();
        },
        onError: (error) => {
          const field = isApiError(error) ? error.field : undefined;
          if (isApiError(error) && field && (fields as string[]).includes(field)) {
            showErrors({ [field]: error.fieldMessage });
          } else if (isApiError(error, 409)) {
            showErrors({ email: error.message });
          } else {
            setFormError(errorText(error));
          }
        },
      },
    );
  };

  return (
    <section aria-labelledby="add-user-heading" className="panel">
      <h2 id="add-user-heading">{t('users.addHeading')}</h2>
      <p className="muted">{t('users.addIntro')}</p>
      <ErrorMessage message={formError} />
      <form className="form" onSubmit={submit} noValidate>
        <div className="form__row">
          <TextField
            ref={refs.email}
            label={t('users.email')}
            error={errors.email}
            type="email"
            name="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <TextField
            ref={refs.displayName}
            label={t('users.name')}
            error={errors.displayName}
            name="displayName"
            autoComplete="off"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </div>
        <div className="form__row">
          {isAdmin ? (
            <SelectField
              ref={refs.organisation}
              label={t('users.organisation')}
              error={errors.organisation}
              name="organisation"
              value={organisation}
              onChange={(event) => setOrganisation(event.target.value)}
            >
              <option value="">{t('users.pickOrganisation')}</option>
              {organisations.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </SelectField>
          ) : (
            <div className="field">
              <span className="field__label">{t('users.organisation')}</span>
              <p className="field__fixed">{format.organisation(me.organisation.id, me.organisation.kind)}</p>
            </div>
          )}
          <SelectField
            ref={refs.role}
            label={t('users.role')}
            hint={t('users.roleHint')}
            error={errors.role}
            name="role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {assignableRoles(me).map((option) => (
              <option key={option} value={option}>
                {t(`roles.${option}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField
          ref={refs.password}
          label={t('users.password')}
          hint={t('users.passwordHint')}
          error={errors.password}
          type="password"
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <CheckboxField
          label={t('users.startOnDuty')}
          name="onDuty"
          checked={onDuty}
          onChange={(event) => setOnDuty(event.target.checked)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('users.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function AdminUsers() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const isAdmin = me.role === 'admin';
  const [params, setParams] = useSearchParams();
  const filter = isAdmin ? (params.get('organisation') ?? '') : me.organisation.id;
  const users = useUsers(isAdmin ? filter || null : me.organisation.id, canAdminister(me));
  const organisations = useOrganisationOptions();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!canAdminister(me)) {
    return (
      <Page title={t('users.title')}>
        <p className="notice notice--warning">{t('users.notAllowed')}</p>
      </Page>
    );
  }

  const announce: Announce = (nextStatus, nextError) => {
    setStatus(nextStatus);
    setError(nextError);
  };

  const setFilter = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('organisation', value);
    else next.delete('organisation');
    setParams(next, { replace: true });
  };

  const list = [...(users.data ?? [])].sort(
    (a, b) =>
      a.organisation.localeCompare(b.organisation) ||
      a.displayName.localeCompare(b.displayName, format.locale),
  );
  const showOrganisation = isAdmin && !filter;

  return (
    <Page title={t('users.title')}>
      <p className="lead">
        {isAdmin
          ? t('users.introAdmin')
          : t('users.introOrgAdmin', {
              organisation: format.organisation(me.organisation.id, me.organisation.kind),
            })}
      </p>
      {isAdmin ? (
        <div className="toolbar">
          <SelectField
            label={t('users.filter')}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          >
            <option value="">{t('users.allOrganisations')}</option>
            {organisations.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      <StatusMessage message={status} />
      <ErrorMessage message={error} />
      {users.isPending ? (
        <Loading />
      ) : users.error ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : list.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('users.empty')}</p>
          <p>{t('users.emptyNext')}</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table users">
            <caption className="visually-hidden">{t('users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.columns.user')}</th>
                {showOrganisation ? <th scope="col">{t('users.columns.organisation')}</th> : null}
                <th scope="col">{t('users.columns.role')}</th>
                <th scope="col">{t('users.columns.onDuty')}</th>
                <th scope="col">{t('users.columns.state')}</th>
                <th scope="col">{t('users.columns.lastLogin')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((user) => (
                <UserRow
                  key={`${user.id}-${user.role}`}
                  user={user}
                  me={me}
                  showOrganisation={showOrganisation}
                  announce={announce}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddUser key={filter} me={me} defaultOrganisation={filter} announce={announce} />
      {isAdmin ? <PlatformSettingsPanel /> : null}
      {isAdmin ? <ExerciseCompliancePanel /> : null}
      {isAdmin ? <PresidencyCalendarPanel /> : null}
      {isAdmin ? <OverdueRecommendationsPanel /> : null}
      <AlertingTimingsPanel />
    </Page>
  );
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { useCreateSharingGroup, useSharingGroups, useUpdateSharingGroupMembers } from '../api/hooks.js';
import type { SharingGroup } from '../api/types.js';
import { DateTime } from '../components/DateTime.js';
import { CheckboxField, TextField } from '../components/fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../components/Messages.js';
import { describeOrganisations, OrganisationPicker } from '../components/OrganisationPicker.js';
import { Page } from '../components/Page.js';
import { errorField } from '../components/ReachFields.js';
import { canManageSharingGroups, useSession } from '../components/session.js';
import { useFormat } from '../i18n/useFormat.js';

function editButtonId(groupId: string): string {
  return `edit-group-${groupId}`;
}

function CreateGroupForm({ onCreated }: { onCreated: (group: SharingGroup) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const create = useCreateSharingGroup();
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const [hidden, setHidden] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; members?: string; hiddenMembership?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found: typeof errors = {};
    if (name.trim() === '') found.name = t('sharingGroups.nameRequired');
    if (members.length === 0) found.members = t('sharingGroups.membersRequired');
    setErrors(found);
    if (found.name) nameRef.current?.focus();
    if (Object.keys(found).length > 0) return;
    create.mutate(
      { name: name.trim(), members, hiddenMembership: hidden },
      {
        onSuccess: (group) => {
          setName('');
          setMembers([]);
          setHidden(false);
          onCreated(group);
        },
        onError: (failure) => {
          const field = errorField(failure);
          if (
            isApiError(failure) &&
            (field === 'name' || field === 'members' || field === 'hiddenMembership')
          ) {
            setErrors({ [field]: failure.fieldMessage });
            if (field === 'name') nameRef.current?.focus();
          } else {
            setError(errorText(failure));
          }
        },
      },
    );
  };

  return (
    <form className="form form--wide" onSubmit={submit} noValidate>
      <ErrorMessage message={error} />
      <TextField
        ref={nameRef}
        label={t('sharingGroups.name')}
        hint={t('sharingGroups.nameHint')}
        error={errors.name}
        name="name"
        maxLength={200}
        autoComplete="off"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <OrganisationPicker
        legend={t('sharingGroups.members')}
        hint={t('sharingGroups.membersHint')}
        error={errors.members}
        selected={members}
        onChange={setMembers}
      />
      <CheckboxField
        label={t('sharingGroups.hide')}
        hint={t('sharingGroups.hideHint')}
        error={errors.hiddenMembership}
        name="hiddenMembership"
        checked={hidden}
        onChange={(event) => setHidden(event.target.checked)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('common.working') : t('sharingGroups.create')}
        </button>
      </div>
    </form>
  );
}

function MembersForm({ group, onDone }: { group: SharingGroup; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const update = useUpdateSharingGroupMembers();
  const [members, setMembers] = useState<string[]>(group.members);
  const [memberError, setMemberError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (members.length === 0) {
      setMemberError(t('sharingGroups.membersRequired'));
      return;
    }
    setMemberError(null);
    update.mutate(
      { id: group.id, members },
      {
        onSuccess: () => onDone(true),
        onError: (failure) => {
          if (isApiError(failure) && errorField(failure) === 'members') setMemberError(failure.fieldMessage);
          else setError(errorText(failure));
        },
      },
    );
  };

  return (
    <form
      className="form form--wide edit-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${group.id}-edit`}
    >
      <h2 ref={headingRef} tabIndex={-1} id={`${group.id}-edit`} className="h-small">
        {t('sharingGroups.editHeading', { name: group.name })}
      </h2>
      <p className="field__hint">{t('sharingGroups.editHint')}</p>
      <ErrorMessage message={error} />
      <OrganisationPicker
        legend={t('sharingGroups.members')}
        error={memberError}
        selected={members}
        onChange={setMembers}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function SharingGroups() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const groups = useSharingGroups();
  const may = canManageSharingGroups(me);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [returnFocusTo, setReturnFocusTo] = useState<string | null>(null);

  useEffect(() => {
    if (returnFocusTo === null) return;
    document.getElementById(editButtonId(returnFocusTo))?.focus();
    setReturnFocusTo(null);
  }, [returnFocusTo]);

  const rows = [...(groups.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, format.locale));
  const anyEditable = may && rows.some((group) => group.ownerOrganisation === me.organisation.id);

  return (
    <Page title={t('sharingGroups.title')}>
      <p className="lead">{t('sharingGroups.intro')}</p>
      {may ? null : <p className="notice">{t('sharingGroups.notAllowed')}</p>}
      <StatusMessage message={status} />
      {groups.isPending ? (
        <Loading />
      ) : groups.error ? (
        <QueryError error={groups.error} onRetry={() => void groups.refetch()} />
      ) : rows.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('sharingGroups.empty')}</p>
          <p>{may ? t('sharingGroups.emptyNext') : t('sharingGroups.emptyNextViewer')}</p>
        </div>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('sharingGroups.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sharingGroups.name')}</th>
              <th scope="col">{t('sharingGroups.owner')}</th>
              <th scope="col">{t('sharingGroups.members')}</th>
              <th scope="col">{t('sharingGroups.updated')}</th>
              {anyEditable ? (
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((group) => {
              const own = group.ownerOrganisation === me.organisation.id;
              return (
                <SharingGroupRow
                  key={group.id}
                  group={group}
                  own={own}
                  editable={may && own}
                  anyEditable={anyEditable}
                  editing={editing === group.id}
                  members={
                    group.members.length === 0 && group.hiddenMembership
                      ? null
                      : describeOrganisations(
                          group.members,
                          format,
                          (count) => t('audience.more', { count }),
                          40,
                        )
                  }
                  onEdit={() => {
                    setStatus(null);
                    setEditing(group.id);
                  }}
                  onDone={(saved) => {
                    setEditing(null);
                    if (saved) setStatus(t('sharingGroups.saved', { name: group.name }));
                    setReturnFocusTo(group.id);
                  }}
                />
              );
            })}
          </tbody>
        </table>
      )}
      {may ? (
        <section aria-labelledby="create-group-heading" className="panel">
          <h2 id="create-group-heading">{t('sharingGroups.createHeading')}</h2>
          <CreateGroupForm
            onCreated={(group) => setStatus(t('sharingGroups.created', { name: group.name }))}
          />
        </section>
      ) : null}
    </Page>
  );
}

function SharingGroupRow({
  group,
  own,
  editable,
  anyEditable,
  editing,
  members,
  onEdit,
  onDone,
}: {
  group: SharingGroup;
  own: boolean;
  editable: boolean;
  anyEditable: boolean;
  editing: boolean;
  /** The members by name, or null when they are hidden from the reader's organisation. */
  members: string | null;
  onEdit: () => void;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <tr className={own ? 'row--own' : undefined}>
        <th scope="row">
          {group.name}
          {group.hiddenMembership ? <span className="tag">{t('sharingGroups.hiddenTag')}</span> : null}
        </th>
        <td>
          {format.organisation(group.ownerOrganisation)}
          {own ? <span className="tag">{t('sharingGroups.yours')}</span> : null}
        </td>
        <td>{members ?? <span className="missing">{t('sharingGroups.membersHidden')}</span>}</td>
        <td>
          <DateTime value={group.updatedAt} />
        </td>
        {anyEditable ? (
          <td>
            {editable && !editing ? (
              <button
                type="button"
                id={editButtonId(group.id)}
                className="button button--secondary button--small"
                onClick={onEdit}
                aria-label={t('sharingGroups.editLabel', { name: group.name })}
              >
                {t('sharingGroups.edit')}
              </button>
            ) : null}
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr className="edit-row">
          <td colSpan={anyEditable ? 5 : 4}>
            <MembersForm group={group} onDone={onDone} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

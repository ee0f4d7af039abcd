import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { useContactPoints, useUpdateContactPoint } from '../api/hooks.js';
import type { ContactPoint, Me } from '../api/types.js';
import { ContactPointFlag } from '../components/alerting/ContactPointFlag.js';
import { DateTime } from '../components/DateTime.js';
import { TextAreaField, TextField } from '../components/fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { useSession } from '../components/session.js';
import { foldForSearch } from '../i18n/format.js';
import { useFormat } from '../i18n/useFormat.js';
import { OpenContactChecks } from './ContactChecks.js';

const KIND_ORDER = { 'member-state': 0, 'eu-body': 1, nato: 2 } as const;

/** The server's rule, sent in `me.abilities`: every organisation's contact point, its own, or none. */
function canEdit(me: Me, contactPoint: ContactPoint): boolean {
  const keeps = me.abilities.editContactPoints;
  return keeps === 'all' || (keeps === 'own' && me.organisation.id === contactPoint.organisation);
}

function editButtonId(organisation: string): string {
  return `edit-contact-point-${organisation}`;
}

type Field = 'mailbox' | 'phone' | 'notes';

function ContactPointForm({
  contactPoint,
  name,
  onDone,
}: {
  contactPoint: ContactPoint;
  name: string;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const update = useUpdateContactPoint();
  const [mailbox, setMailbox] = useState(contactPoint.mailbox ?? '');
  const [phone, setPhone] = useState(contactPoint.phone ?? '');
  const [notes, setNotes] = useState(contactPoint.notes ?? '');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const refs = {
    mailbox: useRef<HTMLInputElement>(null),
    phone: useRef<HTMLInputElement>(null),
    notes: useRef<HTMLTextAreaElement>(null),
  };

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    const body = {
      mailbox: mailbox.trim() || null,
      phone: phone.trim() || null,
      notes: notes.trim() || null,
    };
    update.mutate(
      { organisation: contactPoint.organisation, body },
      {
        onSuccess: () => onDone(true),
        onError: (failure) => {
          const field = isApiError(failure) ? failure.field : undefined;
          if (isApiError(failure) && (field === 'mailbox' || field === 'phone' || field === 'notes')) {
            setFieldErrors({ [field]: failure.fieldMessage });
            refs[field].current?.focus();
          } else {
            setError(errorText(failure));
          }
        },
      },
    );
  };

  return (
    <form
      className="form edit-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${editButtonId(contactPoint.organisation)}-heading`}
    >
      <h2
        ref={headingRef}
        tabIndex={-1}
        id={`${editButtonId(contactPoint.organisation)}-heading`}
        className="h-small"
      >
        {t('directory.editHeading', { name })}
      </h2>
      <ErrorMessage message={error} />
      <div className="form__row">
        <TextField
          ref={refs.mailbox}
          label={t('directory.mailbox')}
          hint={t('directory.mailboxHint')}
          error={fieldErrors.mailbox}
          type="email"
          name="mailbox"
          autoComplete="off"
          spellCheck={false}
          value={mailbox}
          onChange={(event) => setMailbox(event.target.value)}
        />
        <TextField
          ref={refs.phone}
          label={t('directory.phone')}
          hint={t('directory.phoneHint')}
          error={fieldErrors.phone}
          type="tel"
          name="phone"
          autoComplete="off"
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
        />
      </div>
      <TextAreaField
        ref={refs.notes}
        label={t('directory.notes')}
        hint={t('directory.notesHint')}
        error={fieldErrors.notes}
        optional
        name="notes"
        rows={3}
        maxLength={2000}
        value={notes}
        onChange={(event) => setNotes(event.target.value)}
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

export function Directory() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const contactPoints = useContactPoints();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [returnFocusTo, setReturnFocusTo] = useState<string | null>(null);

  useEffect(() => {
    if (returnFocusTo === null) return;
    document.getElementById(editButtonId(returnFocusTo))?.focus();
    setReturnFocusTo(null);
  }, [returnFocusTo]);

  const rows = (contactPoints.data ?? [])
    .map((cp) => ({ cp, name: format.organisation(cp.organisation, cp.kind) }))
    .sort(
      (a, b) => KIND_ORDER[a.cp.kind] - KIND_ORDER[b.cp.kind] || a.name.localeCompare(b.name, format.locale),
    );
  const needle = foldForSearch(filter.trim());
  const shown = needle
    ? rows.filter(({ cp, name }) =>
        foldForSearch(
          [
            name,
            cp.organisation,
            cp.organisationName,
            cp.mailbox ?? '',
            cp.phone ?? '',
            cp.notes ?? '',
            ...cp.onDuty.flatMap((person) => [person.displayName, person.email]),
          ].join(' '),
        ).includes(needle),
      )
    : rows;
  const anyEditable = rows.some(({ cp }) => canEdit(me, cp));
  const columns = anyEditable ? 7 : 6;

  const startEditing = (organisation: string) => {
    setStatus(null);
    setEditing(organisation);
  };

  const finishEditing = (organisation: string, name: string, saved: boolean) => {
    setEditing(null);
    if (saved) setStatus(t('directory.saved', { name }));
    setReturnFocusTo(organisation);
  };

  return (
    <Page title={t('directory.title')}>
      <p className="lead">{t('directory.intro')}</p>
      <OpenContactChecks />
      <div className="toolbar">
        <TextField
          label={t('directory.filter')}
          hint={t('directory.filterHint')}
          type="search"
          name="filter"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        {contactPoints.data ? (
          <p role="status" className="toolbar__count">
            {t('directory.showing', { count: shown.length, total: rows.length })}
          </p>
        ) : null}
      </div>
      <StatusMessage message={status} />
      {contactPoints.isPending ? (
        <Loading />
      ) : contactPoints.error ? (
        <QueryError error={contactPoints.error} onRetry={() => void contactPoints.refetch()} />
      ) : rows.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('directory.empty')}</p>
          <p>{t('directory.emptyNext')}</p>
        </div>
      ) : shown.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('directory.noMatch', { filter: filter.trim() })}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={() => setFilter('')}>
              {t('directory.clearFilter')}
            </button>
          </p>
        </div>
      ) : (
        <table className="table directory">
          <caption className="visually-hidden">{t('directory.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('directory.organisation')}</th>
              <th scope="col">{t('directory.mailbox')}</th>
              <th scope="col">{t('directory.phone')}</th>
              <th scope="col">{t('directory.onDuty')}</th>
              <th scope="col">{t('directory.notes')}</th>
              <th scope="col">{t('directory.updated')}</th>
              {anyEditable ? (
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {shown.map(({ cp, name }) => (
              <DirectoryRow
                key={cp.organisation}
                cp={cp}
                name={name}
                columns={columns}
                editable={canEdit(me, cp)}
                anyEditable={anyEditable}
                own={cp.organisation === me.organisation.id}
                editing={editing === cp.organisation}
                onEdit={() => startEditing(cp.organisation)}
                onDone={(saved) => finishEditing(cp.organisation, name, saved)}
              />
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function DirectoryRow({
  cp,
  name,
  columns,
  editable,
  anyEditable,
  own,
  editing,
  onEdit,
  onDone,
}: {
  cp: ContactPoint;
  name: string;
  columns: number;
  editable: boolean;
  anyEditable: boolean;
  own: boolean;
  editing: boolean;
  onEdit: () => void;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <tr className={own ? 'row--own' : undefined}>
        <th scope="row">
          {name}
          {own ? <span className="tag">{t('directory.yours')}</span> : null}
          <ContactPointFlag organisation={cp.organisation} />
        </th>
        <td>
          {cp.mailbox ? (
            <a href={`mailto:${cp.mailbox}`}>{cp.mailbox}</a>
          ) : (
            <span className="missing">{t('directory.notProvided')}</span>
          )}
        </td>
        <td className="nowrap">
          {cp.phone ? (
            <a href={`tel:${cp.phone.replace(/[^+\d]/g, '')}`}>{cp.phone}</a>
          ) : (
            <span className="missing">{t('directory.notProvided')}</span>
          )}
        </td>
        <td>
          {cp.onDuty.length === 0 ? (
            <span className="missing">{t('directory.nobodyOnDuty')}</span>
          ) : (
            <ul className="plain-list">
              {cp.onDuty.map((person) => (
                <li key={person.id}>
                  <a href={`mailto:${person.email}`}>{person.displayName}</a>
                </li>
              ))}
            </ul>
          )}
        </td>
        <td className="notes">{cp.notes ?? ''}</td>
        <td>
          {cp.updatedAt ? (
            <DateTime value={cp.updatedAt} />
          ) : (
            <span className="muted">{t('directory.never')}</span>
          )}
        </td>
        {anyEditable ? (
          <td>
            {editable && !editing ? (
              <button
                type="button"
                id={editButtonId(cp.organisation)}
                className="button button--secondary button--small"
                onClick={onEdit}
                aria-label={t('directory.editLabel', { name })}
              >
                {t('common.edit')}
              </button>
            ) : null}
          </td>
        ) : null}
      </tr>
      {editing ? (
        <tr className="edit-row">
          <td colSpan={columns}>
            <ContactPointForm contactPoint={cp} name={name} onDone={onDone} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

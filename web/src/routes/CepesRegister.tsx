import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CEPES_MARKINGS,
  CEPES_VERDICTS,
  type CepesEntry,
  type CepesEntryInput,
  type CepesVerdict,
  useCepesRegisterPage,
  useSaveCepesEntry,
} from '../api/cepesRegister.js';
import { isApiError } from '../api/client.js';
import { useRegistry } from '../api/hooks.js';
import type { TlpMarking } from '../api/types.js';
import { DateTime } from '../components/DateTime.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../components/Messages.js';
import { OrganisationPicker } from '../components/OrganisationPicker.js';
import { Page } from '../components/Page.js';
import { errorField, MarkingPicker } from '../components/ReachFields.js';
import { useSession } from '../components/session.js';
import { TlpMarking as Tlp } from '../components/Tlp.js';
import { useFormat } from '../i18n/useFormat.js';
import { useVocabulary } from '../i18n/vocabulary.js';

const FIELDS = [
  'name',
  'verdict',
  'establishedIn',
  'memberStatesServed',
  'sectors',
  'note',
  'marking',
  'audience',
] as const;
type Field = (typeof FIELDS)[number];

interface Draft {
  name: string;
  verdict: CepesVerdict;
  establishedIn: string;
  memberStatesServed: string[];
  sectors: string[];
  note: string;
  marking: TlpMarking;
  audience: string[];
}

const EMPTY: Draft = {
  name: '',
  verdict: 'cepes',
  establishedIn: '',
  memberStatesServed: [],
  sectors: [],
  note: '',
  marking: 'TLP:AMBER',
  audience: [],
};

function draftOf(entry: CepesEntry): Draft {
  return {
    name: entry.name,
    verdict: entry.verdict,
    establishedIn: entry.establishedIn ?? '',
    memberStatesServed: entry.memberStatesServed,
    sectors: entry.sectors,
    note: entry.note,
    marking: entry.marking as TlpMarking,
    audience: entry.audience,
  };
}

/**
 * ERCC adds an entity to the register or replaces what it says of one. The rules are the server's: what it refuses
 * is shown next to the field it names. An empty audience lets the server give the default (ERCC and the states the
 * entry concerns).
 */
function EntryForm({
  editing,
  onDone,
}: {
  editing: CepesEntry | null;
  onDone: (saved: string | null) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const words = useVocabulary();
  const registry = useRegistry().data;
  const save = useSaveCepesEntry();
  const [draft, setDraft] = useState<Draft>(() => (editing ? draftOf(editing) : EMPTY));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const memberStates = registry?.memberStates.map((s) => s.code) ?? [];
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found: Partial<Record<Field, string>> = {};
    if (draft.name.trim() === '') found.name = t('form.required');
    if (draft.sectors.length === 0) found.sectors = t('cepesRegister.sectorsRequired');
    setErrors(found);
    if (found.name) nameRef.current?.focus();
    if (Object.keys(found).length > 0) return;
    save.mutate(
      {
        id: editing?.id ?? null,
        entry: {
          name: draft.name.trim(),
          verdict: draft.verdict,
          ...(draft.establishedIn ? { establishedIn: draft.establishedIn } : {}),
          memberStatesServed: draft.memberStatesServed,
          sectors: draft.sectors as CepesEntryInput['sectors'],
          note: draft.note.trim(),
          marking: draft.marking as CepesEntryInput['marking'],
          ...(draft.audience.length > 0 ? { audience: draft.audience } : {}),
        },
      },
      {
        onSuccess: (saved) => {
          setDraft(EMPTY);
          onDone(saved.name);
        },
        onError: (error) => {
          const field = errorField(error);
          if (isApiError(error) && field && (FIELDS as readonly string[]).includes(field)) {
            setErrors({ [field]: error.fieldMessage });
            if (field === 'name') nameRef.current?.focus();
          } else setFailure(errorText(error));
        },
      },
    );
  };

  return (
    <form className="form form--wide" onSubmit={submit} noValidate aria-labelledby="cepes-form-heading">
      <h2 id="cepes-form-heading">
        {editing ? t('cepesRegister.replaceHeading', { name: editing.name }) : t('cepesRegister.addHeading')}
      </h2>
      <ErrorMessage message={failure} />
      <TextField
        ref={nameRef}
        label={t('cepesRegister.name')}
        error={errors.name}
        name="name"
        maxLength={300}
        autoComplete="off"
        value={draft.name}
        onChange={(event) => set('name', event.target.value)}
      />
      <fieldset className="choice-group">
        <legend>{t('cepesRegister.verdictLegend')}</legend>
        {errors.verdict ? <p className="field__error">{errors.verdict}</p> : null}
        <ul className="choice-group__options">
          {CEPES_VERDICTS.map((verdict) => (
            <li key={verdict}>
              <label>
                <input
                  type="radio"
                  name="verdict"
                  value={verdict}
                  checked={draft.verdict === verdict}
                  onChange={() => set('verdict', verdict)}
                />{' '}
                {t(`cepesRegister.verdict.${verdict}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <SelectField
        label={t('cepesRegister.establishedIn')}
        hint={t('cepesRegister.establishedInHint')}
        error={errors.establishedIn}
        name="establishedIn"
        value={draft.establishedIn}
        onChange={(event) => set('establishedIn', event.target.value)}
      >
        <option value="">{t('cepesRegister.notEstablished')}</option>
        {(registry?.memberStates ?? []).map((s) => (
          <option key={s.code} value={s.code}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <OrganisationPicker
        legend={t('cepesRegister.served')}
        hint={t('cepesRegister.servedHint')}
        error={errors.memberStatesServed}
        candidates={memberStates}
        selected={draft.memberStatesServed}
        onChange={(next) => set('memberStatesServed', next)}
      />
      <fieldset className={`choice-group${errors.sectors ? ' choice-group--invalid' : ''}`}>
        <legend>{t('cepesRegister.sectors')}</legend>
        {errors.sectors ? (
          <p className="field__error">
            <span aria-hidden="true">⚠ </span>
            {errors.sectors}
          </p>
        ) : null}
        <ul className="choice-group__options">
          {(registry?.sectors ?? []).map((sector) => (
            <li key={sector.id}>
              <label>
                <input
                  type="checkbox"
                  name="sectors"
                  value={sector.id}
                  checked={draft.sectors.includes(sector.id)}
                  onChange={(event) =>
                    set(
                      'sectors',
                      event.target.checked
                        ? [...draft.sectors, sector.id]
                        : draft.sectors.filter((s) => s !== sector.id),
                    )
                  }
                />{' '}
                {words.sector(sector.id)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextAreaField
        label={t('cepesRegister.note')}
        optional
        error={errors.note}
        rows={2}
        maxLength={2000}
        value={draft.note}
        onChange={(event) => set('note', event.target.value)}
      />
      <MarkingPicker
        value={draft.marking}
        onChange={(marking) => set('marking', marking)}
        error={errors.marking}
        markings={CEPES_MARKINGS}
      />
      <OrganisationPicker
        legend={t('cepesRegister.audience')}
        hint={t('cepesRegister.audienceHint')}
        error={errors.audience}
        selected={draft.audience}
        onChange={(next) => set('audience', next)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending
            ? t('common.working')
            : editing
              ? t('cepesRegister.replace')
              : t('cepesRegister.add')}
        </button>
        {editing ? (
          <button type="button" className="button" onClick={() => onDone(null)}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The register's entries the caller may see, by name: a search box and pages one after the other. */
export function CepesRegister() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const words = useVocabulary();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // The cursors of the pages before this one, so "previous" goes back without the server keeping state.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [editing, setEditing] = useState<CepesEntry | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const after = cursors.at(-1) ?? null;
  const page = useCepesRegisterPage(q, after);
  const keeps = me.abilities.keepCepesRegister;

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(typed);
    setCursors([null]);
  };

  return (
    <Page title={t('cepesRegister.title')}>
      <p className="muted">{t('cepesRegister.intro')}</p>
      <search aria-label={t('cepesRegister.search')}>
        <form className="form search-form" onSubmit={search}>
          <TextField
            label={t('cepesRegister.search')}
            type="search"
            name="q"
            maxLength={100}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
          <div className="form__actions">
            <button type="submit" className="button">
              {t('cepesRegister.searchButton')}
            </button>
          </div>
        </form>
      </search>
      <StatusMessage message={saved ? t('cepesRegister.saved', { name: saved }) : null} />
      {page.isPending ? (
        <Loading />
      ) : page.isError ? (
        <QueryError error={page.error} onRetry={() => page.refetch()} />
      ) : page.data.items.length === 0 ? (
        <p>{q ? t('cepesRegister.noMatch', { q }) : t('cepesRegister.empty')}</p>
      ) : (
        <table className="table" data-testid="cepes-register">
          <caption className="visually-hidden">{t('cepesRegister.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cepesRegister.name')}</th>
              <th scope="col">{t('cepesRegister.verdictLegend')}</th>
              <th scope="col">{t('cepesRegister.establishedIn')}</th>
              <th scope="col">{t('cepesRegister.served')}</th>
              <th scope="col">{t('cepesRegister.sectors')}</th>
              <th scope="col">{t('cepesRegister.markingColumn')}</th>
              <th scope="col">{t('cepesRegister.updated')}</th>
              {keeps ? <th scope="col">{t('cepesRegister.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {page.data.items.map((entry) => (
              <tr key={entry.id}>
                <th scope="row">{entry.name}</th>
                <td>{t(`cepesRegister.verdict.${entry.verdict}`)}</td>
                <td>
                  {entry.establishedIn
                    ? format.organisation(entry.establishedIn)
                    : entry.heldBy
                      ? t('cepesRegister.heldBy', { by: format.organisation(entry.heldBy) })
                      : ''}
                </td>
                <td>{format.list(entry.memberStatesServed.map((s) => format.organisation(s)))}</td>
                <td>{format.list(entry.sectors.map(words.sector))}</td>
                <td>
                  <Tlp marking={entry.marking} />
                </td>
                <td>
                  <DateTime value={entry.updatedAt} />
                </td>
                {keeps ? (
                  <td>
                    {entry.abilities.edit ? (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => {
                          setSaved(null);
                          setEditing(entry);
                        }}
                      >
                        {t('cepesRegister.edit', { name: entry.name })}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label={t('cepesRegister.pages')}>
        {cursors.length > 1 ? (
          <button type="button" className="button" onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('cepesRegister.previous')}
          </button>
        ) : null}
        {page.data?.next ? (
          <button
            type="button"
            className="button"
            onClick={() => setCursors((c) => [...c, page.data?.next ?? null])}
          >
            {t('cepesRegister.next')}
          </button>
        ) : null}
      </nav>
      {keeps ? (
        <EntryForm
          key={editing?.id ?? 'new'}
          editing={editing}
          onDone={(name) => {
            setEditing(null);
            setSaved(name);
          }}
        />
      ) : null}
    </Page>
  );
}

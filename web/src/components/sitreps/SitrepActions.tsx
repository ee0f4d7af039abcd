import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client.js';
import {
  type Sitrep,
  sitrepDocumentPath,
  useAddContributor,
  useApproveSitrep,
  useContribute,
  useCorrectSitrep,
} from '../../api/sitreps.js';
import { useFormat } from '../../i18n/useFormat.js';
import { ConfirmStep } from '../ConfirmStep.js';
import { SelectField, TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { AskedAvailability } from '../response/AskedAvailability.js';
import { sitrepNumber } from './permissions.js';

function pagePath(sitrep: Pick<Sitrep, 'incidentId' | 'id'>): string {
  return `/incidents/${encodeURIComponent(sitrep.incidentId)}/sitreps/${encodeURIComponent(sitrep.id)}`;
}

/** The compiling organisation names organisations of the audience who add a section of their own. */
export function ContributorsPanel({ sitrep, canName }: { sitrep: Sitrep; canName: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const add = useAddContributor(sitrep.incidentId, sitrep.id);
  const candidates = sitrep.audience
    .filter((org) => org !== sitrep.createdBy.organisation && !sitrep.contributors.includes(org))
    .sort((a, b) => format.organisation(a).localeCompare(format.organisation(b), format.locale));
  const [chosen, setChosen] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    if (!chosen) {
      setError(t('sitreps.contributors.choose'));
      return;
    }
    add.mutate(chosen, {
      onSuccess: () => {
        setStatus(t('sitreps.contributors.added', { organisation: format.organisation(chosen) }));
        setChosen('');
      },
      onError: (failure) => setError(errorText(failure)),
    });
  };
  const delivered = new Set(sitrep.contributions.map((contribution) => contribution.organisation));
  return (
    <section
      aria-labelledby="contributors-heading"
      className="panel no-print"
      data-testid="sitrep-contributors"
    >
      <h2 id="contributors-heading">{t('sitreps.contributors.heading')}</h2>
      <p className="field__hint">{t('sitreps.contributors.intro')}</p>
      {sitrep.contributors.length === 0 ? (
        <p className="muted">{t('sitreps.contributors.none')}</p>
      ) : (
        <ul className="plain-list sitrep-contributors">
          {sitrep.contributors.map((org) => (
            <li key={org}>
              <strong>{format.organisation(org)}</strong>{' '}
              {delivered.has(org) ? (
                <span className="sitrep-state sitrep-state--published">
                  <span aria-hidden="true">✔ </span>
                  {t('sitreps.contributors.delivered')}
                </span>
              ) : (
                <span className="sitrep-state sitrep-state--draft">
                  <span aria-hidden="true">… </span>
                  {t('sitreps.contributors.waiting')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <AskedAvailability
        states={[...sitrep.contributors.filter((org) => !delivered.has(org)), chosen]}
        testId="contributor-availability"
        silence={false}
      />
      {canName ? (
        <>
          <StatusMessage message={status} />
          <ErrorMessage message={error} />
          {candidates.length === 0 ? (
            <p className="muted">{t('sitreps.contributors.noneLeft')}</p>
          ) : (
            <form className="form form--inline" onSubmit={submit} noValidate>
              <SelectField
                label={t('sitreps.contributors.name')}
                value={chosen}
                name="contributor"
                onChange={(event) => setChosen(event.target.value)}
              >
                <option value="">{t('sitreps.contributors.pick')}</option>
                {candidates.map((org) => (
                  <option key={org} value={org}>
                    {format.organisation(org)}
                  </option>
                ))}
              </SelectField>
              <button type="submit" className="button button--secondary" disabled={add.isPending}>
                {add.isPending ? t('common.working') : t('sitreps.contributors.add')}
              </button>
            </form>
          )}
        </>
      ) : null}
    </section>
  );
}

/** A named contributor writes its section (a second one replaces the first). */
export function ContributionForm({ sitrep, organisation }: { sitrep: Sitrep; organisation: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const contribute = useContribute(sitrep.incidentId, sitrep.id);
  const earlier = sitrep.contributions.find((contribution) => contribution.organisation === organisation);
  const [title, setTitle] = useState(earlier?.title ?? '');
  const [text, setText] = useState(earlier?.text ?? '');
  const [errors, setErrors] = useState<{ title?: string; text?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    if (!title.trim()) {
      setErrors({ title: t('form.required') });
      titleRef.current?.focus();
      return;
    }
    if (!text.trim()) {
      setErrors({ text: t('form.required') });
      textRef.current?.focus();
      return;
    }
    setErrors({});
    contribute.mutate(
      { title: title.trim(), text: text.trim() },
      {
        onSuccess: () => setStatus(t('sitreps.contribute.saved')),
        onError: (failure) => {
          if (isApiError(failure) && (failure.field === 'title' || failure.field === 'text'))
            setErrors({ [failure.field]: failure.fieldMessage });
          else setError(errorText(failure));
        },
      },
    );
  };
  return (
    <section aria-labelledby="contribute-heading" className="panel no-print">
      <h2 id="contribute-heading">{t('sitreps.contribute.heading')}</h2>
      <p className="field__hint">
        {earlier ? t('sitreps.contribute.replaces') : t('sitreps.contribute.intro')}
      </p>
      <StatusMessage message={status} />
      <ErrorMessage message={error} />
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          ref={titleRef}
          label={t('sitreps.contribute.title')}
          error={errors.title}
          name="contributionTitle"
          maxLength={300}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <TextAreaField
          ref={textRef}
          label={t('sitreps.contribute.text')}
          error={errors.text}
          name="contributionText"
          rows={8}
          maxLength={50_000}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={contribute.isPending}>
            {contribute.isPending ? t('common.saving') : t('sitreps.contribute.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Approval by ERCC or the Presidency: a second, explicit step, since it numbers, freezes and distributes. */
/**
 * Approval as its compiler sees it while the platform asks for four eyes: the action is there but disabled, saying
 * why and who approves instead.
 */
export function SecondApproverNotice() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="approve-heading" className="panel sitrep-approve no-print">
      <h2 id="approve-heading">{t('sitreps.approve.heading')}</h2>
      <p id="approve-four-eyes" className="notice" data-testid="sitrep-four-eyes">
        {t('sitreps.approve.secondPerson')}
      </p>
      <button type="button" className="button button--primary" disabled aria-describedby="approve-four-eyes">
        {t('sitreps.approve.start')}
      </button>
    </section>
  );
}

export function ApprovePanel({ sitrep, nextNumber }: { sitrep: Sitrep; nextNumber: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const format = useFormat();
  const approve = useApproveSitrep(sitrep.incidentId, sitrep.id);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const readers = [
    ...sitrep.audience.map((org) => format.organisation(org)),
    ...(sitrep.releasableToNato ? [format.organisation('NATO')] : []),
  ];
  const waiting = sitrep.contributors.filter(
    (org) => !sitrep.contributions.some((contribution) => contribution.organisation === org),
  );
  return (
    <section aria-labelledby="approve-heading" className="panel sitrep-approve no-print">
      <h2 id="approve-heading">{t('sitreps.approve.heading')}</h2>
      <p>{t('sitreps.approve.intro', { number: nextNumber })}</p>
      {waiting.length > 0 ? (
        <p className="notice notice--warning">
          <span aria-hidden="true" className="notice__icon">
            ⚠
          </span>
          {t('sitreps.approve.waiting', { count: waiting.length })}
        </p>
      ) : null}
      <ErrorMessage message={error} />
      {confirming ? (
        <ConfirmStep
          title={t('sitreps.approve.heading')}
          happens={t('sitreps.approve.confirmQuestion', { number: nextNumber, marking: sitrep.marking })}
          told={t('sitreps.approve.told', { readers: format.list(readers) })}
          reasonLabel={t('sitreps.approve.reasonLabel')}
          reasonHint={t('sitreps.approve.reasonHint')}
          confirm={t('sitreps.approve.confirm', { number: nextNumber })}
          pending={approve.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={(reason) =>
            approve.mutate(reason, {
              onError: (failure) => {
                setConfirming(false);
                setError(errorText(failure));
              },
            })
          }
        />
      ) : null}
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          setError(null);
          setConfirming(true);
        }}
      >
        {t('sitreps.approve.start')}
      </button>
    </section>
  );
}

/** A published sitrep: download it, print it, compare it with the one before, or start its correction. */
export function PublishedActions({
  sitrep,
  previous,
  canCorrect,
}: {
  sitrep: Sitrep;
  previous: Sitrep | undefined;
  canCorrect: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const correct = useCorrectSitrep(sitrep.incidentId, sitrep.id);
  const [error, setError] = useState<string | null>(null);
  const number = sitrepNumber(sitrep) ?? '';
  return (
    <div className="sitrep-actions no-print">
      <ErrorMessage message={error} />
      <p className="sitrep-actions__row">
        <a
          className="button button--primary"
          href={sitrepDocumentPath(sitrep.incidentId, sitrep.id, 'pdf')}
          download
          data-testid="sitrep-pdf"
        >
          <span aria-hidden="true">⤓ </span>
          {t('sitreps.actions.pdf')}
        </a>
        <a
          className="button button--primary"
          href={sitrepDocumentPath(sitrep.incidentId, sitrep.id, 'docx')}
          download
          data-testid="sitrep-docx"
        >
          <span aria-hidden="true">⤓ </span>
          {t('sitreps.actions.docx')}
        </a>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('sitreps.actions.print')}
        </button>
        {previous ? (
          <Link
            className="button button--secondary"
            to={`/incidents/${encodeURIComponent(sitrep.incidentId)}/sitreps/compare?${new URLSearchParams({
              from: previous.id,
              to: sitrep.id,
            }).toString()}`}
          >
            {t('sitreps.actions.compare', { number: sitrepNumber(previous) ?? '' })}
          </Link>
        ) : null}
        {canCorrect ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={correct.isPending}
            onClick={() =>
              correct.mutate(undefined, {
                onSuccess: (draft) => navigate(pagePath(draft)),
                onError: (failure) => setError(errorText(failure)),
              })
            }
          >
            {correct.isPending ? t('common.working') : t('sitreps.actions.correct')}
          </button>
        ) : null}
      </p>
      <p className="field__hint">{t('sitreps.actions.frozen', { number })}</p>
    </div>
  );
}

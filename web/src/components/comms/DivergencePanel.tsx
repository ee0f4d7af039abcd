import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type DivergenceView,
  KEY_FACTS,
  type KeyFact,
  useDivergence,
  useMarkKeyFact,
  useRecordNationalPublication,
} from '../../api/comms-review.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { FieldList, optionsOf } from '../FieldList.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { CorrectPublication } from './CorrectPublication.js';
import { WithdrawPublication } from './WithdrawPublication.js';

type StateColumn = DivergenceView['states'][number];
type PublicationItem = StateColumn['publications'][number];

/**
 * What each affected state published nationally, side by side, with the key facts coordinators marked in each and
 * a flag wherever the states' current values contradict each other. The forms follow the server's abilities.
 */
export function DivergencePanel({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const view = useDivergence(incidentId);
  if (!view.data) return null;
  const { states, flags, abilities } = view.data;
  return (
    <section aria-labelledby="divergence-heading" className="comms-divergence">
      <h3 id="divergence-heading">{t('commsReview.divergence.title')}</h3>
      {flags.length === 0 ? (
        <p>{t('commsReview.divergence.noFlags')}</p>
      ) : (
        <ul className="stack" aria-label={t('commsReview.divergence.flags')}>
          {flags.map((f) => (
            <li key={f.fact} className="notice notice--warning">
              <strong>
                <span aria-hidden="true">⚠ </span>
                {t('commsReview.divergence.contradiction', { fact: t(`commsReview.facts.${f.fact}`) })}
              </strong>{' '}
              {f.values
                .map((v) =>
                  t('commsReview.divergence.says', {
                    states: v.organisations.map((o) => format.region(o)).join(', '),
                    value: v.value,
                  }),
                )
                .join('; ')}
            </li>
          ))}
        </ul>
      )}
      <div className="comms-side-by-side">
        {states.map((s) => (
          <StateColumnView key={s.organisation} incidentId={incidentId} state={s} mark={abilities.mark} />
        ))}
      </div>
      {abilities.recordFor.length > 0 ? (
        <PublicationForm incidentId={incidentId} states={abilities.recordFor} />
      ) : null}
    </section>
  );
}

function StateColumnView({
  incidentId,
  state,
  mark,
}: {
  incidentId: string;
  state: StateColumn;
  mark: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = format.region(state.organisation);
  return (
    <article aria-label={t('commsReview.divergence.column', { state: name })}>
      <h4>{name}</h4>
      {state.publications.length === 0 ? <p>{t('commsReview.divergence.nothing')}</p> : null}
      {state.publications.map((p) => (
        <PublicationCard key={p.id} incidentId={incidentId} publication={p} mark={mark} />
      ))}
    </article>
  );
}

function PublicationCard({
  incidentId,
  publication: p,
  mark,
}: {
  incidentId: string;
  publication: PublicationItem;
  mark: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="comms-publication">
      <p>
        <DateTime value={p.publishedAt} /> —{' '}
        {t(p.source === 'line' ? 'commsReview.divergence.fromLine' : 'commsReview.divergence.entered', {
          organisation: p.recordedBy,
        })}
      </p>
      {p.text ? <p className="entry__text">{p.text}</p> : null}
      {p.link ? (
        <p>
          <a href={p.link} rel="noopener noreferrer" target="_blank">
            {p.link}
          </a>
        </p>
      ) : null}
      {p.facts.length > 0 ? (
        <dl>
          {p.facts.map((f) => (
            <div key={f.fact}>
              <dt>{t(`commsReview.facts.${f.fact}`)}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {mark ? <MarkForm incidentId={incidentId} publication={p} /> : null}
      {p.abilities.correct ? <CorrectPublication incidentId={incidentId} publication={p} /> : null}
      {p.abilities.withdraw ? <WithdrawPublication incidentId={incidentId} publicationId={p.id} /> : null}
    </div>
  );
}

function MarkForm({ incidentId, publication: p }: { incidentId: string; publication: PublicationItem }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const markFact = useMarkKeyFact(incidentId);
  const [fact, setFact] = useState<KeyFact>('cause');
  const [value, setValue] = useState(p.facts.find((f) => f.fact === 'cause')?.value ?? '');
  const pick = (next: KeyFact) => {
    setFact(next);
    setValue(p.facts.find((f) => f.fact === next)?.value ?? '');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    markFact.mutate({ publicationId: p.id, fact, value });
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('commsReview.divergence.markTitle')}>
      <FieldList
        values={{ fact, value }}
        onChange={(name, next) => (name === 'fact' ? pick(next as KeyFact) : setValue(next))}
        fields={[
          {
            name: 'fact',
            kind: 'select',
            label: t('commsReview.divergence.fact'),
            options: optionsOf(KEY_FACTS, (f) => t(`commsReview.facts.${f}`)),
          },
          {
            name: 'value',
            label: t('commsReview.divergence.value'),
            hint: t('commsReview.divergence.valueHint'),
          },
        ]}
      />
      <button type="submit" className="button button--small" disabled={markFact.isPending}>
        {t('commsReview.divergence.mark')}
      </button>
      <ErrorMessage message={markFact.error ? errorText(markFact.error) : null} />
    </form>
  );
}

function PublicationForm({ incidentId, states }: { incidentId: string; states: string[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const record = useRecordNationalPublication(incidentId);
  const empty = { state: states[0] ?? '', publishedAt: '', link: '', text: '' };
  const [form, setForm] = useState(empty);
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    record.mutate(
      {
        state: form.state,
        publishedAt: new Date(form.publishedAt).toISOString(),
        ...(form.link.trim() ? { link: form.link.trim() } : {}),
        ...(form.text.trim() ? { text: form.text } : {}),
      },
      {
        onSuccess: () => {
          setForm({ ...empty, state: form.state });
          setDone(t('commsReview.divergence.recorded'));
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="national-publication-heading">
      <h4 id="national-publication-heading">{t('commsReview.divergence.recordTitle')}</h4>
      <FieldList
        values={form}
        onChange={(name, value) => setForm({ ...form, [name]: value })}
        fields={[
          states.length > 1 && {
            name: 'state',
            kind: 'select',
            label: t('commsReview.divergence.state'),
            options: optionsOf(states, format.region),
          },
          {
            name: 'publishedAt',
            label: t('commsReview.divergence.publishedAt'),
            input: { type: 'datetime-local' },
            required: true,
          },
          {
            name: 'link',
            label: t('commsReview.divergence.link'),
            input: { type: 'url' },
            optional: true,
          },
          {
            name: 'text',
            kind: 'textarea',
            label: t('commsReview.divergence.text'),
            hint: t('commsReview.divergence.textHint'),
            optional: true,
          },
        ]}
      />
      <button type="submit" className="button" disabled={record.isPending}>
        {t('commsReview.divergence.record')}
      </button>
      <ErrorMessage message={record.error ? errorText(record.error) : null} />
      <StatusMessage message={done} />
    </form>
  );
}

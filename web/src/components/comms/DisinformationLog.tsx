import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type NewDisinformationInput,
  REACH_ESTIMATES,
  type ReachEstimate,
  useDisinformation,
  useRecordDisinformation,
} from '../../api/public-comms.js';
import { DateTime } from '../DateTime.js';
import { FieldList, optionsOf } from '../FieldList.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { TlpMarking } from '../Tlp.js';

/** Comma- or line-separated words as a list, without empties. */
const listOf = (s: string) =>
  s
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * False narratives observed about the incident, newest first, as far as the reader may see them (each is an entry
 * with its own marking and audience); the form shows only when the server says the reader may log one.
 */
export function DisinformationLog({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const view = useDisinformation(incidentId);
  if (!view.data) return null;
  return (
    <section aria-labelledby="disinformation-heading">
      <h3 id="disinformation-heading">{t('commsPublic.disinformation.title')}</h3>
      {view.data.items.length === 0 ? <p>{t('commsPublic.disinformation.none')}</p> : null}
      <ul className="stack">
        {view.data.items.map((d) => (
          <li key={d.id}>
            <p>
              <strong>{d.narrative}</strong> <TlpMarking marking={d.marking} />
            </p>
            <dl>
              <dt>{t('commsPublic.disinformation.where')}</dt>
              <dd>
                {d.platforms.join(', ')}
                {d.countries.length > 0 ? ` (${d.countries.join(', ')})` : ''}
              </dd>
              <dt>{t('commsPublic.disinformation.since')}</dt>
              <dd>
                <DateTime value={d.observedSince} />
              </dd>
              <dt>{t('commsPublic.disinformation.reach')}</dt>
              <dd>{t(`commsPublic.disinformation.reaches.${d.reach}`)}</dd>
              {d.rebuttal ? (
                <>
                  <dt>{t('commsPublic.disinformation.rebuttal')}</dt>
                  <dd>{d.rebuttal}</dd>
                </>
              ) : null}
              {d.links.length > 0 ? (
                <>
                  <dt>{t('commsPublic.disinformation.links')}</dt>
                  <dd>
                    {d.links.map((l) => (
                      <a key={l} href={l} rel="noopener noreferrer nofollow" target="_blank">
                        {l}
                      </a>
                    ))}
                  </dd>
                </>
              ) : null}
              <dt>{t('commsPublic.disinformation.recordedBy')}</dt>
              <dd>
                {d.recordedBy.name} ({d.recordedBy.organisation}), <DateTime value={d.recordedAt} />
              </dd>
            </dl>
          </li>
        ))}
      </ul>
      {view.data.abilities.record ? <DisinformationForm incidentId={incidentId} /> : null}
    </section>
  );
}

const MARKINGS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT'] as const;

function DisinformationForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const record = useRecordDisinformation(incidentId);
  const reachName = (r: ReachEstimate) => t(`commsPublic.disinformation.reaches.${r}`);
  const empty = { narrative: '', platforms: '', countries: '', since: '', rebuttal: '', links: '' };
  // The estimate and the marking stay as they were for the next narrative; the texts are emptied.
  const [form, setForm] = useState({ ...empty, reach: 'medium', marking: 'TLP:GREEN' });
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    record.mutate(
      {
        narrative: form.narrative,
        platforms: listOf(form.platforms),
        countries: listOf(form.countries).map((c) => c.toUpperCase()),
        observedSince: new Date(form.since).toISOString(),
        reach: form.reach as ReachEstimate,
        ...(form.rebuttal.trim() ? { rebuttal: form.rebuttal } : {}),
        links: listOf(form.links),
        marking: form.marking as NewDisinformationInput['marking'],
      },
      {
        onSuccess: () => {
          setForm((f) => ({ ...f, ...empty }));
          setDone(t('commsPublic.disinformation.recorded'));
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="new-disinformation-heading">
      <h4 id="new-disinformation-heading">{t('commsPublic.disinformation.new')}</h4>
      <FieldList
        values={form}
        onChange={(name, value) => setForm({ ...form, [name]: value })}
        fields={[
          {
            name: 'narrative',
            kind: 'textarea',
            label: t('commsPublic.disinformation.narrative'),
            required: true,
          },
          {
            name: 'platforms',
            label: t('commsPublic.disinformation.platforms'),
            hint: t('commsPublic.disinformation.listHint'),
            required: true,
          },
          {
            name: 'countries',
            label: t('commsPublic.disinformation.countries'),
            hint: t('commsPublic.disinformation.countriesHint'),
            optional: true,
          },
          {
            name: 'since',
            label: t('commsPublic.disinformation.since'),
            input: { type: 'datetime-local' },
            required: true,
          },
          {
            name: 'reach',
            kind: 'select',
            label: t('commsPublic.disinformation.reach'),
            options: optionsOf(REACH_ESTIMATES, reachName),
          },
          {
            name: 'rebuttal',
            kind: 'textarea',
            label: t('commsPublic.disinformation.rebuttal'),
            optional: true,
          },
          {
            name: 'links',
            kind: 'textarea',
            label: t('commsPublic.disinformation.links'),
            hint: t('commsPublic.disinformation.listHint'),
            optional: true,
          },
          {
            name: 'marking',
            kind: 'select',
            label: t('commsPublic.disinformation.marking'),
            options: optionsOf(MARKINGS),
          },
        ]}
      />
      <button type="submit" className="button button--primary" disabled={record.isPending}>
        {t('commsPublic.disinformation.record')}
      </button>
      <ErrorMessage message={record.error ? errorText(record.error) : null} />
      <StatusMessage message={done} />
    </form>
  );
}

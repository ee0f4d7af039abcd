import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Forward,
  useEntryForwarding,
  useForward,
  useForwardPreview,
  useIncidentForwards,
} from '../../api/strategic.js';
import type { Entry } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { SelectField } from '../fields.js';
import { ErrorMessage, Loading, StatusMessage, useErrorText } from '../Messages.js';

/** Kinds that carry a member state's own account, which the server lets its author's organisation forward. */
const FORWARDABLE: readonly string[] = ['report', 'update', 'note'];

/** Where this entry already went, as its readers may see it. */
function ForwardedTo({ forwards }: { forwards: Forward[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (forwards.length === 0) return null;
  return (
    <ul className="plain-list forwarded-to" aria-label={t('reportOnce.forwardedHeading')}>
      {forwards.map((f) => (
        <li key={f.id} className="muted">
          <span aria-hidden="true">↗ </span>
          {t('reportOnce.forwardedTo', {
            mechanism: f.mechanismName,
            organisation: format.organisation(f.forwardedBy.organisation),
          })}{' '}
          <DateTime value={f.forwardedAt} />
          {f.reference ? ` · ${t('reportOnce.reference', { reference: f.reference })}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** The form: only the engaged mechanisms the entry may go to, the summary as it would go, then forward. */
function ForwardForm({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const forwarding = useEntryForwarding(entry.incidentId, entry.id, true);
  const [mechanism, setMechanism] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const preview = useForwardPreview(entry.incidentId, entry.id, mechanism);
  const forward = useForward(entry.incidentId, entry.id);
  const previewId = useId();
  if (forwarding.isPending) return <Loading />;
  if (forwarding.error) return <ErrorMessage message={errorText(forwarding.error)} />;
  const targets = forwarding.data.targets;
  if (targets.length === 0) return <StatusMessage message={done ?? t('reportOnce.noTarget')} />;
  const chosen = targets.find((target) => target.mechanism === mechanism);
  return (
    <div className="stack forward-form">
      <SelectField
        label={t('reportOnce.mechanism')}
        value={mechanism}
        onChange={(e) => {
          setDone(null);
          setMechanism(e.target.value);
        }}
      >
        <option value="">{t('reportOnce.choose')}</option>
        {targets.map((target) => (
          <option key={target.mechanism} value={target.mechanism}>
            {t('reportOnce.target', {
              mechanism: target.name,
              recipients: format.list(target.recipients.map((o) => format.organisation(o))),
            })}
          </option>
        ))}
      </SelectField>
      {chosen ? (
        <>
          <p className="muted">{t('reportOnce.previewHint', { marking: entry.marking })}</p>
          {preview.isPending ? <Loading /> : null}
          {preview.error ? <ErrorMessage message={errorText(preview.error)} /> : null}
          {preview.data ? (
            <pre className="pre-wrap forward-preview" id={previewId}>
              {preview.data.summary.text}
            </pre>
          ) : null}
          <button
            type="button"
            className="button button--primary button--small"
            aria-describedby={previewId}
            disabled={forward.isPending || !preview.data}
            onClick={() =>
              forward.mutate(chosen.mechanism, {
                onSuccess: () => {
                  setDone(t('reportOnce.done', { mechanism: chosen.name }));
                  setMechanism('');
                },
              })
            }
          >
            {t('reportOnce.send', { mechanism: chosen.name })}
          </button>
        </>
      ) : null}
      <ErrorMessage message={forward.error ? errorText(forward.error) : null} />
      <StatusMessage message={done} />
    </div>
  );
}

/**
 * Report once, on an entry: where it was forwarded, for everyone who sees it; and for its author's organisation a
 * "Forward to…" action listing only the engaged mechanisms the server says it may go to.
 */
export function ForwardEntry({ entry, ownOrganisation }: { entry: Entry; ownOrganisation: boolean }) {
  const { t } = useTranslation();
  const forwards = useIncidentForwards(entry.incidentId);
  const [open, setOpen] = useState(false);
  if (!FORWARDABLE.includes(entry.kind)) return null;
  const mine = (forwards.data?.items ?? []).filter((f) => f.entryId === entry.id);
  // The server's forwarding rule is its reach rule's: coordinators of the author's organisation. Whether a
  // mechanism may receive it is asked only when the action is opened.
  const mayForward = ownOrganisation && entry.abilities.changeReach && entry.marking !== 'TLP:RED';
  return (
    <div className="forwarding">
      <ForwardedTo forwards={mine} />
      {mayForward ? (
        <>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {t('reportOnce.open')}
          </button>
          {open ? <ForwardForm entry={entry} /> : null}
        </>
      ) : null}
    </div>
  );
}

/** On an engagement: what member states forwarded to that mechanism, among what the reader may see. */
export function EngagementForwards({ incidentId, mechanism }: { incidentId: string; mechanism: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const forwards = useIncidentForwards(incidentId);
  const items = (forwards.data?.items ?? []).filter((f) => f.mechanism === mechanism);
  if (items.length === 0) return null;
  return (
    <details className="engagement__forwards">
      <summary>{t('reportOnce.onEngagement', { count: items.length })}</summary>
      <ul className="plain-list">
        {items.map((f) => (
          <li key={f.id}>
            {t('reportOnce.fromOrganisation', {
              organisation: format.organisation(f.forwardedBy.organisation),
            })}{' '}
            <DateTime value={f.forwardedAt} />
            <pre className="pre-wrap forward-preview">{f.summary.text}</pre>
          </li>
        ))}
      </ul>
    </details>
  );
}

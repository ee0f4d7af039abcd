import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAcknowledgeIncidentHandover,
  useIncidentHandovers,
  useWriteHandover,
} from '../../api/handovers.js';
import type { Handover } from '../../api/response.js';
import { useAssignees } from '../../api/response.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { SelectField, TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../Messages.js';
import { useSession } from '../session.js';

function WriteHandoverForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const write = useWriteHandover(incidentId);
  const errorText = useErrorText();
  // The people of the reader's organisation; the server refuses anyone else, and the author themselves.
  const colleagues = (useAssignees(incidentId, me.organisation.id).data?.items ?? []).filter(
    (p) => p.userId !== me.id,
  );
  const [changed, setChanged] = useState('');
  const [openAsks, setOpenAsks] = useState('');
  const [nextCover, setNextCover] = useState('');
  const [incoming, setIncoming] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    write.mutate(
      { changed, openAsks, nextCover, ...(incoming ? { incomingUserId: incoming } : {}) },
      {
        onSuccess: () => {
          setDone(t('response.handoverForm.written'));
          setChanged('');
          setOpenAsks('');
          setNextCover('');
          setIncoming('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="write-handover-heading">
      <h3 id="write-handover-heading">{t('response.handoverForm.new')}</h3>
      <p className="muted">{t('response.handoverForm.hint')}</p>
      <TextAreaField
        label={t('response.handover.changed')}
        value={changed}
        onChange={(e) => setChanged(e.target.value)}
        rows={3}
        maxLength={10000}
        required
      />
      <TextAreaField
        label={t('response.handover.openAsks')}
        value={openAsks}
        onChange={(e) => setOpenAsks(e.target.value)}
        rows={2}
        maxLength={10000}
        optional
      />
      <TextAreaField
        label={t('response.handover.nextCover')}
        value={nextCover}
        onChange={(e) => setNextCover(e.target.value)}
        rows={2}
        maxLength={10000}
        optional
      />
      <SelectField
        label={t('response.handoverForm.incoming')}
        value={incoming}
        onChange={(e) => setIncoming(e.target.value)}
        optional
      >
        <option value="">{t('response.handoverForm.anyone')}</option>
        {colleagues.map((p) => (
          <option key={p.userId} value={p.userId}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button--primary" disabled={write.isPending}>
        {t('response.handoverForm.write')}
      </button>
      <ErrorMessage message={write.error ? errorText(write.error) : null} />
      <StatusMessage message={done} />
    </form>
  );
}

function HandoverItem({ incidentId, handover }: { incidentId: string; handover: Handover }) {
  const { t } = useTranslation();
  const acknowledge = useAcknowledgeIncidentHandover(incidentId);
  const errorText = useErrorText();
  const [note, setNote] = useState('');
  return (
    <li data-testid="handover">
      <p>
        {t('response.handover.by', { name: handover.writtenBy.name })} <DateTime value={handover.writtenAt} />
      </p>
      <p className="pre-wrap">
        {t('response.handover.changed')}: {handover.changed}
      </p>
      {handover.openAsks ? (
        <p className="pre-wrap">
          {t('response.handover.openAsks')}: {handover.openAsks}
        </p>
      ) : null}
      {handover.nextCover ? (
        <p className="pre-wrap">
          {t('response.handover.nextCover')}: {handover.nextCover}
        </p>
      ) : null}
      {handover.acknowledged ? (
        <p className="muted">
          {t('response.handoverForm.acknowledgedBy', { name: handover.acknowledged.name })}{' '}
          <DateTime value={handover.acknowledged.at} />
          {handover.acknowledged.note ? ` — ${handover.acknowledged.note}` : ''}
        </p>
      ) : handover.abilities.acknowledge ? (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            acknowledge.mutate({ handoverId: handover.id, note });
          }}
        >
          <TextField
            label={t('response.handoverForm.ackNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={2000}
            optional
          />
          <button type="submit" className="button" disabled={acknowledge.isPending}>
            {t('response.handoverForm.acknowledge')}
          </button>
          <ErrorMessage message={acknowledge.error ? errorText(acknowledge.error) : null} />
        </form>
      ) : (
        <p className="muted">{t('response.handoverForm.waiting')}</p>
      )}
    </li>
  );
}

/**
 * Duty-shift handovers of the reader's organisation for this incident: the outgoing officer writes what changed,
 * the open asks and who covers what next; the incoming officer acknowledges. Nobody outside the organisation sees
 * them (the server's rule); the form and the button show only when the server says the reader may use them.
 */
export function HandoverPanel({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSession();
  const query = useIncidentHandovers(incidentId);
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { items, abilities } = query.data;
  if (items.length === 0 && !abilities.write) return null;
  return (
    <section aria-labelledby="handovers-heading" className="panel" data-testid="handover-panel">
      <h2 id="handovers-heading">
        {t('response.handoverForm.heading', { organisation: format.organisation(me.organisation.id) })}
      </h2>
      {items.length === 0 ? (
        <p className="muted">{t('response.handoverForm.empty')}</p>
      ) : (
        <ul className="plain-list">
          {items.map((h) => (
            <HandoverItem key={h.id} incidentId={incidentId} handover={h} />
          ))}
        </ul>
      )}
      {abilities.write ? <WriteHandoverForm incidentId={incidentId} /> : null}
    </section>
  );
}

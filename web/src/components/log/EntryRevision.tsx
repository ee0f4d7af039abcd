import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { correctionOf, useCorrectEntry, useRetractEntry } from '../../api/entry-revision.js';
import type { Entry } from '../../api/types.js';
import { FieldList } from '../FieldList.js';
import { ErrorMessage, useErrorText } from '../Messages.js';
import { useSession } from '../session.js';

type Opened = 'correct' | 'retract' | null;

/**
 * A refusal in the server's own words (`{"error":{"message"}}`): it names why this entry is not corrected or
 * retracted (a line's step, the first report, another organisation's entry), which a generic sentence would hide.
 */
function useRefusalText() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (error: unknown): string =>
    error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401
      ? t('errors.rejected', { message: error.message })
      : errorText(error);
}

/**
 * "Correct" and "Retract" on an entry, each opening a small form in the card, shown only as the entry's abilities
 * say: the server decides who may and which entries are changed by their own commands instead.
 */
export function EntryRevision({ entry, describedBy }: { entry: Entry; describedBy: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<Opened>(null);
  const { correct, retract } = entry.abilities;
  if (!correct && !retract) return null;
  return (
    <div className="entry__revision">
      {opened === null ? (
        <div className="entry__actions">
          {correct ? (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-describedby={describedBy}
              onClick={() => setOpened('correct')}
            >
              {t('entryRevision.correct')}
            </button>
          ) : null}
          {retract ? (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-describedby={describedBy}
              onClick={() => setOpened('retract')}
            >
              {t('entryRevision.retract')}
            </button>
          ) : null}
        </div>
      ) : opened === 'correct' ? (
        <CorrectionForm entry={entry} onDone={() => setOpened(null)} />
      ) : (
        <RetractionForm entry={entry} onDone={() => setOpened(null)} />
      )}
    </div>
  );
}

function FormButtons({
  confirm,
  pending,
  onCancel,
}: {
  confirm: string;
  pending: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="entry__actions">
      <button type="submit" className="button button--small" disabled={pending}>
        {confirm}
      </button>
      <button type="button" className="button button--secondary button--small" onClick={onCancel}>
        {t('entryRevision.cancel')}
      </button>
    </div>
  );
}

/** The corrected wording, starting from the entry's own text; the correction keeps the entry's reach. */
function CorrectionForm({ entry, onDone }: { entry: Entry; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const refusal = useRefusalText();
  const correct = useCorrectEntry(entry.incidentId);
  const [text, setText] = useState(entry.text ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    correct.mutate(correctionOf(entry, text, me.email), { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('entryRevision.correctTitle')}>
      <FieldList
        values={{ text }}
        onChange={(_name, next) => setText(next)}
        fields={[
          {
            name: 'text',
            kind: 'textarea',
            label: t('entryRevision.correctText'),
            hint: t('entryRevision.correctHint'),
            required: true,
          },
        ]}
      />
      <FormButtons
        confirm={t('entryRevision.confirmCorrect')}
        pending={correct.isPending}
        onCancel={onDone}
      />
      <ErrorMessage message={correct.error ? refusal(correct.error) : null} />
    </form>
  );
}

function RetractionForm({ entry, onDone }: { entry: Entry; onDone: () => void }) {
  const { t } = useTranslation();
  const refusal = useRefusalText();
  const retract = useRetractEntry(entry.incidentId);
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    retract.mutate({ entryId: entry.id, reason }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('entryRevision.retractTitle')}>
      <FieldList
        values={{ reason }}
        onChange={(_name, next) => setReason(next)}
        fields={[
          {
            name: 'reason',
            kind: 'textarea',
            label: t('entryRevision.retractReason'),
            hint: t('entryRevision.retractHint'),
            required: true,
          },
        ]}
      />
      <FormButtons
        confirm={t('entryRevision.confirmRetract')}
        pending={retract.isPending}
        onCancel={onDone}
      />
      <ErrorMessage message={retract.error ? refusal(retract.error) : null} />
    </form>
  );
}

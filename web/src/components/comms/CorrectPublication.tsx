import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DivergenceView, useCorrectNationalPublication } from '../../api/comms-review.js';
import { FieldList } from '../FieldList.js';
import { ErrorMessage, useErrorText } from '../Messages.js';

type PublicationItem = DivergenceView['states'][number]['publications'][number];

/**
 * The recording organisation puts a publication's link (and, for one entered here, its text) right, saying what was
 * wrong. The server decides who sees it (the publication's `correct` ability); empty fields stay as recorded.
 */
export function CorrectPublication({
  incidentId,
  publication: p,
}: {
  incidentId: string;
  publication: PublicationItem;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const correct = useCorrectNationalPublication(incidentId);
  const empty = { reason: '', link: '', text: '' };
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(empty);
  if (!open)
    return (
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        {t('commsReview.divergence.correct')}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    correct.mutate(
      {
        publicationId: p.id,
        reason: form.reason,
        ...(form.link.trim() ? { link: form.link.trim() } : {}),
        ...(p.source === 'entered' && form.text.trim() ? { text: form.text } : {}),
      },
      {
        onSuccess: () => {
          setForm(empty);
          setOpen(false);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('commsReview.divergence.correctTitle')}>
      <FieldList
        values={form}
        onChange={(name, value) => setForm({ ...form, [name]: value })}
        fields={[
          {
            name: 'reason',
            label: t('commsReview.divergence.correctReason'),
            required: true,
          },
          {
            name: 'link',
            label: t('commsReview.divergence.correctLink'),
            hint:
              p.source === 'line'
                ? t('commsReview.divergence.lineTextHint')
                : t('commsReview.divergence.correctHint'),
            input: { type: 'url' },
            optional: true,
          },
          p.source === 'entered' && {
            name: 'text',
            kind: 'textarea',
            label: t('commsReview.divergence.correctText'),
            optional: true,
          },
        ]}
      />
      <div>
        <button type="submit" className="button button--small" disabled={correct.isPending}>
          {t('commsReview.divergence.confirmCorrect')}
        </button>
        <button type="button" className="button button--small" onClick={() => setOpen(false)}>
          {t('commsReview.divergence.cancelCorrect')}
        </button>
      </div>
      <ErrorMessage message={correct.error ? errorText(correct.error) : null} />
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWithdrawNationalPublication } from '../../api/comms-review.js';
import { FieldList } from '../FieldList.js';
import { ErrorMessage, useErrorText } from '../Messages.js';

/**
 * The recording organisation's way back from a publication recorded wrongly: a button that opens a reason field, so
 * that a withdrawal is never one stray click. The server decides who sees it (the publication's `withdraw` ability).
 */
export function WithdrawPublication({
  incidentId,
  publicationId,
}: {
  incidentId: string;
  publicationId: string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const withdraw = useWithdrawNationalPublication(incidentId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open)
    return (
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        {t('commsReview.divergence.withdraw')}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    withdraw.mutate({ publicationId, reason });
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('commsReview.divergence.withdrawTitle')}>
      <FieldList
        values={{ reason }}
        onChange={(_name, next) => setReason(next)}
        fields={[
          {
            name: 'reason',
            kind: 'textarea',
            label: t('commsReview.divergence.withdrawReason'),
            hint: t('commsReview.divergence.withdrawHint'),
            required: true,
          },
        ]}
      />
      <div>
        <button type="submit" className="button button--small" disabled={withdraw.isPending}>
          {t('commsReview.divergence.confirmWithdraw')}
        </button>
        <button type="button" className="button button--small" onClick={() => setOpen(false)}>
          {t('commsReview.divergence.cancelWithdraw')}
        </button>
      </div>
      <ErrorMessage message={withdraw.error ? errorText(withdraw.error) : null} />
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.js';
import { TextAreaField } from './fields.js';
import { ErrorMessage } from './Messages.js';

/**
 * Asks before a consequential step (activating, joining, deactivating, standing a mechanism down, publishing):
 * says what will happen and who will be told, and takes a reason — required where the step needs a text.
 */
export function ConfirmStep({
  title,
  happens,
  told,
  reasonLabel,
  reasonHint,
  reasonRequired = false,
  maxLength = 2000,
  confirm,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  title: string;
  happens: string;
  told: string;
  reasonLabel: string;
  reasonHint?: string;
  reasonRequired?: boolean;
  maxLength?: number;
  confirm: string;
  pending: boolean;
  error?: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (reasonRequired && reason.trim() === '') {
      setMissing(t('form.required'));
      return;
    }
    onConfirm(reason.trim());
  };
  return (
    <Dialog title={title} onClose={onCancel}>
      <form className="form confirm-step" onSubmit={send} noValidate>
        <p data-testid="confirm-happens">{happens}</p>
        <p data-testid="confirm-told">
          <strong>{t('common.toldLabel')}</strong> {told}
        </p>
        <ErrorMessage message={error ?? null} />
        <TextAreaField
          label={reasonLabel}
          hint={reasonHint}
          error={missing}
          optional={!reasonRequired}
          rows={3}
          maxLength={maxLength}
          value={reason}
          autoFocus
          onChange={(event) => setReason(event.target.value)}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? t('common.working') : confirm}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

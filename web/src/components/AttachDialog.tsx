import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { useAttachFile } from '../api/hooks.js';
import { type Entry, TLP_MARKINGS, type TlpMarking } from '../api/types.js';
import { Dialog } from './Dialog.js';
import { CheckboxField, TextField } from './fields.js';
import { ErrorMessage, useErrorText } from './Messages.js';
import { OrganisationPicker } from './OrganisationPicker.js';
import { type FieldErrors, MarkingPicker, parseRecipients } from './ReachFields.js';
import { RecipientPicker } from './RecipientPicker.js';
import { markingRank } from './Tlp.js';

/** The server's default limit; it answers 413 above its configured one. */
const LARGEST_FILE_BYTES = 25 * 1024 * 1024;

type AttachField = 'file' | 'marking' | 'audience' | 'recipients' | 'nato';

/** Which field a server error is about: the query parameters, the file name, or the file itself. */
function attachField(error: unknown): AttachField | undefined {
  if (!isApiError(error)) return undefined;
  if (error.status === 413) return 'file';
  const field = error.field?.split(/[.[]/)[0];
  if (field === 'name' || field === 'body') return 'file';
  if (field === 'marking' || field === 'audience' || field === 'recipients' || field === 'nato') return field;
  return undefined;
}

/** Attach a file to an entry, with its own marking and audience, never wider than the entry's. */
export function AttachDialog({
  entry,
  onClose,
  onAttached,
}: {
  entry: Entry;
  onClose: () => void;
  onAttached: (message: string) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const attach = useAttachFile(entry.incidentId);
  const [file, setFile] = useState<File | null>(null);
  const [marking, setMarking] = useState<TlpMarking>(entry.marking);
  const readers = entry.whoCanSee.organisations;
  const [audience, setAudience] = useState<string[]>(readers);
  const [audienceChanged, setAudienceChanged] = useState(false);
  // The author sees the addresses of a RED entry's recipients; an attachment goes to some of them.
  const entryRecipients = entry.recipients.flatMap((person) =>
    person.email ? [{ ...person, email: person.email }] : [],
  );
  const [recipients, setRecipients] = useState(entryRecipients.map((person) => person.email).join(', '));
  const [nato, setNato] = useState(entry.releasableToNato);
  const [errors, setErrors] = useState<FieldErrors<AttachField>>({});
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const red = marking === 'TLP:RED';
  // An attachment may be marked as the entry is, or more restrictively.
  const markings = TLP_MARKINGS.filter((candidate) => markingRank(candidate) >= markingRank(entry.marking));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found: FieldErrors<AttachField> = {};
    if (!file) found.file = t('attachments.fileRequired');
    else if (file.size === 0) found.file = t('attachments.fileEmpty');
    else if (file.size > LARGEST_FILE_BYTES) found.file = t('attachments.tooLarge');
    if (red && parseRecipients(recipients).length === 0) found.recipients = t('reach.recipientsRequired');
    if (!red && audienceChanged && audience.length === 0) found.audience = t('attachments.audienceRequired');
    setErrors(found);
    if (found.file) fileRef.current?.focus();
    if (!file || Object.keys(found).length > 0) return;
    attach.mutate(
      {
        entryId: entry.id,
        file,
        marking,
        ...(red ? { recipients: parseRecipients(recipients) } : audienceChanged ? { audience } : {}),
        releasableToNato: !red && nato,
      },
      {
        onSuccess: (attachment) => onAttached(t('attachments.attached', { name: attachment.fileName })),
        onError: (failure) => {
          const field = attachField(failure);
          if (field && isApiError(failure)) {
            setErrors({ [field]: failure.status === 413 ? t('attachments.tooLarge') : failure.fieldMessage });
            if (field === 'file') fileRef.current?.focus();
          } else {
            setError(errorText(failure));
          }
        },
      },
    );
  };

  return (
    <Dialog title={t('attachments.title')} onClose={onClose} wide>
      <form className="form form--wide" onSubmit={submit} noValidate>
        <p className="dialog__context">{entry.text ?? t('reach.entryWithoutText')}</p>
        <ErrorMessage message={error} />
        <TextField
          ref={fileRef}
          label={t('attachments.file')}
          hint={t('attachments.fileHint')}
          error={errors.file}
          type="file"
          name="file"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <MarkingPicker
          value={marking}
          onChange={setMarking}
          error={errors.marking}
          markings={markings}
          legend={t('attachments.marking')}
        />
        {red ? (
          <RecipientPicker
            hint={t('attachments.recipientsHint')}
            error={errors.recipients}
            value={recipients}
            onChange={setRecipients}
            nato={false}
            known={entryRecipients}
          />
        ) : null}
        <OrganisationPicker
          legend={t('attachments.audience')}
          hint={t('attachments.audienceHint')}
          error={errors.audience}
          selected={audience}
          onChange={(next) => {
            setAudience(next);
            setAudienceChanged(true);
          }}
          disabled={red}
          disabledReason={t('reach.audienceRed')}
          candidates={readers}
        />
        {entry.releasableToNato ? (
          <CheckboxField
            label={t('attachments.nato')}
            hint={red ? t('reach.natoRed') : t('attachments.natoHint')}
            error={errors.nato}
            name="nato"
            checked={!red && nato}
            disabled={red}
            onChange={(event) => setNato(event.target.checked)}
          />
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={attach.isPending}>
            {attach.isPending ? t('attachments.uploading') : t('attachments.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

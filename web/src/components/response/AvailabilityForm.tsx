import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAvailability, useSetAvailability } from '../../api/response.js';
import { SelectField, TextField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';

/** A member state's coordinator says how much the EU can ask of it while its national response comes first. */
export function AvailabilityForm({ memberState }: { memberState: string }) {
  const { t } = useTranslation();
  const current = useAvailability().data?.items.find((a) => a.memberState === memberState);
  const save = useSetAvailability(memberState);
  const errorText = useErrorText();
  const [availability, setAvailability] = useState('normal');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (current) {
      setAvailability(current.availability);
      setNote(current.note);
    }
  }, [current]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    save.mutate({ availability, note }, { onSuccess: () => setDone(t('response.availabilityForm.saved')) });
  };
  return (
    <section aria-labelledby="availability-heading" className="panel">
      <h2 id="availability-heading">{t('response.availabilityForm.heading')}</h2>
      <form onSubmit={submit} className="stack">
        <SelectField
          label={t('response.availabilityForm.label')}
          value={availability}
          onChange={(e) => setAvailability(e.target.value)}
        >
          {(['normal', 'limited', 'only-urgent'] as const).map((a) => (
            <option key={a} value={a}>
              {t(`response.availabilityForm.options.${a}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('response.availabilityForm.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          optional
        />
        <button type="submit">{t('response.availabilityForm.save')}</button>
        <ErrorMessage message={save.error ? errorText(save.error) : null} />
        <StatusMessage message={done} />
      </form>
    </section>
  );
}

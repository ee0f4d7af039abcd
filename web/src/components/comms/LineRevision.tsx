import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageVersionView } from '../../api/comms.js';
import { useMoveEmbargo, useNewVersion } from '../../api/comms-revision.js';
import { SelectField, TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';

/**
 * What the drafter of a line does with it once written: move its embargo while it holds, and write its next
 * version (an Update or a Cancel) once it is approved. Shown only where the server's abilities allow it.
 */
export function LineRevision({
  incidentId,
  version: v,
}: {
  incidentId: string;
  version: MessageVersionView;
}) {
  if (!v.abilities.moveEmbargo && !v.abilities.newVersion) return null;
  return (
    <>
      {v.abilities.moveEmbargo ? <EmbargoForm incidentId={incidentId} version={v} /> : null}
      {v.abilities.newVersion ? <NewVersionForm incidentId={incidentId} version={v} /> : null}
    </>
  );
}

function EmbargoForm({ incidentId, version: v }: { incidentId: string; version: MessageVersionView }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const move = useMoveEmbargo(incidentId);
  const [embargo, setEmbargo] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    move.mutate(
      { messageId: v.messageId, embargoUntil: new Date(embargo).toISOString() },
      { onSuccess: () => setDone(t('commsRevision.embargo.moved')) },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('commsRevision.embargo.title')}>
      <TextField
        label={t('commsRevision.embargo.until')}
        hint={t('commsRevision.embargo.hint')}
        type="datetime-local"
        value={embargo}
        onChange={(e) => setEmbargo(e.target.value)}
        required
      />
      <button type="submit" className="button" disabled={move.isPending}>
        {t('commsRevision.embargo.move')}
      </button>
      <ErrorMessage message={move.error ? errorText(move.error) : null} />
      <StatusMessage message={done} />
    </form>
  );
}

type Text = { language: string; headline: string; text: string; instruction: string };

/**
 * The next version starts from the current one's texts, leaving out draft translations no one has approved; it
 * keeps the current embargo unless another is set (an embargo already over means none).
 */
function NewVersionForm({ incidentId, version: v }: { incidentId: string; version: MessageVersionView }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const write = useNewVersion(incidentId);
  const drafts = new Set(v.translations.filter((x) => !x.approved).map((x) => x.language));
  const start = (): Text[] =>
    v.texts
      .filter((x) => !drafts.has(x.language))
      .map((x) => ({
        language: x.language,
        headline: x.headline,
        text: x.text,
        instruction: x.instruction,
      }));
  const [msgType, setMsgType] = useState<'Update' | 'Cancel'>('Update');
  const [event, setEvent] = useState(v.event);
  const [embargo, setEmbargo] = useState('');
  const [texts, setTexts] = useState<Text[]>(start);
  const [done, setDone] = useState<string | null>(null);
  const change = (language: string, part: 'headline' | 'text' | 'instruction', value: string) =>
    setTexts(texts.map((x) => (x.language === language ? { ...x, [part]: value } : x)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    write.mutate(
      {
        messageId: v.messageId,
        msgType,
        event,
        category: v.category,
        urgency: v.urgency,
        severity: v.severity,
        certainty: v.certainty,
        embargoUntil: embargo ? new Date(embargo).toISOString() : v.embargoUntil,
        texts,
      },
      { onSuccess: () => setDone(t('commsRevision.version.written', { version: v.version + 1 })) },
    );
  };
  return (
    <details className="comms-revision">
      <summary>{t('commsRevision.version.open')}</summary>
      <form onSubmit={submit} className="stack" aria-label={t('commsRevision.version.title')}>
        <p className="field__hint">{t('commsRevision.version.hint')}</p>
        <SelectField
          label={t('commsRevision.version.kind')}
          value={msgType}
          onChange={(e) => setMsgType(e.target.value === 'Cancel' ? 'Cancel' : 'Update')}
        >
          <option value="Update">{t('commsRevision.version.update')}</option>
          <option value="Cancel">{t('commsRevision.version.cancel')}</option>
        </SelectField>
        <TextField
          label={t('comms.event')}
          value={event}
          onChange={(e) => setEvent(e.target.value)}
          required
        />
        <TextField
          label={t('commsRevision.version.embargo')}
          hint={t('commsRevision.version.embargoHint')}
          type="datetime-local"
          value={embargo}
          onChange={(e) => setEmbargo(e.target.value)}
          optional
        />
        {texts.map((x) => (
          <fieldset key={x.language}>
            <legend>{x.language.toUpperCase()}</legend>
            <TextField
              label={t('commsRevision.version.headline')}
              value={x.headline}
              onChange={(e) => change(x.language, 'headline', e.target.value)}
              lang={x.language}
              required
            />
            <TextAreaField
              label={t('commsRevision.version.text')}
              value={x.text}
              onChange={(e) => change(x.language, 'text', e.target.value)}
              lang={x.language}
              required
            />
            <TextAreaField
              label={t('commsRevision.version.instruction')}
              value={x.instruction}
              onChange={(e) => change(x.language, 'instruction', e.target.value)}
              lang={x.language}
              optional
            />
          </fieldset>
        ))}
        <button type="submit" className="button" disabled={write.isPending}>
          {t('commsRevision.version.send')}
        </button>
        <ErrorMessage message={write.error ? errorText(write.error) : null} />
        <StatusMessage message={done} />
      </form>
    </details>
  );
}

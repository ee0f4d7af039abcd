import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageVersionView } from '../../api/comms.js';
import { OFFICIAL_LANGUAGES, useTranslateMessage } from '../../api/comms-review.js';
import { SelectField, TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';

/** The label beside a text started from another language, until a person of its state approved it. */
export function TranslationMark({ version: v, language }: { version: MessageVersionView; language: string }) {
  const { t } = useTranslation();
  const translation = v.translations.find((x) => x.language === language);
  if (!translation) return null;
  return (
    <span className={translation.approved ? 'badge' : 'badge translation-draft'}>
      {translation.approved
        ? t('commsReview.translation.approved', {
            from: translation.translatedFrom.toUpperCase(),
            by: translation.translatedBy,
          })
        : t('commsReview.translation.draft', {
            from: translation.translatedFrom.toUpperCase(),
            by: translation.translatedBy,
          })}
    </span>
  );
}

/**
 * Starts a language version of the line from another language: the chosen source's text is the starting point,
 * and the approved texts of the other languages stand beside the editor. No translation service is called.
 */
export function TranslationEditor({
  incidentId,
  version: v,
}: {
  incidentId: string;
  version: MessageVersionView;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const translate = useTranslateMessage(incidentId);
  const draftTranslations = new Set(v.translations.filter((x) => !x.approved).map((x) => x.language));
  const written = new Set(v.texts.map((x) => x.language));
  const targets = OFFICIAL_LANGUAGES.filter((l) => !written.has(l) || draftTranslations.has(l));
  const [language, setLanguage] = useState('');
  const [from, setFrom] = useState<string>(v.texts[0]?.language ?? 'en');
  const [form, setForm] = useState({ headline: '', text: '', instruction: '' });
  const [done, setDone] = useState<string | null>(null);
  const approved = v.texts.filter((x) => v.approvedLanguages.includes(x.language) && x.language !== language);

  /** Picking the languages fills the editor with the source text, or the draft translation being reworked. */
  const start = (target: string, source: string) => {
    setLanguage(target);
    setFrom(source);
    const base = v.texts.find((x) => x.language === (draftTranslations.has(target) ? target : source));
    setForm({ headline: base?.headline ?? '', text: base?.text ?? '', instruction: base?.instruction ?? '' });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    translate.mutate(
      { messageId: v.messageId, language, translatedFrom: from, ...form },
      { onSuccess: () => setDone(t('commsReview.translation.saved', { language: language.toUpperCase() })) },
    );
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <details className="comms-translation">
      <summary>{t('commsReview.translation.open')}</summary>
      <div className="comms-side-by-side">
        <form onSubmit={submit} className="stack" aria-label={t('commsReview.translation.title')}>
          <SelectField
            label={t('commsReview.translation.language')}
            value={language}
            onChange={(e) => start(e.target.value, from)}
            required
          >
            <option value="">{t('commsReview.translation.choose')}</option>
            {targets.map((l) => (
              <option key={l} value={l}>
                {l.toUpperCase()}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('commsReview.translation.from')}
            value={from}
            onChange={(e) => start(language, e.target.value)}
          >
            {v.texts
              .filter((x) => x.language !== language)
              .map((x) => (
                <option key={x.language} value={x.language}>
                  {x.language.toUpperCase()}
                </option>
              ))}
          </SelectField>
          <p className="field__hint">{t('commsReview.translation.hint')}</p>
          <TextField
            label={t('commsReview.translation.headline')}
            value={form.headline}
            onChange={set('headline')}
            lang={language || undefined}
            required
          />
          <TextAreaField
            label={t('commsReview.translation.text')}
            value={form.text}
            onChange={set('text')}
            lang={language || undefined}
            required
          />
          <TextAreaField
            label={t('commsReview.translation.instruction')}
            value={form.instruction}
            onChange={set('instruction')}
            lang={language || undefined}
            optional
          />
          <button type="submit" className="button" disabled={translate.isPending || language === ''}>
            {t('commsReview.translation.save')}
          </button>
          <ErrorMessage message={translate.error ? errorText(translate.error) : null} />
          <StatusMessage message={done} />
        </form>
        <section aria-label={t('commsReview.translation.approvedTexts')}>
          <h4>{t('commsReview.translation.approvedTexts')}</h4>
          {approved.length === 0 ? <p>{t('commsReview.translation.noneApproved')}</p> : null}
          {approved.map((x) => (
            <div key={x.language} lang={x.language}>
              <p>
                <strong>
                  {x.language.toUpperCase()}: {x.headline}
                </strong>
              </p>
              <p>{x.text}</p>
              {x.instruction ? <p>{x.instruction}</p> : null}
            </div>
          ))}
        </section>
      </div>
    </details>
  );
}

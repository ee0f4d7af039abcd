import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { type SectionKey, type Sitrep, useEditSitrep } from '../../api/sitreps.js';
import { TLP_MARKINGS, type TlpMarking } from '../../api/types.js';
import { TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { MarkingPicker } from '../ReachFields.js';
import { isMarking, markingRank } from '../Tlp.js';
import { useSectionTitle } from './SitrepDocument.js';

/**
 * The markings a sitrep may carry: never below the most restrictive of its sources. TLP:RED is for named people,
 * not for a product sent to organisations, so it is offered only when a source already demands it.
 */
export function allowedMarkings(minimum: string): TlpMarking[] {
  const floor = markingRank(minimum);
  return TLP_MARKINGS.filter(
    (marking) => markingRank(marking) >= floor && (marking !== 'TLP:RED' || minimum === 'TLP:RED'),
  );
}

/** Edit a draft: its title, its marking (raised, never lowered below its sources) and each section's text. */
export function SitrepEditor({ sitrep }: { sitrep: Sitrep }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const sectionTitle = useSectionTitle();
  const edit = useEditSitrep(sitrep.incidentId, sitrep.id);
  const [title, setTitle] = useState(sitrep.title);
  const [marking, setMarking] = useState<TlpMarking>(
    isMarking(sitrep.marking) ? sitrep.marking : 'TLP:AMBER',
  );
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(sitrep.sections.map((section) => [section.key, section.text])),
  );
  const [errors, setErrors] = useState<{ title?: string; marking?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);

  const changedSections = sitrep.sections.filter((section) => (texts[section.key] ?? '') !== section.text);
  const dirty = title.trim() !== sitrep.title || marking !== sitrep.marking || changedSections.length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    setError(null);
    setErrors({});
    if (!title.trim()) {
      setErrors({ title: t('form.required') });
      titleRef.current?.focus();
      return;
    }
    edit.mutate(
      {
        title: title.trim(),
        marking,
        sections: changedSections.map((section) => ({
          key: section.key as SectionKey,
          text: texts[section.key] ?? '',
        })),
      },
      {
        onSuccess: () => setStatus(t('sitreps.editor.saved')),
        onError: (failure) => {
          if (isApiError(failure) && (failure.field === 'title' || failure.field === 'marking'))
            setErrors({ [failure.field]: failure.fieldMessage });
          else setError(errorText(failure));
        },
      },
    );
  };

  return (
    <form
      className="form sitrep-editor no-print"
      onSubmit={submit}
      noValidate
      aria-labelledby="editor-heading"
    >
      <h2 id="editor-heading">{t('sitreps.editor.heading')}</h2>
      <p className="field__hint">{t('sitreps.editor.intro')}</p>
      <StatusMessage message={status} />
      <ErrorMessage message={error} />
      <TextField
        ref={titleRef}
        label={t('sitreps.editor.title')}
        error={errors.title}
        name="title"
        maxLength={300}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <MarkingPicker
        legend={t('sitreps.editor.marking')}
        value={marking}
        onChange={setMarking}
        markings={allowedMarkings(sitrep.minimumMarking)}
        error={errors.marking}
      />
      <p className="field__hint sitrep-editor__minimum">
        {t('sitreps.editor.minimum', { marking: sitrep.minimumMarking })}
      </p>
      {sitrep.sections.map((section) => (
        <TextAreaField
          key={section.key}
          label={sectionTitle(section)}
          name={`section-${section.key}`}
          rows={Math.min(14, Math.max(4, (texts[section.key] ?? '').split('\n').length + 1))}
          maxLength={50_000}
          value={texts[section.key] ?? ''}
          onChange={(event) => setTexts((current) => ({ ...current, [section.key]: event.target.value }))}
        />
      ))}
      <div className="form__actions sitrep-editor__actions">
        <button type="submit" className="button button--primary" disabled={edit.isPending || !dirty}>
          {edit.isPending ? t('common.saving') : t('sitreps.editor.save')}
        </button>
        {dirty ? (
          <span className="sitrep-editor__unsaved">
            <span aria-hidden="true">● </span>
            {t('sitreps.editor.unsaved')}
          </span>
        ) : null}
      </div>
    </form>
  );
}

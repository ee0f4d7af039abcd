import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client.js';
import { useCompileSitrep } from '../../api/sitreps.js';
import type { Incident } from '../../api/types.js';
import { CheckboxField, TextField } from '../fields.js';
import { ErrorMessage, useErrorText } from '../Messages.js';
import { OrganisationPicker } from '../OrganisationPicker.js';
import { useAudiencePresets } from '../ReachFields.js';
import { useSession } from '../session.js';

/**
 * Compile a sitrep: choose who it is for (participating organisations; the compiler's own is always included)
 * and, when the incident is released to NATO, whether the sitrep is too. The server pre-fills it from what
 * every reader of that audience may see, and the draft opens for editing.
 */
export function CompileForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const presets = useAudiencePresets(incident);
  const compile = useCompileSitrep(incident.id);
  const affected = presets.find((preset) => preset.id === 'affected')?.organisations ?? [];
  // The approvers (ERCC and the Presidency) must be in the audience to approve it: they are chosen from the start.
  const [audience, setAudience] = useState<string[]>(() => [
    ...new Set([
      me.organisation.id,
      ...affected,
      'ERCC',
      ...(incident.presidency ? [incident.presidency] : []),
    ]),
  ]);
  const [title, setTitle] = useState('');
  const [nato, setNato] = useState(false);
  const [audienceError, setAudienceError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (audience.length === 0) {
      setAudienceError(t('sitreps.compile.audienceRequired'));
      return;
    }
    setAudienceError(null);
    compile.mutate(
      { audience, releasableToNato: nato, ...(title.trim() ? { title: title.trim() } : {}) },
      {
        onSuccess: (sitrep) =>
          navigate(`/incidents/${encodeURIComponent(incident.id)}/sitreps/${encodeURIComponent(sitrep.id)}`),
        onError: (failure) => {
          if (isApiError(failure) && failure.field?.startsWith('audience'))
            setAudienceError(failure.fieldMessage);
          else setError(errorText(failure));
        },
      },
    );
  };

  return (
    <form className="form sitrep-compile" onSubmit={submit} noValidate>
      <ErrorMessage message={error} />
      <p className="field__hint">{t('sitreps.compile.intro')}</p>
      <OrganisationPicker
        legend={t('sitreps.compile.audience')}
        hint={`${t('sitreps.compile.audienceHint')} ${t('sitreps.compile.approverHint')}`}
        error={audienceError}
        selected={audience}
        onChange={setAudience}
        presets={presets}
      />
      {incident.releasableToNato ? (
        <CheckboxField
          label={t('sitreps.compile.nato')}
          hint={t('sitreps.compile.natoHint')}
          name="sitrepNato"
          checked={nato}
          onChange={(event) => setNato(event.target.checked)}
        />
      ) : null}
      <TextField
        label={t('sitreps.compile.title')}
        hint={t('sitreps.compile.titleHint')}
        optional
        name="sitrepTitle"
        maxLength={300}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={compile.isPending}>
          {compile.isPending ? t('common.working') : t('sitreps.compile.submit')}
        </button>
      </div>
    </form>
  );
}

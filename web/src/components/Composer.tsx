import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { usePostNote, useSharingGroups } from '../api/hooks.js';
import {
  type Incident,
  type NewNoteRequest,
  WITHHOLDING_REASONS,
  type WithholdingReason,
} from '../api/types.js';
import { CheckboxField, SelectField, TextAreaField } from './fields.js';
import { ConfirmWiderReach, LastReachHint } from './LastReach.js';
import { ErrorMessage, Loading, StatusMessage, useErrorText } from './Messages.js';
import { useParticipatingOrganisations } from './OrganisationPicker.js';
import {
  checkReach,
  errorField,
  type FieldErrors,
  MarkingPicker,
  REACH_FIELDS,
  type ReachDraft,
  type ReachField,
  ReachFields,
  reachRequest,
  useAudiencePresets,
  useDescribeReach,
} from './ReachFields.js';
import { recallLastReach, rememberLastReach, type Widening, widenings } from './reachMemory.js';
import { type Track, TrackField } from './response/ResponseTracks.js';
import { useSession } from './session.js';
import { markingModifier } from './Tlp.js';

type ComposerField = ReachField | 'text' | 'withheld';
const FIELDS: readonly string[] = [...REACH_FIELDS, 'text', 'withheld'];

function isComposerField(field: string | undefined): field is ComposerField {
  return field !== undefined && FIELDS.includes(field);
}

function NoteForm({
  incident,
  tracks,
  onPosted,
}: {
  incident: Incident;
  /** Whether the incident's response runs on two tracks, so that the author chooses one. */
  tracks: boolean;
  onPosted: (message: string) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const post = usePostNote(incident.id);
  const participating = useParticipatingOrganisations().map((option) => option.id);
  const presets = useAudiencePresets(incident);
  const describe = useDescribeReach();
  const groups = useSharingGroups();
  const me = useSession();
  // The next note starts from the last one's reach, so a quick follow-up never goes wider by default.
  const [last, setLast] = useState<ReachDraft | null>(() => recallLastReach(me.id, incident.id));
  const [wider, setWider] = useState<Widening[] | null>(null);
  const fresh = (): ReachDraft => ({
    marking: 'TLP:GREEN',
    audience: participating,
    sharingGroup: '',
    recipients: '',
    releasableToNato: false,
  });
  const [text, setText] = useState('');
  const [withhold, setWithhold] = useState(false);
  const [reason, setReason] = useState<WithholdingReason>('national-security');
  const [track, setTrack] = useState<Track>('consequence-management');
  const [draft, setDraft] = useState<ReachDraft>(() => last ?? fresh());
  const [errors, setErrors] = useState<FieldErrors<ComposerField>>({});
  const [error, setError] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const sharingGroups = groups.data ?? [];

  /** Moves focus to the first field with a problem, so keyboard and screen-reader users land on it. */
  const focusFirstProblem = () =>
    requestAnimationFrame(() => {
      const invalid = formRef.current?.querySelector<HTMLElement>(
        '[aria-invalid="true"], .org-picker--invalid input, .marking-picker--invalid input',
      );
      invalid?.focus();
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found: FieldErrors<ComposerField> = { ...checkReach(draft, t) };
    if (text.trim() === '') found.text = t('composer.textRequired');
    setErrors(found);
    if (found.text) {
      textRef.current?.focus();
      return;
    }
    if (Object.keys(found).length > 0) {
      focusFirstProblem();
      return;
    }
    const goesWider = last ? widenings(draft, last) : [];
    if (goesWider.length > 0) {
      setWider(goesWider);
      return;
    }
    send();
  };

  const send = () => {
    setWider(null);
    const body: NewNoteRequest = {
      kind: 'note',
      text: text.trim(),
      ...reachRequest(draft, participating),
      ...(withhold ? { withheld: [{ field: 'text' as const, reason }] } : {}),
      ...(tracks && track === 'attribution' ? { track } : {}),
    };
    post.mutate(body, {
      onSuccess: () => {
        setText('');
        setWithhold(false);
        rememberLastReach(me.id, incident.id, draft);
        setLast(draft);
        setErrors({});
        onPosted(t('composer.posted'));
        textRef.current?.focus();
      },
      onError: (failure) => {
        const field = errorField(failure);
        if (isComposerField(field) && isApiError(failure)) {
          setErrors({ [field]: failure.fieldMessage });
          focusFirstProblem();
        } else {
          setError(errorText(failure));
        }
      },
    });
  };

  return (
    <form ref={formRef} className="form composer__form" onSubmit={submit} noValidate>
      <ErrorMessage message={error} />
      <div className="composer__grid">
        <div className="composer__column">
          <TextAreaField
            ref={textRef}
            label={t('composer.text')}
            hint={t('composer.textHint')}
            error={errors.text}
            name="text"
            rows={5}
            maxLength={20000}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <div className="withhold">
            <CheckboxField
              label={t('composer.withhold')}
              hint={t('composer.withholdHint')}
              error={errors.withheld}
              name="withhold"
              checked={withhold}
              onChange={(event) => setWithhold(event.target.checked)}
            />
            {withhold ? (
              <SelectField
                label={t('composer.withholdReason')}
                name="withholdReason"
                value={reason}
                onChange={(event) => setReason(event.target.value as WithholdingReason)}
              >
                {WITHHOLDING_REASONS.map((value) => (
                  <option key={value} value={value}>
                    {t(`withholding.${value}`)}
                  </option>
                ))}
              </SelectField>
            ) : null}
          </div>
          <MarkingPicker
            value={draft.marking}
            onChange={(marking) => setDraft({ ...draft, marking })}
            error={errors.marking}
          />
          {tracks ? <TrackField value={track} onChange={setTrack} /> : null}
        </div>
        <div className="composer__column">
          <ReachFields
            draft={draft}
            onChange={setDraft}
            errors={errors}
            natoAvailable={incident.releasableToNato}
            presets={presets}
            sharingGroups={sharingGroups}
            withMarking={false}
          />
        </div>
      </div>
      <p className="reach-summary" aria-live="polite">
        <span className={`tlp tlp--${markingModifier(draft.marking)}`}>{draft.marking}</span>{' '}
        {describe(draft, sharingGroups)}
      </p>
      <LastReachHint draft={draft} last={last} sharingGroups={sharingGroups} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={post.isPending}>
          {post.isPending ? t('common.working') : t('composer.submit')}
        </button>
      </div>
      {wider && last ? (
        <ConfirmWiderReach
          draft={draft}
          last={last}
          wider={wider}
          sharingGroups={sharingGroups}
          onConfirm={send}
          onCancel={() => setWider(null)}
        />
      ) : null}
    </form>
  );
}

/** Adding a note to the log, for coordinators of participating organisations; folded away until wanted. */
export function Composer({ incident, tracks = false }: { incident: Incident; tracks?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const participating = useParticipatingOrganisations();
  return (
    <section aria-labelledby="composer-heading" className="panel composer">
      <div className="composer__head">
        <h2 id="composer-heading">{t('composer.heading')}</h2>
        <button
          type="button"
          className={`button ${open ? 'button--secondary' : 'button--primary'}`}
          aria-expanded={open}
          aria-controls="composer-body"
          onClick={() => {
            setStatus(null);
            setOpen(!open);
          }}
        >
          {open ? t('composer.close') : t('composer.open')}
        </button>
      </div>
      <StatusMessage message={status} />
      <div id="composer-body">
        {open ? (
          participating.length === 0 ? (
            <Loading />
          ) : (
            <NoteForm incident={incident} tracks={tracks} onPosted={setStatus} />
          )
        ) : null}
      </div>
    </section>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import {
  type Incident,
  type ReachRequest,
  type SharingGroup,
  TLP_MARKINGS,
  type TlpMarking,
} from '../api/types.js';
import { useFormat } from '../i18n/useFormat.js';
import { CheckboxField, SelectField } from './fields.js';
import {
  describeOrganisations,
  OrganisationPicker,
  type Preset,
  sameMembers,
  useParticipatingOrganisations,
} from './OrganisationPicker.js';
import { type KnownPerson, RecipientPicker } from './RecipientPicker.js';
import { parseRecipients } from './report/reportForm.js';
import { useSession } from './session.js';
import { markingModifier, useMarkingMeaning } from './Tlp.js';

/** What the reach pickers hold while the author chooses. */
export interface ReachDraft {
  marking: TlpMarking;
  audience: string[];
  /** The id of a sharing group, or '' for none. */
  sharingGroup: string;
  /** E-mail addresses as typed: separated by commas, semicolons, spaces or new lines. */
  recipients: string;
  releasableToNato: boolean;
}

export const REACH_FIELDS = [
  'marking',
  'audience',
  'sharingGroup',
  'recipients',
  'releasableToNato',
] as const;
export type ReachField = (typeof REACH_FIELDS)[number];
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** The top-level field a server error names: `recipients[1]` → `recipients`. */
export function errorField(error: unknown): string | undefined {
  return isApiError(error) && error.field ? error.field.split(/[.[]/)[0] : undefined;
}

export { parseRecipients };

export function isRed(draft: Pick<ReachDraft, 'marking'>): boolean {
  return draft.marking === 'TLP:RED';
}

/**
 * The request for a chosen reach. All participating organisations without a group is sent as no audience at all,
 * which the server reads as "all participating organisations", now and as they are when read.
 */
export function reachRequest(draft: ReachDraft, allParticipating: readonly string[]): ReachRequest {
  if (isRed(draft)) {
    // For TLP:RED the NATO release only permits choosing the NATO liaison's people as recipients.
    return {
      marking: draft.marking,
      recipients: parseRecipients(draft.recipients),
      releasableToNato: draft.releasableToNato,
    };
  }
  const body: ReachRequest = { marking: draft.marking, releasableToNato: draft.releasableToNato };
  const everyone = sameMembers(draft.audience, allParticipating);
  if (!(everyone && !draft.sharingGroup)) body.audience = [...draft.audience];
  if (draft.sharingGroup) body.sharingGroup = draft.sharingGroup;
  return body;
}

/** Checks what the server would refuse anyway, so the author hears it before sending. */
export function checkReach(draft: ReachDraft, t: (key: 'reach.recipientsRequired') => string) {
  const errors: FieldErrors<ReachField> = {};
  if (isRed(draft) && parseRecipients(draft.recipients).length === 0)
    errors.recipients = t('reach.recipientsRequired');
  return errors;
}

/** "All participating organisations", "My organisation only" and "Affected member states + ERCC". */
export function useAudiencePresets(incident: Incident): Preset[] {
  const { t } = useTranslation();
  const me = useSession();
  const participating = useParticipatingOrganisations().map((option) => option.id);
  const { assessment } = incident;
  const affected = new Set([
    ...assessment.significantlyAffected,
    ...assessment.minorlyAffected,
    ...assessment.unconfirmed,
    incident.reportedBy,
    'ERCC',
  ]);
  return [
    { id: 'all', label: t('audience.presetAll'), organisations: participating },
    { id: 'mine', label: t('audience.presetMine'), organisations: [me.organisation.id] },
    {
      id: 'affected',
      label: t('audience.presetAffected'),
      organisations: participating.filter((id) => affected.has(id)),
    },
  ];
}

/** The five markings as a radio group, each with its label in FIRST's colours and what it means. */
export function MarkingPicker({
  value,
  onChange,
  error,
  markings = TLP_MARKINGS,
  legend,
}: {
  value: TlpMarking;
  onChange: (marking: TlpMarking) => void;
  error?: string | undefined;
  markings?: readonly TlpMarking[];
  legend?: string;
}) {
  const { t } = useTranslation();
  const meaning = useMarkingMeaning();
  const id = useId();
  return (
    <fieldset className={`marking-picker${error ? ' marking-picker--invalid' : ''}`}>
      <legend>{legend ?? t('reach.marking')}</legend>
      <p className="field__hint">{t('reach.markingHint')}</p>
      {error ? (
        <p className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <div className="marking-picker__options">
        {markings.map((marking) => {
          const optionId = `${id}-${markingModifier(marking)}`;
          return (
            <label
              key={marking}
              className={`marking-option${value === marking ? ' marking-option--checked' : ''}`}
            >
              <input
                type="radio"
                name={id}
                value={marking}
                checked={value === marking}
                onChange={() => onChange(marking)}
                aria-labelledby={`${optionId}-label`}
                aria-describedby={`${optionId}-meaning`}
              />
              <span id={`${optionId}-label`} className={`tlp tlp--${markingModifier(marking)}`}>
                {marking}
              </span>
              <span id={`${optionId}-meaning`} className="marking-option__meaning">
                {meaning(marking)}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * Who will see it: marking, audience (with presets), sharing group, recipients for TLP:RED and the release to
 * the NATO liaison. Used to post a note and to change an entry's reach.
 */
export function ReachFields({
  draft,
  onChange,
  errors,
  natoAvailable,
  presets,
  sharingGroups,
  withMarking = true,
  knownRecipients,
}: {
  draft: ReachDraft;
  onChange: (next: ReachDraft) => void;
  errors: FieldErrors<ReachField>;
  natoAvailable: boolean;
  presets: readonly Preset[];
  sharingGroups: readonly SharingGroup[];
  /** False when the form shows the marking picker elsewhere. */
  withMarking?: boolean;
  /** The people already chosen, shown with their names. */
  knownRecipients?: readonly KnownPerson[];
}) {
  const { t } = useTranslation();
  const red = isRed(draft);
  const set = (patch: Partial<ReachDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className="reach-fields">
      {withMarking ? (
        <MarkingPicker
          value={draft.marking}
          onChange={(marking) => set({ marking })}
          error={errors.marking}
        />
      ) : null}
      {red ? (
        <RecipientPicker
          value={draft.recipients}
          onChange={(recipients) => set({ recipients })}
          nato={natoAvailable && draft.releasableToNato}
          error={errors.recipients}
          known={knownRecipients}
        />
      ) : null}
      <OrganisationPicker
        legend={t('reach.audience')}
        hint={t('reach.audienceHint')}
        error={errors.audience}
        selected={draft.audience}
        onChange={(audience) => set({ audience })}
        disabled={red}
        disabledReason={t('reach.audienceRed')}
        presets={presets}
      />
      <SelectField
        label={t('reach.sharingGroup')}
        hint={red ? t('reach.sharingGroupRed') : t('reach.sharingGroupHint')}
        error={errors.sharingGroup}
        optional
        name="sharingGroup"
        value={red ? '' : draft.sharingGroup}
        disabled={red}
        onChange={(event) => set({ sharingGroup: event.target.value })}
      >
        <option value="">{t('reach.noSharingGroup')}</option>
        {sharingGroups.map((group) => (
          <option key={group.id} value={group.id}>
            {group.hiddenMembership ? t('reach.groupHidden', { name: group.name }) : group.name}
          </option>
        ))}
      </SelectField>
      {natoAvailable ? (
        <CheckboxField
          label={t('reach.nato')}
          hint={
            red ? t('reach.natoRed') : draft.releasableToNato ? t('reach.natoHint') : t('reach.natoHintOff')
          }
          error={errors.releasableToNato}
          name="releasableToNato"
          checked={draft.releasableToNato}
          onChange={(event) => set({ releasableToNato: event.target.checked })}
        />
      ) : null}
    </div>
  );
}

/** The chosen reach in one sentence, read before sending: "Finland and Germany, and the NATO liaison". */
export function useDescribeReach() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const participating = useParticipatingOrganisations().map((option) => option.id);
  return (draft: ReachDraft, sharingGroups: readonly SharingGroup[]): string => {
    if (isRed(draft)) {
      const people = parseRecipients(draft.recipients);
      return people.length === 0
        ? t('reach.summaryRedNobody')
        : t('reach.summaryRed', { people: format.list(people) });
    }
    const parts: string[] = [];
    const everyone = participating.length > 0 && sameMembers(draft.audience, participating);
    if (everyone) {
      parts.push(t('audience.allParticipating'));
    } else if (draft.audience.length > 0) {
      parts.push(describeOrganisations(draft.audience, format, (count) => t('audience.more', { count })));
    }
    const group = sharingGroups.find((candidate) => candidate.id === draft.sharingGroup);
    if (group) parts.push(t('reach.summaryGroup', { group: group.name }));
    if (draft.releasableToNato) parts.push(t('organisations.NATO'));
    if (parts.length === 0) return t('reach.summaryOwnOnly');
    // The author's organisation always sees its entries; say so when the audience does not already name it.
    if (!everyone && !draft.audience.includes(me.organisation.id)) parts.push(t('reach.yourOrganisation'));
    return t('reach.summary', { who: format.list(parts) });
  };
}

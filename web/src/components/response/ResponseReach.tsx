import { useTranslation } from 'react-i18next';
import { SelectField } from '../fields.js';
import { OrganisationPicker } from '../OrganisationPicker.js';
import { useMarkingMeaning } from '../Tlp.js';

/**
 * The markings a decision, an action or a meeting may carry: TLP:RED is for named people and belongs in a note,
 * which the server refuses here too (src/response/decisions-model.ts); the web only avoids offering it.
 */
const RESPONSE_MARKINGS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT'] as const;

export interface ResponseReachDraft {
  marking: string;
  /** Chosen organisations; none chosen means every participating organisation, as the server reads no audience. */
  audience: string[];
}

export const initialReach: ResponseReachDraft = { marking: 'TLP:GREEN', audience: [] };

/** The request fields for a chosen reach: no audience at all when none was chosen. */
export function reachRequest(draft: ResponseReachDraft): { marking: string; audience?: string[] } {
  return draft.audience.length > 0
    ? { marking: draft.marking, audience: draft.audience }
    : { marking: draft.marking };
}

/** Marking and audience of a decision or action; who may then see it is the server's rule, not this form's. */
export function ResponseReach({
  value,
  onChange,
  audienceError,
}: {
  value: ResponseReachDraft;
  onChange: (next: ResponseReachDraft) => void;
  audienceError?: string | undefined;
}) {
  const { t } = useTranslation();
  const meaning = useMarkingMeaning();
  return (
    <>
      <SelectField
        label={t('response.reach.marking')}
        hint={meaning(value.marking)}
        value={value.marking}
        onChange={(e) => onChange({ ...value, marking: e.target.value })}
      >
        {RESPONSE_MARKINGS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </SelectField>
      <OrganisationPicker
        legend={t('response.reach.audience')}
        hint={t('response.reach.audienceHint')}
        error={audienceError}
        selected={value.audience}
        onChange={(audience) => onChange({ ...value, audience })}
      />
    </>
  );
}

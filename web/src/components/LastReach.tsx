import { useTranslation } from 'react-i18next';
import type { SharingGroup } from '../api/types.js';
import { Dialog } from './Dialog.js';
import { sameMembers, useParticipatingOrganisations } from './OrganisationPicker.js';
import type { ReachDraft } from './ReachFields.js';
import { sameReach, type Widening } from './reachMemory.js';
import { parseRecipients } from './report/reportForm.js';
import { useSession } from './session.js';

/** A reach in short: "TLP:AMBER, FI, EE" — the marking, then who, as duty officers write it. */
function useShortReach() {
  const { t } = useTranslation();
  const participating = useParticipatingOrganisations().map((option) => option.id);
  const mine = useSession().organisation.id;
  return (draft: ReachDraft, sharingGroups: readonly SharingGroup[]): string => {
    const parts: string[] = [draft.marking];
    if (draft.marking === 'TLP:RED') {
      parts.push(...parseRecipients(draft.recipients));
    } else {
      if (participating.length > 0 && sameMembers(draft.audience, participating))
        parts.push(t('audience.allParticipating'));
      else
        parts.push(
          // The author's own organisation first, then the others by code.
          ...draft.audience.filter((id) => id === mine),
          ...draft.audience.filter((id) => id !== mine).sort(),
        );
      const group = sharingGroups.find((candidate) => candidate.id === draft.sharingGroup);
      if (group) parts.push(group.name);
    }
    if (draft.releasableToNato) parts.push(t('organisations.NATO'));
    return parts.join(', ');
  };
}

/** Says, beside the reach pickers, whether this note goes where the last one went. */
export function LastReachHint({
  draft,
  last,
  sharingGroups,
}: {
  draft: ReachDraft;
  last: ReachDraft | null;
  sharingGroups: readonly SharingGroup[];
}) {
  const { t } = useTranslation();
  const short = useShortReach();
  if (!last) return null;
  const reach = short(last, sharingGroups);
  return (
    <p className="field__hint last-reach" data-testid="last-reach">
      {sameReach(draft, last) ? t('composer.sameReach', { reach }) : t('composer.otherReach', { reach })}
    </p>
  );
}

/** Asks before a note goes wider than the author's last one in the incident. */
export function ConfirmWiderReach({
  draft,
  last,
  wider,
  sharingGroups,
  onConfirm,
  onCancel,
}: {
  draft: ReachDraft;
  last: ReachDraft;
  wider: readonly Widening[];
  sharingGroups: readonly SharingGroup[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const short = useShortReach();
  return (
    <Dialog title={t('composer.widerTitle')} onClose={onCancel}>
      <p>{t('composer.widerIntro')}</p>
      <dl className="facts">
        <dt>{t('composer.widerLast')}</dt>
        <dd>{short(last, sharingGroups)}</dd>
        <dt>{t('composer.widerThis')}</dt>
        <dd>{short(draft, sharingGroups)}</dd>
      </dl>
      <ul>
        {wider.map((how) => (
          <li key={how}>{t(`composer.wider.${how}`)}</li>
        ))}
      </ul>
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onConfirm}>
          {t('composer.widerConfirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('composer.widerCancel')}
        </button>
      </div>
    </Dialog>
  );
}

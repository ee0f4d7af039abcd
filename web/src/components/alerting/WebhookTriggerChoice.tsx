import { useTranslation } from 'react-i18next';
import { ALERT_TRIGGERS, type AlertTrigger } from '../../api/alerts.js';

/** Every trigger, those added later too (`"all"`), or exactly the triggers ticked. */
export type WebhookTriggerChoice = 'all' | AlertTrigger[];

/** What "every alert" covers today: the reporting clock's reminder is chosen by name, as for people. */
const EVERY = ALERT_TRIGGERS.filter((trigger) => trigger !== 'reporting-clock');

/**
 * The alerts a webhook target takes. Following every alert is the default and keeps a national system informed of
 * alerts the platform adds later; unticking it pins the target to the triggers ticked below.
 */
export function WebhookTriggerChoiceFields({
  legend,
  value,
  onChange,
}: {
  legend: string;
  value: WebhookTriggerChoice;
  onChange: (next: WebhookTriggerChoice) => void;
}) {
  const { t } = useTranslation();
  const ticked = value === 'all' ? EVERY : value;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value === 'all'}
          onChange={(event) => onChange(event.target.checked ? 'all' : [...EVERY])}
        />{' '}
        {t('alertSettings.webhooks.everyTrigger')}
      </label>
      {ALERT_TRIGGERS.map((trigger) => (
        <label key={trigger} className="checkbox">
          <input
            type="checkbox"
            disabled={value === 'all'}
            checked={ticked.includes(trigger)}
            onChange={(event) =>
              onChange(event.target.checked ? [...ticked, trigger] : ticked.filter((x) => x !== trigger))
            }
          />{' '}
          {t(`alertSettings.triggers.${trigger}`)}
        </label>
      ))}
    </fieldset>
  );
}

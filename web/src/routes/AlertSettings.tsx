import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AlertPreferences,
  useAlertPreferences,
  useChangeAlertPreferences,
  useChangeWebhook,
  useRegisterWebhook,
  useRemoveWebhook,
  useWebhookDeliveries,
  useWebhooks,
  type Webhook,
} from '../api/alerts.js';
import { isApiError } from '../api/client.js';
import {
  type WebhookTriggerChoice,
  WebhookTriggerChoiceFields,
} from '../components/alerting/WebhookTriggerChoice.js';
import { DateTime } from '../components/DateTime.js';
import { TextField } from '../components/fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../components/Messages.js';
import { Page } from '../components/Page.js';
import { useSession } from '../components/session.js';

/** Rows are triggers, columns channels; each box saves at once, and says whether it is still the default. */
function ChannelTable({ preferences }: { preferences: AlertPreferences }) {
  const { t } = useTranslation();
  const change = useChangeAlertPreferences();
  const errorText = useErrorText();
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const triggers = [...new Set(preferences.choices.map((c) => c.trigger))];
  const choice = (trigger: string, channel: string) =>
    preferences.choices.find((c) => c.trigger === trigger && c.channel === channel);
  return (
    <>
      <StatusMessage message={message} />
      <ErrorMessage message={failure} />
      <table className="table alert-settings">
        <caption>{t('alertSettings.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('alertSettings.trigger')}</th>
            {preferences.channels.map((c) => (
              <th scope="col" key={c.name}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {triggers.map((trigger) => (
            <tr key={trigger}>
              <th scope="row">
                {t(`alertSettings.triggers.${trigger}`)}
                {trigger === 'reporting-clock' ? (
                  <span className="muted"> — {t('alertSettings.forInformation')}</span>
                ) : null}
              </th>
              {preferences.channels.map((c) => {
                const current = choice(trigger, c.name);
                const unreachable = c.name !== 'in-app' && c.address === null;
                return (
                  <td key={c.name}>
                    <label>
                      <input
                        type="checkbox"
                        checked={current?.enabled ?? false}
                        disabled={change.isPending}
                        onChange={(event) => {
                          setMessage(null);
                          setFailure(null);
                          change.mutate(
                            { choices: [{ trigger, channel: c.name, enabled: event.target.checked }] },
                            {
                              onSuccess: () => setMessage(t('alertSettings.saved')),
                              onError: (error) => setFailure(errorText(error)),
                            },
                          );
                        }}
                      />
                      <span className="visually-hidden">
                        {t(`alertSettings.triggers.${trigger}`)}, {c.label}
                      </span>
                      {current?.isDefault ? (
                        <span className="muted"> {t('alertSettings.default')}</span>
                      ) : null}
                      {unreachable && current?.enabled ? (
                        <span className="muted"> {t('alertSettings.noAddress')}</span>
                      ) : null}
                    </label>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Addresses on channels that take one (a pager number); e-mail goes to the account's own address. */
function Addresses({ preferences }: { preferences: AlertPreferences }) {
  const { t } = useTranslation();
  const change = useChangeAlertPreferences();
  const errorText = useErrorText();
  const editable = preferences.channels.filter((c) => c.addressEditable);
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const email = preferences.channels.find((c) => c.name === 'email');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setFailure(null);
    change.mutate(
      { addresses: values },
      {
        onSuccess: () => setMessage(t('alertSettings.saved')),
        onError: (error) => setFailure(errorText(error)),
      },
    );
  };
  return (
    <section aria-labelledby="alert-addresses" className="panel">
      <h2 id="alert-addresses">{t('alertSettings.addresses')}</h2>
      {email?.address ? <p>{t('alertSettings.emailTo', { address: email.address })}</p> : null}
      {editable.length > 0 ? (
        <form onSubmit={submit}>
          {editable.map((c) => (
            <TextField
              key={c.name}
              label={c.label}
              name={c.name}
              defaultValue={c.address ?? ''}
              onChange={(event) => setValues({ ...values, [c.name]: event.target.value })}
            />
          ))}
          <StatusMessage message={message} />
          <ErrorMessage message={failure} />
          <button type="submit" className="button" disabled={change.isPending}>
            {t('alertSettings.saveAddresses')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const deliveries = useWebhookDeliveries(webhook.id);
  if (deliveries.isPending) return <Loading />;
  if (deliveries.error) return <QueryError error={deliveries.error} />;
  if (deliveries.data.length === 0)
    return <p className="muted">{t('alertSettings.webhooks.noDeliveries')}</p>;
  return (
    <table className="table">
      <caption>{t('alertSettings.webhooks.log', { url: webhook.url })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('alertSettings.webhooks.queued')}</th>
          <th scope="col">{t('alertSettings.webhooks.trigger')}</th>
          <th scope="col">{t('alertSettings.webhooks.state')}</th>
          <th scope="col">{t('alertSettings.webhooks.attempts')}</th>
          <th scope="col">{t('alertSettings.webhooks.lastError')}</th>
          <th scope="col">{t('alertSettings.webhooks.nextAttempt')}</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.data.map((d) => (
          <tr key={d.id}>
            <td>
              <DateTime value={d.createdAt} />
            </td>
            <td>{d.trigger ? t(`alertSettings.triggers.${d.trigger}`) : '—'}</td>
            <td>
              {t(`alertSettings.webhooks.states.${d.state}`)}
              {d.sentAt ? (
                <>
                  {' '}
                  <DateTime value={d.sentAt} />
                </>
              ) : null}
            </td>
            <td>{d.attempts}</td>
            <td>{d.lastError ?? '—'}</td>
            <td>{d.nextAttemptAt ? <DateTime value={d.nextAttemptAt} /> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The alerts a registered target receives, changed after registration. */
function WebhookTriggers({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const change = useChangeWebhook();
  const errorText = useErrorText();
  const [triggers, setTriggers] = useState<WebhookTriggerChoice>(
    webhook.allTriggers ? 'all' : webhook.triggers,
  );
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setFailure(null);
    change.mutate(
      { id: webhook.id, change: { triggers } },
      {
        onSuccess: () => setMessage(t('alertSettings.webhooks.triggersSaved')),
        onError: (error) => setFailure(errorText(error)),
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <WebhookTriggerChoiceFields
        legend={t('alertSettings.webhooks.changeTriggers')}
        value={triggers}
        onChange={setTriggers}
      />
      <StatusMessage message={message} />
      <ErrorMessage message={failure} />
      <button type="submit" className="button button--secondary button--small" disabled={change.isPending}>
        {t('alertSettings.webhooks.saveTriggers')}
      </button>
    </form>
  );
}

function WebhookRow({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const change = useChangeWebhook();
  const remove = useRemoveWebhook();
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const [showLog, setShowLog] = useState(false);
  const [editTriggers, setEditTriggers] = useState(false);
  const onError = (error: unknown) => setFailure(errorText(error));
  return (
    <li className="panel">
      <p>
        <strong>{webhook.url}</strong>{' '}
        <span className={webhook.pausedAt ? 'state state--warning' : 'state state--ok'}>
          {webhook.pausedAt ? t('alertSettings.webhooks.paused') : t('alertSettings.webhooks.active')}
        </span>
      </p>
      <p>
        {t('alertSettings.webhooks.triggers')}:{' '}
        {webhook.allTriggers
          ? t('alertSettings.webhooks.everyTriggerShort')
          : webhook.triggers.map((trigger) => t(`alertSettings.triggers.${trigger}`)).join(', ')}
      </p>
      {webhook.pausedAt ? (
        <p>
          {t('alertSettings.webhooks.pausedAt')} <DateTime value={webhook.pausedAt} />{' '}
          {t('alertSettings.webhooks.pausedWhy', { count: webhook.consecutiveFailures })}
        </p>
      ) : null}
      <p className="muted">
        {t('alertSettings.webhooks.failures', { count: webhook.consecutiveFailures })}
        {webhook.lastSuccessAt ? (
          <>
            {' '}
            {t('alertSettings.webhooks.lastSuccess')} <DateTime value={webhook.lastSuccessAt} />
          </>
        ) : null}
      </p>
      <ErrorMessage message={failure} />
      <p>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={change.isPending}
          onClick={() =>
            change.mutate({ id: webhook.id, change: { active: webhook.pausedAt !== null } }, { onError })
          }
        >
          {webhook.pausedAt ? t('alertSettings.webhooks.resume') : t('alertSettings.webhooks.pause')}
        </button>{' '}
        <button
          type="button"
          className="button button--secondary button--small"
          aria-expanded={showLog}
          onClick={() => setShowLog(!showLog)}
        >
          {t('alertSettings.webhooks.showLog')}
        </button>{' '}
        <button
          type="button"
          className="button button--secondary button--small"
          aria-expanded={editTriggers}
          onClick={() => setEditTriggers(!editTriggers)}
        >
          {t('alertSettings.webhooks.changeTriggers')}
        </button>{' '}
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(t('alertSettings.webhooks.removeConfirm')))
              remove.mutate(webhook.id, { onError });
          }}
        >
          {t('alertSettings.webhooks.remove')}
        </button>
      </p>
      {editTriggers ? <WebhookTriggers webhook={webhook} /> : null}
      {showLog ? <Deliveries webhook={webhook} /> : null}
    </li>
  );
}

function Webhooks() {
  const { t } = useTranslation();
  const webhooks = useWebhooks(true);
  const register = useRegisterWebhook();
  const errorText = useErrorText();
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [triggers, setTriggers] = useState<WebhookTriggerChoice>('all');
  const [errors, setErrors] = useState<{ url?: string; secret?: string; form?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setMessage(null);
    register.mutate(
      { url, secret, triggers },
      {
        onSuccess: () => {
          setUrl('');
          setSecret('');
          setMessage(t('alertSettings.webhooks.registered'));
        },
        onError: (error) => {
          const field = isApiError(error) ? error.field : undefined;
          if (field === 'url' || field === 'secret') setErrors({ [field]: errorText(error) });
          else setErrors({ form: errorText(error) });
        },
      },
    );
  };
  return (
    <section aria-labelledby="webhooks-heading" className="panel">
      <h2 id="webhooks-heading">{t('alertSettings.webhooks.heading')}</h2>
      <p>{t('alertSettings.webhooks.intro')}</p>
      {webhooks.isPending ? (
        <Loading />
      ) : webhooks.error ? (
        <QueryError error={webhooks.error} />
      ) : webhooks.data.length === 0 ? (
        <p className="muted">{t('alertSettings.webhooks.none')}</p>
      ) : (
        <ul className="plain-list">
          {webhooks.data.map((w) => (
            <WebhookRow key={w.id} webhook={w} />
          ))}
        </ul>
      )}
      <form onSubmit={submit}>
        <h3>{t('alertSettings.webhooks.register')}</h3>
        <TextField
          label={t('alertSettings.webhooks.url')}
          type="url"
          required
          value={url}
          error={errors.url}
          onChange={(event) => setUrl(event.target.value)}
        />
        <TextField
          label={t('alertSettings.webhooks.secret')}
          hint={t('alertSettings.webhooks.secretHint')}
          type="password"
          autoComplete="off"
          required
          minLength={32}
          value={secret}
          error={errors.secret}
          onChange={(event) => setSecret(event.target.value)}
        />
        <WebhookTriggerChoiceFields
          legend={t('alertSettings.webhooks.triggers')}
          value={triggers}
          onChange={setTriggers}
        />
        <StatusMessage message={message} />
        <ErrorMessage message={errors.form ?? null} />
        <button type="submit" className="button" disabled={register.isPending}>
          {t('alertSettings.webhooks.submit')}
        </button>
      </form>
    </section>
  );
}

/** Where a person chooses how alerts reach them; an org-admin also manages the organisation's webhooks. */
export function AlertSettings() {
  const { t } = useTranslation();
  const me = useSession();
  const preferences = useAlertPreferences();
  return (
    <Page title={t('alertSettings.title')}>
      <p>{t('alertSettings.intro')}</p>
      <section aria-labelledby="alert-channels" className="panel">
        <h2 id="alert-channels">{t('alertSettings.channels')}</h2>
        {preferences.isPending ? (
          <Loading />
        ) : preferences.error ? (
          <QueryError error={preferences.error} />
        ) : (
          <ChannelTable preferences={preferences.data} />
        )}
      </section>
      {preferences.data ? <Addresses preferences={preferences.data} /> : null}
      {me.abilities.manageWebhooks ? <Webhooks /> : null}
    </Page>
  );
}

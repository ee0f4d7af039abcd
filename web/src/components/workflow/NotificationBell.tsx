import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import {
  NOTIFICATION_KINDS,
  type Notification,
  type NotificationKind,
  useAcknowledge,
  useNotifications,
} from '../../api/workflow.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { ErrorMessage, StatusMessage, useErrorText } from '../Messages.js';
import { StatusBadge } from '../StatusBadge.js';
import { canWriteEntries, useSession } from '../session.js';
import { OwnAssessmentButtons } from './OwnAssessment.js';
import './workflow.css';
import { strings } from '../../api/json.js';

function isKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** What happened, as one sentence in the reader's language, from the notification's data. */
function Sentence({ notification }: { notification: Notification }) {
  const { t } = useTranslation();
  const format = useFormat();
  const body = notification.body;
  const org = (value: unknown) =>
    str(value) ? format.organisation(str(value)) : t('workflow.notifications.someone');
  switch (notification.kind) {
    case 'confirm-impact': {
      const claimedBy = strings(body.claimedBy);
      return (
        <>
          {t('workflow.notifications.confirmImpact', {
            state: org(body.memberState),
            by:
              claimedBy.length > 0
                ? format.list(claimedBy.map((code) => format.organisation(code)))
                : t('workflow.notifications.someone'),
          })}
        </>
      );
    }
    case 'status-changed':
      return (
        <>
          {t('workflow.notifications.statusChanged')}{' '}
          {str(body.from) ? <StatusBadge status={str(body.from)} /> : null} <span aria-hidden="true">→</span>
          <span className="visually-hidden">{t('entries.statusTo')}</span>{' '}
          <StatusBadge status={str(body.to)} />
        </>
      );
    case 'activation':
      return <>{t('workflow.notifications.activation', { by: org(body.by) })}</>;
    case 'activation-joined':
      return <>{t('workflow.notifications.joined', { by: org(body.by) })}</>;
    case 'deactivation':
      return <>{t('workflow.notifications.deactivation', { by: org(body.by) })}</>;
    case 'reopening':
      return <>{t('workflow.notifications.reopening', { by: org(body.by) })}</>;
    case 'consultation-opened': {
      // Silence procedures say whether the reader is consulted or asked for advice; earlier ones said neither.
      const proposal = body.proposal === 'do-not-coordinate' ? 'do-not-coordinate' : 'coordinate';
      const words =
        body.role === 'consulted'
          ? t('workflow.notifications.consultationOpenedConsulted', {
              by: org(body.by),
              proposal: t(`workflow.silence.proposal.${proposal}`),
            })
          : body.role === 'advice'
            ? t('workflow.notifications.consultationOpenedAdvice', { by: org(body.by) })
            : t('workflow.notifications.consultationOpened', { by: org(body.by) });
      // Told at the moment of asking: a state on "only urgent" is consulted like any other, silence included.
      const stretched =
        body.role === 'consulted' && (body.availability === 'only-urgent' || body.availability === 'limited')
          ? t(`response.asked.notification.${body.availability}`)
          : null;
      return (
        <>
          {words} {str(body.deadline) ? <DateTime value={str(body.deadline)} /> : null}
          {stretched ? <span className="notification__availability"> {stretched}</span> : null}
        </>
      );
    }
    case 'consultation-requested':
      return <>{t('workflow.notifications.consultationRequested', { by: org(body.by) })}</>;
    case 'consultation-objection':
      return <>{t('workflow.notifications.consultationObjection', { by: org(body.by) })}</>;
    case 'consultation-objection-withdrawn':
      return <>{t('workflow.notifications.consultationObjectionWithdrawn', { by: org(body.by) })}</>;
    case 'consultation-concluded':
      return (
        <strong>
          {body.outcome === 'agreed'
            ? t('workflow.silence.outcome.agreed')
            : body.outcome === 'declined'
              ? t('workflow.silence.outcome.declined')
              : t('workflow.notifications.notAgreed')}
        </strong>
      );
    case 'consultation-decided':
      return (
        <>
          {t('workflow.notifications.consultationDecided', {
            decision: t(`workflow.consultation.decision.${body.decision === 'yes' ? 'yes' : 'no'}`),
          })}{' '}
          <strong>
            {body.agreed === true
              ? t('workflow.notifications.agreed')
              : t('workflow.notifications.notAgreed')}
          </strong>
        </>
      );
    case 'merged':
      return <>{t('workflow.notifications.merged')}</>;
    case 'duplicate-merged-in':
      return (
        <>
          {t('workflow.notifications.duplicateMergedIn', {
            by: org(body.by),
            reporter: org(body.duplicateReportedBy),
          })}
        </>
      );
    case 'ipcr-information-sharing':
      return <>{t('workflow.notifications.ipcrInformationSharing', { by: org(body.by) })}</>;
    case 'solidarity-clause-invoked':
      return <>{t('workflow.notifications.solidarityClause', { by: org(body.by) })}</>;
    case 'capacity-overwhelmed':
      return <>{t('workflow.notifications.capacityOverwhelmed', { by: org(body.by) })}</>;
    case 'sitrep-published':
      return <>{t('workflow.notifications.sitrep', { number: String(body.number ?? '') })}</>;
    case 'presidency-handover':
      return (
        <>
          {t('workflow.notifications.presidencyHandover', {
            from: str(body.from) ? format.organisation(str(body.from)) : t('entries.handover.nobody'),
            to: str(body.to) ? format.organisation(str(body.to)) : t('entries.handover.nobody'),
          })}
        </>
      );
    case 'presidency-calendar-running-out':
      return (
        <>
          {t('workflow.notifications.calendarRunningOut', {
            date: str(body.runsOutAt) ? format.dateTime(str(body.runsOutAt)) : '—',
            next: str(body.nextTerm) || '—',
          })}
        </>
      );
    case 'presidency-vacant':
      return <>{t('workflow.notifications.presidencyVacant')}</>;
    case 'incident-reported':
      return <>{t('workflow.notifications.incidentReported', { by: org(body.reportedBy) })}</>;
    case 'released-to-nato':
      return <>{t('workflow.notifications.releasedToNato', { by: org(body.by) })}</>;
    case 'action-assigned':
      return <>{t('workflow.notifications.actionAssigned', { by: org(body.by) })}</>;
    case 'after-action-report-distributed':
      return <>{t('workflow.notifications.reportDistributed', { by: org(body.by) })}</>;
    case 'reporting-clock-reminder':
      return (
        <>
          {t('workflow.notifications.reportingClock', {
            date: str(body.dueAt) ? format.dateTime(str(body.dueAt)) : '—',
          })}
        </>
      );
    case 'webhook-paused':
      return (
        <>
          {t('workflow.notifications.webhookPaused', {
            url: str(body.url),
            failures: String(body.failures ?? ''),
          })}
        </>
      );
    default:
      return <>{isKind(notification.kind) ? t('workflow.notifications.update') : notification.kind}</>;
  }
}

/** The step an unacknowledged alert has escalated to, said from the stored step and minutes. */
export function EscalationStep({ notification }: { notification: Pick<Notification, 'escalation'> }) {
  const { t } = useTranslation();
  const escalation = notification.escalation;
  if (!escalation) return null;
  return (
    <p className="notification__escalation" data-testid="notification-escalation">
      {escalation.step === 'org-admins'
        ? t('workflow.notifications.escalatedToOrgAdmins', { count: escalation.minutesWaiting })
        : t('workflow.notifications.escalatedToDutyContacts', { count: escalation.minutesWaiting })}
    </p>
  );
}

function Item({
  notification,
  onMessage,
}: {
  notification: Notification;
  onMessage: (message: string) => void;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const errorText = useErrorText();
  const acknowledge = useAcknowledge();
  const [failure, setFailure] = useState<string | null>(null);
  const state = str(notification.body.memberState);
  const canConfirm =
    notification.kind === 'confirm-impact' &&
    notification.incidentId !== null &&
    canWriteEntries(me) &&
    state === me.organisation.id;
  const title = notification.incidentTitle ?? t('workflow.notifications.incident');
  let link: ReactNode = null;
  if (notification.incidentId) {
    link = (
      <Link
        to={`/incidents/${encodeURIComponent(notification.incidentId)}`}
        className="notification__incident"
      >
        {title}
      </Link>
    );
  }
  return (
    <li className={`notification notification--${notification.kind}`}>
      <p className="notification__meta">
        <DateTime value={notification.createdAt} />
      </p>
      <p className="notification__incident-line">{link ?? title}</p>
      <p className="notification__text">
        {notification.kind === 'confirm-impact' ? (
          <span aria-hidden="true" className="notification__flag">
            ⚑{' '}
          </span>
        ) : null}
        <Sentence notification={notification} />
      </p>
      <EscalationStep notification={notification} />
      {canConfirm && notification.incidentId ? (
        <OwnAssessmentButtons
          incidentId={notification.incidentId}
          memberState={state}
          current={null}
          compact
          label={t('workflow.own.heading', { state: format.region(state) })}
          onDone={onMessage}
        />
      ) : null}
      <ErrorMessage message={failure} />
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={acknowledge.isPending}
        onClick={() => {
          setFailure(null);
          acknowledge.mutate(notification.id, {
            onSuccess: () => onMessage(t('workflow.notifications.acknowledged')),
            onError: (error) => setFailure(errorText(error)),
          });
        }}
      >
        {t('workflow.notifications.acknowledge')}
        <span className="visually-hidden"> — {title}</span>
      </button>
    </li>
  );
}

/**
 * The organisation's open notifications behind a button in the header that always shows how many there are.
 * Opens as a panel under the button; Escape or the button closes it and focus returns to the button.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const me = useSession();
  const enabled = me.role !== 'admin';
  const notifications = useNotifications(enabled);
  const acknowledge = useAcknowledge();
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const id = useId();
  const location = useLocation();

  // Following a notification's link goes to another page: the panel closes instead of staying over it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: it runs on each change of page, which is what it is for
  useEffect(() => {
    setOpen(false);
  }, [location.pathname, location.search, location.hash]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  if (!enabled) return null;
  const items = notifications.data ?? [];
  const count = items.length;
  const acknowledgeAll = async () => {
    setMessage(null);
    setFailure(null);
    try {
      for (const item of items) await acknowledge.mutateAsync(item.id);
      setMessage(t('workflow.notifications.acknowledgedAll'));
    } catch (error) {
      setFailure(errorText(error));
    }
  };
  return (
    <div className="notification-bell">
      <button
        ref={buttonRef}
        type="button"
        className={`button button--on-dark notification-bell__button${count > 0 ? ' notification-bell__button--open' : ''}`}
        aria-expanded={open}
        aria-controls={id}
        data-testid="notifications-button"
        onClick={() => {
          setMessage(null);
          setOpen(!open);
        }}
      >
        <svg
          aria-hidden="true"
          className="notification-bell__icon"
          viewBox="0 0 24 24"
          width="18"
          height="18"
        >
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        {t('workflow.notifications.button')}
        <span className="notification-bell__count">
          {count}
          <span className="visually-hidden"> {t('workflow.notifications.open', { count })}</span>
        </span>
      </button>
      <section
        id={id}
        ref={panelRef}
        className="notification-panel"
        hidden={!open}
        aria-label={t('workflow.notifications.heading')}
      >
        {open ? (
          <>
            <h2 className="notification-panel__heading">
              {t('workflow.notifications.heading')}{' '}
              <span className="muted">({t('workflow.notifications.open', { count })})</span>
            </h2>
            <StatusMessage message={message} />
            <ErrorMessage message={failure} />
            {count > 1 ? (
              <p className="notification-panel__all">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={acknowledge.isPending}
                  onClick={() => void acknowledgeAll()}
                >
                  {t('workflow.notifications.acknowledgeAll')}
                </button>
              </p>
            ) : null}
            {notifications.error ? (
              <ErrorMessage message={t('workflow.notifications.failed')} />
            ) : count === 0 ? (
              <p className="muted">{t('workflow.notifications.none')}</p>
            ) : (
              <ul className="notification-panel__list">
                {items.map((notification) => (
                  <Item key={notification.id} notification={notification} onMessage={setMessage} />
                ))}
              </ul>
            )}
          </>
        ) : null}
      </section>
    </div>
  );
}

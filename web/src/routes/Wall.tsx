import './Wall.css';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client.js';
import { forgetScreen, rememberedScreen, useDisplaySignIn } from '../api/display.js';
import {
  keys,
  signedOutDeliberately,
  useEntries,
  useIncident,
  useIncidents,
  useLogout,
  useMe,
} from '../api/hooks.js';
import { usePicture } from '../api/picture.js';
import type { IncidentSummary } from '../api/types.js';
import { Brand } from '../components/AppShell.js';
import { LanguageSwitcher } from '../components/LanguageSwitcher.js';
import { LiveIndicator, LiveUpdates } from '../components/LiveUpdates.js';
import { Loading, QueryError } from '../components/Messages.js';
import { EntrySummary } from '../components/picture/EntrySummary.js';
import { EuropeMap } from '../components/picture/EuropeMap.js';
import { ActivationState, KeyFigures } from '../components/picture/KeyFigures.js';
import { MapLegend } from '../components/picture/MapLegend.js';
import { Staleness, sortStates } from '../components/picture/StateTable.js';
import { useNow } from '../components/picture/time.js';
import { ExerciseTag, StatusBadge } from '../components/StatusBadge.js';
import { MeContext, useSession } from '../components/session.js';
import { ClassificationBanner, mostRestrictive } from '../components/Tlp.js';
import { useFormat } from '../i18n/useFormat.js';

/** How long each incident stays on screen. */
export const ROTATE_MS = 20_000;
const TICK_MS = 250;
const LATEST_ENTRIES = 4;
/** A wall screen checks now and then that its token still holds (revoked → the sign-in screen says so). */
const SESSION_CHECK_MS = 15_000;

const STATUS_ORDER: Record<string, number> = {
  applies: 0,
  'decision-required': 1,
  'below-threshold': 2,
  'out-of-scope': 3,
};

/**
 * Open incidents the organisation follows: not merged, not deactivated; active Blueprint first, then by status,
 * then newest first (a stable order: new entries do not reshuffle the rotation).
 */
export function rotation(incidents: readonly IncidentSummary[]): IncidentSummary[] {
  return incidents
    .filter((incident) => incident.mergedInto === null && incident.blueprintState !== 'deactivated')
    .sort(
      (a, b) =>
        Number(b.blueprintState === 'active') - Number(a.blueprintState === 'active') ||
        (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
        b.createdAt.localeCompare(a.createdAt),
    );
}

/** The time here and in UTC, to the second, in large type. */
function Clock() {
  const { t } = useTranslation();
  const { locale, timeZone } = useFormat();
  const now = useNow(1000);
  const formats = useMemo(() => {
    const time = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } as const;
    return {
      local: new Intl.DateTimeFormat(locale, { ...time, timeZone, timeZoneName: 'short' }),
      utc: new Intl.DateTimeFormat(locale, { ...time, timeZone: 'UTC' }),
      date: new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }),
    };
  }, [locale, timeZone]);
  return (
    <p className="wall-clock">
      <span className="visually-hidden">{t('wall.clock')}: </span>
      <time dateTime={new Date(now).toISOString()} className="wall-clock__local">
        {formats.local.format(now)}
      </time>
      <span className="wall-clock__utc">{formats.utc.format(now)} UTC</span>
      <span className="wall-clock__date">{formats.date.format(now)}</span>
    </p>
  );
}

/** One incident, as large as the screen allows: status, map, figures, who is stale, the latest entries. */
function WallIncident({ summary }: { summary: IncidentSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const picture = usePicture(summary.id);
  const incident = useIncident(summary.id);
  const entries = useEntries(summary.id);
  const now = useNow(30_000);
  const latest = (entries.data ?? [])
    .filter((entry) => entry.kind !== 'reach-change')
    .slice(-LATEST_ENTRIES)
    .reverse();
  const marking = mostRestrictive([
    ...(incident.data ? [incident.data.marking] : []),
    ...(picture.data ? [picture.data.marking] : []),
    ...latest.map((entry) => entry.marking),
  ]);
  const affected = picture.data
    ? sortStates(picture.data.states, format.region, format.locale).filter(
        (state) => state.level === 'significant' || state.level === 'minor',
      )
    : [];
  return (
    <article className="wall-incident" aria-labelledby="wall-title" data-testid="wall-incident">
      <ClassificationBanner marking={marking} />
      <header className="wall-incident__head">
        <div className="wall-incident__badges">
          <StatusBadge status={summary.status} large />
          {picture.data ? <ActivationState activation={picture.data.activation} /> : null}
          {summary.exercise ? <ExerciseTag /> : null}
        </div>
        <h1 id="wall-title" className="wall-incident__title">
          {summary.title}
        </h1>
      </header>
      {picture.isPending ? (
        <Loading />
      ) : picture.error ? (
        <QueryError error={picture.error} onRetry={() => void picture.refetch()} />
      ) : (
        <div className="wall-incident__body">
          <div className="wall-incident__map">
            <EuropeMap
              picture={picture.data}
              label={t('picture.map.label', { title: summary.title })}
              labelScale={1.5}
            />
            <MapLegend compact />
          </div>
          <div className="wall-incident__side">
            <KeyFigures picture={picture.data} large />
            {affected.length > 0 ? (
              <ul className="wall-states" aria-label={t('wall.staleness')}>
                {affected.slice(0, 8).map((state) => (
                  <li key={state.code}>
                    <span className="wall-states__code">{state.code}</span>
                    <Staleness state={state} now={now} />
                  </li>
                ))}
              </ul>
            ) : null}
            <h2 className="wall-incident__latest">{t('wall.latest')}</h2>
            {latest.length === 0 ? (
              <p className="muted">{t('wall.noEntries')}</p>
            ) : (
              <ol className="wall-entries">
                {latest.map((entry) => (
                  <li key={entry.id}>
                    <EntrySummary entry={entry} maxLength={160} />
                  </li>
                ))}
              </ol>
            )}
          </div>
        </div>
      )}
    </article>
  );
}

/** The countdown to the next incident, and the controls: previous, pause or resume, next. */
function Rotation({
  count,
  index,
  currentId,
  nextTitle,
  paused,
  held,
  onHold,
  onMove,
}: {
  count: number;
  index: number;
  /** The incident on screen: a new one starts a new countdown. */
  currentId: string | undefined;
  nextTitle: string | null;
  paused: boolean;
  held: boolean;
  onHold: (held: boolean) => void;
  onMove: (step: number) => void;
}) {
  const { t } = useTranslation();
  const [elapsed, setElapsed] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: restarts on purpose when another incident is shown
  useEffect(() => setElapsed(0), [currentId]);
  useEffect(() => {
    if (paused || count < 2) return;
    const timer = setInterval(() => setElapsed((value) => value + TICK_MS), TICK_MS);
    return () => clearInterval(timer);
  }, [paused, count]);
  useEffect(() => {
    if (elapsed < ROTATE_MS) return;
    setElapsed(0);
    onMove(1);
  }, [elapsed, onMove]);
  const seconds = Math.max(0, Math.ceil((ROTATE_MS - elapsed) / 1000));
  return (
    <div className="wall-rotation">
      <p className="wall-rotation__position">{t('wall.position', { index: index + 1, count })}</p>
      {count > 1 ? (
        <>
          <div className="wall-rotation__next">
            <p className="wall-rotation__label" data-testid="wall-next">
              {paused
                ? held
                  ? t('wall.paused')
                  : t('wall.pausedFocus')
                : t('wall.next', { title: nextTitle ?? '', seconds })}
            </p>
            <div
              className={`wall-rotation__bar${paused ? ' wall-rotation__bar--paused' : ''}`}
              role="progressbar"
              aria-label={t('wall.progress')}
              aria-valuemin={0}
              aria-valuemax={ROTATE_MS / 1000}
              aria-valuenow={Math.round(elapsed / 1000)}
            >
              <span style={{ width: `${Math.min(100, (elapsed / ROTATE_MS) * 100)}%` }} />
            </div>
          </div>
          <div className="wall-rotation__controls">
            <button type="button" className="button button--on-dark" onClick={() => onMove(-1)}>
              <span aria-hidden="true">◀ </span>
              {t('wall.previous')}
            </button>
            <button
              type="button"
              className="button button--on-dark"
              aria-pressed={held}
              onClick={() => onHold(!held)}
            >
              {held ? t('wall.resume') : t('wall.pause')}
            </button>
            <button type="button" className="button button--on-dark" onClick={() => onMove(1)}>
              {t('wall.nextButton')}
              <span aria-hidden="true"> ▶</span>
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}

/** The signed-in wall: the organisation's open incidents in turn, with no navigation and nothing that writes. */
function WallDisplay() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const incidents = useIncidents();
  // The incident on screen, by id: the list may change under it (a new incident, one deactivated).
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [held, setHeld] = useState(false);
  const [focused, setFocused] = useState(false);
  const list = rotation(incidents.data ?? []);
  const count = list.length;
  const index = Math.max(
    0,
    list.findIndex((incident) => incident.id === currentId),
  );
  const current = list[index];
  const next = count > 1 ? list[(index + 1) % count] : undefined;

  useEffect(() => {
    const timer = setInterval(
      () => void queryClient.invalidateQueries({ queryKey: keys.me, exact: true }),
      SESSION_CHECK_MS,
    );
    return () => clearInterval(timer);
  }, [queryClient]);

  useEffect(() => {
    document.title = current ? `${current.title} · ${t('wall.title')}` : `${t('wall.title')} · Blueprint`;
  }, [current, t]);

  const move = (step: number) => {
    if (count === 0) return;
    setCurrentId(list[(((index + step) % count) + count) % count]?.id ?? null);
  };

  // Rotation waits while someone uses the controls from the keyboard.
  const wallRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const wall = wallRef.current;
    if (!wall) return;
    const focusIn = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement && event.target.matches(':focus-visible')) setFocused(true);
    };
    const focusOut = (event: FocusEvent) => {
      if (!(event.relatedTarget instanceof Node && wall.contains(event.relatedTarget))) setFocused(false);
    };
    wall.addEventListener('focusin', focusIn);
    wall.addEventListener('focusout', focusOut);
    return () => {
      wall.removeEventListener('focusin', focusIn);
      wall.removeEventListener('focusout', focusOut);
    };
  }, []);

  return (
    <div className="wall" data-testid="wall" ref={wallRef}>
      <main className="wall__main" id="main">
        {incidents.isPending ? (
          <Loading />
        ) : incidents.error ? (
          <QueryError error={incidents.error} onRetry={() => void incidents.refetch()} />
        ) : current ? (
          <WallIncident key={current.id} summary={current} />
        ) : (
          <div className="wall-empty">
            <p className="wall-empty__title">
              {t('wall.emptyTitle', {
                organisation: format.organisation(me.organisation.id, me.organisation.kind),
              })}
            </p>
            <p>{t('wall.emptyNext')}</p>
          </div>
        )}
      </main>
      <footer className="wall__footer">
        <div className="wall__who">
          <Brand link={false} />
          <p className="wall__org">
            {format.organisation(me.organisation.id, me.organisation.kind)}
            <span className="wall__screen">
              {me.viaDisplay
                ? t('wall.screenName', { name: me.displayName })
                : t('wall.personal', { name: me.displayName })}
            </span>
          </p>
        </div>
        <LiveIndicator />
        <Rotation
          count={count}
          index={index}
          currentId={current?.id}
          nextTitle={next?.title ?? null}
          paused={held || focused}
          held={held}
          onHold={setHeld}
          onMove={move}
        />
        <Clock />
        <div className="wall__tools">
          <LanguageSwitcher />
          <button
            type="button"
            className="button button--on-dark button--small"
            onClick={() => logout.mutate()}
            disabled={logout.isPending}
          >
            {t('wall.signOut')}
          </button>
        </div>
      </footer>
    </div>
  );
}

/** A wall screen not (or no longer) signed in: paste the display token an administrator created. */
function WallSignIn({ signedOut }: { signedOut: boolean }) {
  const { t } = useTranslation();
  const signIn = useDisplaySignIn();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = `${t('wall.title')} · Blueprint`;
  }, [t]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!token.trim()) {
      setError(t('wall.tokenRequired'));
      inputRef.current?.focus();
      return;
    }
    signIn.mutate(token.trim(), {
      onSuccess: () => setToken(''),
      onError: (failure) => {
        setError(
          isApiError(failure, 401)
            ? t('wall.tokenRefused')
            : isApiError(failure, 429)
              ? t('errors.tooMany')
              : t('errors.network'),
        );
        inputRef.current?.focus();
      },
    });
  };
  return (
    <main className="wall-sign-in" id="main">
      <div className="wall-sign-in__card">
        <Brand link={false} />
        <h1>{t('wall.signInTitle')}</h1>
        {signedOut ? (
          <p className="notice notice--error" data-testid="wall-signed-out" role="alert">
            <span aria-hidden="true" className="notice__icon">
              ⚠
            </span>
            {t('wall.signedOut')}
          </p>
        ) : null}
        <p>{t('wall.signInIntro')}</p>
        <form className="form" onSubmit={submit} noValidate>
          <div className={`field${error ? ' field--invalid' : ''}`}>
            <label htmlFor="display-token">{t('wall.tokenLabel')}</label>
            <p className="field__hint" id="display-token-hint">
              {t('wall.tokenHint')}
            </p>
            {error ? (
              <p className="field__error" id="display-token-error">
                <span aria-hidden="true">⚠ </span>
                {error}
              </p>
            ) : null}
            <input
              ref={inputRef}
              id="display-token"
              name="displayToken"
              type="password"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={error ? 'display-token-hint display-token-error' : 'display-token-hint'}
              aria-invalid={error ? true : undefined}
              value={token}
              onChange={(event) => setToken(event.target.value)}
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={signIn.isPending}>
              {signIn.isPending ? t('common.working') : t('wall.start')}
            </button>
          </div>
        </form>
        <p className="wall-sign-in__person">
          <Link to="/login">{t('wall.personSignIn')}</Link>
        </p>
        <LanguageSwitcher />
      </div>
    </main>
  );
}

/**
 * `/wall`: the operations-room screen. Signed in with a display token (or by a person, for a look), it shows
 * the organisation's open incidents in turn, in large type, read-only; it has no inactivity sign-out.
 */
export function Wall() {
  const { t } = useTranslation();
  const { data, error, isPending, refetch } = useMe();
  // A display token has no user behind it, and `GET /api/me` answers 404 for it: the screen is who it
  // remembers being, for as long as the server keeps accepting its token.
  const me =
    data !== undefined ? data : isApiError(error, 404) ? (rememberedScreen() ?? undefined) : undefined;
  const wasSignedIn = useRef(false);
  const [signedOut, setSignedOut] = useState(false);
  useEffect(() => {
    if (me) {
      wasSignedIn.current = true;
      setSignedOut(false);
    } else if (me === null) {
      forgetScreen();
      if (wasSignedIn.current) {
        wasSignedIn.current = false;
        // Ended by the server (the token was revoked), not by someone pressing "Sign out": say so.
        setSignedOut(!signedOutDeliberately());
      }
    }
  }, [me]);
  if (isPending) {
    return (
      <main className="wall-sign-in" id="main">
        <Loading label={t('common.loadingSession')} />
      </main>
    );
  }
  if (me === undefined) {
    return (
      <main className="wall-sign-in" id="main">
        <QueryError error={error} onRetry={() => void refetch()} />
      </main>
    );
  }
  if (me === null) return <WallSignIn signedOut={signedOut} />;
  return (
    <MeContext.Provider value={me}>
      <LiveUpdates key={me.id}>
        <WallDisplay />
      </LiveUpdates>
    </MeContext.Provider>
  );
}

import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useLogout } from '../api/hooks.js';
import { readerTimeZone } from '../i18n/format.js';
import { useFormat } from '../i18n/useFormat.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';
import { LiveIndicator } from './LiveUpdates.js';
import { canAdminister, canManageSharingGroups, useSession } from './session.js';
import { NotificationBell } from './workflow/NotificationBell.js';

/** Search incidents and entries from anywhere: the results have their own page, /search?q=…. */
function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [query, setQuery] = useState(() =>
    location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '',
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/search?q=${encodeURIComponent(query.trim())}`);
  };
  return (
    <search className="header-search" aria-label={t('search.label')}>
      <form className="header-search__form" onSubmit={submit}>
        <label htmlFor="header-search" className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id="header-search"
          type="search"
          name="q"
          value={query}
          autoComplete="off"
          maxLength={200}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="button button--on-dark button--small">
          {t('search.submit')}
        </button>
      </form>
    </search>
  );
}

/** The first stop for keyboard users: straight to the main content (a plain in-page link). */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('shell.skip')}
    </a>
  );
}

export function Brand({ link }: { link: boolean }) {
  const { t } = useTranslation();
  const content = (
    <>
      <span className="brand__mark" aria-hidden="true" />
      <span className="brand__name">Blueprint</span>
      <span className="brand__tagline">{t('shell.tagline')}</span>
    </>
  );
  return link ? (
    <Link to="/" className="brand">
      {content}
    </Link>
  ) : (
    <span className="brand">{content}</span>
  );
}

export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="page-footer">
      <p>{t('shell.timeNote', { zone: readerTimeZone() })}</p>
    </footer>
  );
}

export function AppShell({ children, enrolmentOnly }: { children: ReactNode; enrolmentOnly?: boolean }) {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const logout = useLogout();
  // Once signed out, the session gate sends the reader to the sign-in page.
  const signOut = () => logout.mutate();

  return (
    <>
      <SkipLink />
      <header className="masthead">
        <div className="masthead__bar">
          <Brand link={!enrolmentOnly} />
          <dl className="masthead__who">
            <div>
              <dt className="visually-hidden">{t('shell.organisation')}</dt>
              <dd className="masthead__org">
                {format.organisation(me.organisation.id, me.organisation.kind)}
              </dd>
            </div>
            <div>
              <dt className="visually-hidden">{t('shell.signedInAs')}</dt>
              <dd>
                {me.displayName} <span className="masthead__role">{t(`roles.${me.role}`)}</span>
              </dd>
            </div>
          </dl>
          {enrolmentOnly ? null : <LiveIndicator />}
          {enrolmentOnly ? null : <NotificationBell />}
          <LanguageSwitcher />
          <button
            type="button"
            className="button button--on-dark"
            onClick={signOut}
            disabled={logout.isPending}
          >
            {t('shell.signOut')}
          </button>
        </div>
        {enrolmentOnly ? null : (
          <nav className="main-nav" aria-label={t('shell.navigation')}>
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/incidents">{t('nav.incidents')}</NavLink>
              </li>
              <li>
                <NavLink to="/directory">{t('nav.directory')}</NavLink>
              </li>
              <li>
                <NavLink to="/contact-checks">{t('nav.contactChecks')}</NavLink>
              </li>
              {canManageSharingGroups(me) ? (
                <li>
                  <NavLink to="/sharing-groups">{t('nav.sharingGroups')}</NavLink>
                </li>
              ) : null}
              {me.abilities.readRecommendationsForUs ? (
                <li>
                  <NavLink to="/recommendations">{t('nav.recommendationsForUs')}</NavLink>
                </li>
              ) : null}
              {me.abilities.readAssistanceBoard ? (
                <li>
                  <NavLink to="/assistance">{t('nav.assistanceBoard')}</NavLink>
                </li>
              ) : null}
              {me.abilities.runExercises ? (
                <li>
                  <NavLink to="/exercises/run">{t('nav.runExercises')}</NavLink>
                </li>
              ) : null}
              {me.abilities.keepCepesRegister ? (
                <li>
                  <NavLink to="/cepes-register">{t('nav.cepesRegister')}</NavLink>
                </li>
              ) : null}
              {canAdminister(me) ? (
                <li>
                  <NavLink to="/admin/users">{t('nav.administration')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/account">{t('nav.account')}</NavLink>
              </li>
            </ul>
            <HeaderSearch />
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1} className="page">
        {children}
      </main>
      <Footer />
    </>
  );
}

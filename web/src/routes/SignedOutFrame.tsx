import type { ReactNode } from 'react';
import { Brand, Footer, SkipLink } from '../components/AppShell.js';
import { LanguageSwitcher } from '../components/LanguageSwitcher.js';

/** The frame of the pages reached without signing in (forgotten password, new password), like the sign-in page's. */
export function SignedOutFrame({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <header className="masthead">
        <div className="masthead__bar">
          <Brand link={false} />
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="page page--login">
        <div className="login-card">{children}</div>
      </main>
      <Footer />
    </>
  );
}

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Recovery codes, shown once: read out, stored, and acknowledged before the screen moves on. */
export function RecoveryCodes({
  codes,
  onStored,
  heading: Heading = 'h3',
}: {
  codes: readonly string[];
  onStored: () => void;
  heading?: 'h2' | 'h3';
}) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The codes replace the form the user was typing in: move the reader to them.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="recovery-codes" aria-labelledby="recovery-codes-heading">
      <Heading id="recovery-codes-heading" ref={headingRef} tabIndex={-1} className="h-small">
        {t('recovery.codesTitle')}
      </Heading>
      <p>{t('recovery.codesIntro')}</p>
      <ol className="recovery-codes__list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code className="secret">{code}</code>
          </li>
        ))}
      </ol>
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onStored}>
          {t('recovery.codesStored')}
        </button>
      </div>
    </section>
  );
}

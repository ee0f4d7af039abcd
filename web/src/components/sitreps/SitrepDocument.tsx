import { useTranslation } from 'react-i18next';
import { isSectionKey, type Sitrep } from '../../api/sitreps.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';

/** A section's title in the reader's language (the server's English title for any it does not know). */
export function useSectionTitle() {
  const { t } = useTranslation();
  return (section: { key: string; title: string }) =>
    isSectionKey(section.key) ? t(`sitreps.section.${section.key}`) : section.title;
}

/** Text as written: paragraphs and line breaks kept. */
export function Prose({ text }: { text: string }) {
  const { t } = useTranslation();
  if (text.trim() === '') return <p className="muted">{t('sitreps.emptySection')}</p>;
  return (
    <div className="sitrep-prose">
      {text.split(/\n{2,}/).map((paragraph, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one frozen text, in order
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}

/** The contributors' own sections, each under its organisation's name. */
export function Contributions({ sitrep }: { sitrep: Sitrep }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (sitrep.contributions.length === 0) return null;
  return (
    <section className="sitrep-section" aria-labelledby="contributions-heading">
      <h2 id="contributions-heading">{t('sitreps.contributions.heading')}</h2>
      {sitrep.contributions.map((contribution) => (
        <article
          key={contribution.organisation}
          className="sitrep-contribution"
          data-testid="sitrep-contribution"
        >
          <h3>
            {contribution.title}{' '}
            <span className="sitrep-contribution__from">
              {t('sitreps.contributions.from', {
                organisation: format.organisation(contribution.organisation),
                author: contribution.author,
              })}
            </span>
          </h3>
          <p className="sitrep-contribution__at">
            <DateTime value={contribution.at} />
          </p>
          <Prose text={contribution.text} />
        </article>
      ))}
    </section>
  );
}

/** The sitrep as its readers get it: the sections in order, then the contributions. */
export function SitrepDocument({ sitrep }: { sitrep: Sitrep }) {
  const sectionTitle = useSectionTitle();
  return (
    <div className="sitrep-document">
      {sitrep.sections.map((section) => (
        <section key={section.key} className="sitrep-section" aria-labelledby={`section-${section.key}`}>
          <h2 id={`section-${section.key}`}>{sectionTitle(section)}</h2>
          <Prose text={section.text} />
        </section>
      ))}
      <Contributions sitrep={sitrep} />
    </div>
  );
}

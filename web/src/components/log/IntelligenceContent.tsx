import { useTranslation } from 'react-i18next';
import { strings, text } from '../../api/json.js';

/**
 * An object imported from a MISP event or a STIX bundle: its title, what it is at the source, its text, detection
 * pattern and labels. A kept object says so; the object itself is among the entry's attachments.
 */
export function IntelligenceContent({ body }: { body: Record<string, unknown> }) {
  const { t } = useTranslation();
  const title = text(body.title);
  const description = text(body.text);
  const format = body.format === 'misp' ? 'MISP' : 'STIX 2.1';
  const objectType = text(body.objectType) ?? '';
  const pattern =
    typeof body.pattern === 'object' && body.pattern !== null
      ? text((body.pattern as { value?: unknown }).value)
      : null;
  const labels = strings(body.labels);
  return (
    <>
      {title ? <p className="entry__title-text">{title}</p> : null}
      <p className="entry__label">{t('intelligence.source', { format, type: objectType })}</p>
      {body.kept === true ? <p className="entry__text">{t('intelligence.kept')}</p> : null}
      {description && body.kept !== true ? <p className="entry__text">{description}</p> : null}
      {pattern ? (
        <p className="entry__text">
          <strong>{t('intelligence.pattern')}</strong> <code>{pattern}</code>
        </p>
      ) : null}
      {labels.length > 0 ? (
        <p className="entry__text">
          <strong>{t('intelligence.labels')}</strong> {labels.join(', ')}
        </p>
      ) : null}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import type { Entry } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { entryLine } from './lines.js';

/** A public-communication, assistance or response entry as one line, with its details beneath. */
export function LineEntryContent({ entry, about }: { entry: Entry; about?: Entry | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const line = entryLine(entry, t, format, about);
  return (
    <div className="workflow-entry">
      {line.headline ? <p className="workflow-entry__headline">{line.headline}</p> : null}
      {line.details.map((item) => (
        <p key={item.label} className="entry__text">
          <strong>{item.label}:</strong> {item.value}
        </p>
      ))}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { scenarioReading } from '../../../src/exercises/scenario-reading.js';
import type { Entry } from '../api/types.js';

/**
 * An exercise entry's scenario time, "T+01:15", as its facilitators count, before the wall time it was stamped at.
 * The offset is the server's (read through the exercise's recorded clock); this only writes it. Nothing on a real
 * incident's entries, which have none.
 */
export function ScenarioTime({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  if (entry.scenarioOffsetSeconds === undefined) return null;
  return (
    <>
      <span className="entry__scenario-time nowrap" title={t('entries.scenarioTimeExplained')}>
        <span className="visually-hidden">{t('entries.scenarioTime')} </span>
        {scenarioReading(entry.scenarioOffsetSeconds)}
      </span>
      <span aria-hidden="true"> · </span>
    </>
  );
}

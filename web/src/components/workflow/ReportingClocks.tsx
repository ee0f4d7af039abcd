import { useTranslation } from 'react-i18next';
import type { Incident } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { useVocabulary } from '../../i18n/vocabulary.js';
import { DateTime } from '../DateTime.js';

type Clock = Incident['reportingClocks'][number];

/**
 * The entities' reporting obligations towards their national authorities, per entity and regime, for information:
 * which regime the entity's sector puts it under (and why), when each stage falls, and whether a member state
 * recorded it here. The platform never calls anyone late: sharing under the Blueprint is voluntary, and these clocks
 * are the entities', not the states'.
 */
export function ReportingClocks({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useVocabulary();
  const clocks = incident.reportingClocks;
  if (clocks.length === 0) return null;
  const entityName = (clock: Clock) =>
    clock.entity ??
    t('workflow.clocks.withheldEntity', { organisation: format.organisation(clock.reportedBy) });
  return (
    <section aria-labelledby="clocks-heading" className="panel reporting">
      <h2 id="clocks-heading">{t('workflow.clocks.heading')}</h2>
      <p className="field__hint">{t('workflow.clocks.hint')}</p>
      {clocks.map((clock, index) => (
        // A withheld entity has no name to key by; the server's order is stable and never changed here.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div key={`${clock.entity ?? 'withheld'}-${index}`} className="reporting__entity">
          <h3>
            {entityName(clock)}{' '}
            <span className="muted">
              ({words.sector(clock.sector)}
              {clock.subsector ? ` · ${words.subsector(clock.subsector)}` : ''}
              {' · '}
              {t('workflow.clocks.namedBy', { organisation: format.organisation(clock.reportedBy) })})
            </span>
          </h3>
          <ul className="reporting__regimes">
            {clock.regimes.map((r) => (
              <li key={r.regime}>
                <strong>{t(`workflow.clocks.regime.${r.regime}`)}</strong>:{' '}
                {t(`workflow.clocks.reason.${r.reason}`)}
              </li>
            ))}
          </ul>
          <table className="table table--compact">
            <caption className="visually-hidden">
              {t('workflow.clocks.caption', { entity: entityName(clock) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('workflow.clocks.stage')}</th>
                <th scope="col">{t('workflow.clocks.falls')}</th>
                <th scope="col">{t('workflow.clocks.recorded')}</th>
              </tr>
            </thead>
            <tbody>
              {clock.stages.map((stage) => (
                <tr key={stage.stage}>
                  <th scope="row">{t(`workflow.stage.${stage.stage}`)}</th>
                  <td>
                    {stage.dueAt ? (
                      <>
                        <DateTime value={stage.dueAt} />{' '}
                      </>
                    ) : null}
                    <span className="muted">{t(`workflow.clocks.basis.${stage.basis}`)}</span>
                  </td>
                  <td>
                    {stage.recordedAt ? (
                      <DateTime value={stage.recordedAt} />
                    ) : (
                      <span className="muted">{t('workflow.clocks.notRecorded')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

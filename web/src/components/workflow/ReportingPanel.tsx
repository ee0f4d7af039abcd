import { useTranslation } from 'react-i18next';
import type { Incident } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';

/**
 * Where each member state stands in its CER and NIS2 reporting: what it sent last, what is due next and when,
 * and whether it is late (said in words and with a sign, never by colour alone).
 */
export function ReportingPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { reporting } = incident;
  if (reporting.length === 0) return null;
  const overdue = reporting.filter((state) => state.stages.some((stage) => stage.overdue)).length;
  return (
    <section aria-labelledby="reporting-heading" className="panel reporting">
      <h2 id="reporting-heading">{t('workflow.reporting.heading')}</h2>
      <p className="field__hint">{t('workflow.reporting.hint')}</p>
      {overdue > 0 ? (
        <p className="notice notice--warning">
          <span aria-hidden="true" className="notice__icon">
            ⚠
          </span>
          {t('workflow.reporting.overdueCount', { count: overdue })}
        </p>
      ) : null}
      <table className="table table--compact">
        <caption className="visually-hidden">{t('workflow.reporting.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workflow.reporting.state')}</th>
            <th scope="col">{t('workflow.reporting.regimes')}</th>
            <th scope="col">{t('workflow.reporting.current')}</th>
            <th scope="col">{t('workflow.reporting.next')}</th>
            <th scope="col">{t('workflow.reporting.due')}</th>
            <th scope="col">{t('workflow.reporting.status')}</th>
          </tr>
        </thead>
        <tbody>
          {reporting.map((state) => {
            const late = state.stages.filter((stage) => stage.overdue);
            return (
              <tr key={state.memberState} className={late.length > 0 ? 'row--overdue' : undefined}>
                <th scope="row">{format.region(state.memberState)}</th>
                <td>{state.regimes.map((regime) => t(`workflow.reporting.regime.${regime}`)).join(' + ')}</td>
                <td>
                  {state.current ? (
                    t(`workflow.stage.${state.current}`)
                  ) : (
                    <span className="muted">{t('workflow.reporting.nothingYet')}</span>
                  )}
                </td>
                <td>
                  {state.next ? (
                    t(`workflow.stage.${state.next.stage}`)
                  ) : (
                    <span className="muted">{t('workflow.reporting.allDone')}</span>
                  )}
                </td>
                <td>
                  {state.next?.dueAt ? (
                    <DateTime value={state.next.dueAt} />
                  ) : state.next ? (
                    <span className="muted">{t('workflow.reporting.dueLater')}</span>
                  ) : null}
                </td>
                <td>
                  {late.length > 0 ? (
                    <span className="overdue">
                      <span aria-hidden="true">⚠ </span>
                      {t('workflow.reporting.overdue')}
                      <span className="overdue__which">
                        {' '}
                        ({format.list(late.map((stage) => t(`workflow.stage.${stage.stage}`)))})
                      </span>
                    </span>
                  ) : (
                    <span className="on-time">
                      <span aria-hidden="true">✔ </span>
                      {t('workflow.reporting.onTime')}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import type { PictureState } from '../../api/picture.js';
import type { Entry } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { entryElementId } from '../EntryCard.js';
import { EntrySummary } from './EntrySummary.js';
import { useLevelWords } from './levels.js';
import { Staleness, useStageName } from './StateTable.js';

const LATEST = 5;

/**
 * The selected state: its impact and reporting in brief, and its latest contributions to the log (newest first),
 * each linking to the full entry; all of them, and what others wrote about it, are one click away in the log.
 */
export function StateDetail({
  code,
  state,
  entries,
  now,
  onShowInLog,
  onClose,
}: {
  code: string;
  state: PictureState | undefined;
  entries: readonly Entry[] | undefined;
  now: number;
  onShowInLog: (code: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useLevelWords();
  const stageName = useStageName();
  const name = format.region(code);
  const from = (entries ?? []).filter((entry) => entry.author.organisation === code);
  const latest = from.slice(-LATEST).reverse();
  return (
    <section className="state-detail" aria-labelledby="state-detail-heading" data-testid="state-detail">
      <div className="state-detail__head">
        <h3 id="state-detail-heading">
          <span className="state-detail__code">{code}</span> {name}
        </h3>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          {t('picture.detail.close')}
        </button>
      </div>
      {state ? (
        <dl className="facts facts--compact state-detail__facts">
          <div>
            <dt>{t('picture.states.impact')}</dt>
            <dd>
              <span className={`level level--${state.level}`}>
                {words.describe(
                  state.level,
                  state.ownAssessment,
                  format.list(state.claimedBy.map((org) => format.organisation(org))),
                )}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('picture.states.lastUpdate')}</dt>
            <dd>
              <Staleness state={state} now={now} />
            </dd>
          </div>
          <div>
            <dt>{t('picture.states.stage')}</dt>
            <dd>{state.currentStage ? stageName(state.currentStage) : t('picture.states.noStage')}</dd>
          </div>
          {state.capacityOverwhelmed ? (
            <div>
              <dt>{t('workflow.response.heading')}</dt>
              <dd className="overwhelmed-flag">{t('picture.states.overwhelmed')}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="muted">{t('picture.detail.notInvolved', { state: name })}</p>
      )}
      <h4 className="h-small">{t('picture.detail.latest', { state: name })}</h4>
      {entries === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : latest.length === 0 ? (
        <p className="muted">{t('picture.detail.nothing', { state: name })}</p>
      ) : (
        <ol className="state-detail__entries" data-testid="state-contributions">
          {latest.map((entry) => (
            <li key={entry.id}>
              <EntrySummary entry={entry} link={`#${entryElementId(entry.id)}`} maxLength={200} />
            </li>
          ))}
        </ol>
      )}
      <p className="state-detail__more">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onShowInLog(code)}
        >
          {t('picture.detail.showInLog', { state: name, count: from.length })}
        </button>
      </p>
    </section>
  );
}

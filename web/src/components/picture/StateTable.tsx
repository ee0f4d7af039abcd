import { useTranslation } from 'react-i18next';
import { isStage, type Picture, type PictureState, type STALENESS } from '../../api/picture.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { levelRank, useLevelWords } from './levels.js';
import { useDurations } from './time.js';

const STALENESS_SYMBOLS = { fresh: '●', amber: '◑', red: '○' } as const satisfies Record<
  (typeof STALENESS)[number],
  string
>;

/** "Updated 5 hours ago — stale": the time since the state's last update, in words, with a sign and a colour. */
export function Staleness({
  state,
  now,
}: {
  state: Pick<PictureState, 'lastUpdateAt' | 'staleness'>;
  now: number;
}) {
  const { t } = useTranslation();
  const durations = useDurations();
  if (!state.lastUpdateAt || !state.staleness) {
    return (
      <span className="staleness staleness--none">
        <span aria-hidden="true">– </span>
        {t('picture.staleness.none')}
      </span>
    );
  }
  return (
    <span className={`staleness staleness--${state.staleness}`} data-staleness={state.staleness}>
      <span aria-hidden="true" className="staleness__symbol">
        {STALENESS_SYMBOLS[state.staleness]}
      </span>{' '}
      {t(`picture.staleness.${state.staleness}`, { ago: durations.ago(state.lastUpdateAt, now) })}
    </span>
  );
}

export function useStageName() {
  const { t } = useTranslation();
  return (stage: string) => (isStage(stage) ? t(`workflow.stage.${stage}`) : stage);
}

/** Most affected first; a state's own word before others' claims; then by name. */
export function sortStates(states: readonly PictureState[], name: (code: string) => string, locale: string) {
  return [...states].sort(
    (a, b) =>
      levelRank(a.level) - levelRank(b.level) ||
      Number(b.ownAssessment) - Number(a.ownAssessment) ||
      name(a.code).localeCompare(name(b.code), locale),
  );
}

/**
 * Each affected state on one row: its impact (own or claimed), when it last sent something and whether that is
 * getting old, its reporting stage and what is due next.
 */
export function StateTable({
  picture,
  selected,
  onSelect,
  now,
}: {
  picture: Picture;
  selected: string | null;
  onSelect: (code: string) => void;
  now: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useLevelWords();
  const stageName = useStageName();
  const states = sortStates(picture.states, format.region, format.locale);
  if (states.length === 0) {
    return (
      <div className="empty">
        <p className="empty__title">{t('picture.states.emptyTitle')}</p>
        <p>{t('picture.states.emptyNext')}</p>
      </div>
    );
  }
  const thirdCountries = picture.thirdCountries;
  return (
    <>
      <div className="picture-table-scroll">
        <table className="table table--compact state-table" data-testid="state-table">
          <caption className="visually-hidden">{t('picture.states.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('picture.states.state')}</th>
              <th scope="col">{t('picture.states.impact')}</th>
              <th scope="col">{t('picture.states.lastUpdate')}</th>
              <th scope="col">{t('picture.states.stage')}</th>
              <th scope="col">{t('picture.states.details')}</th>
            </tr>
          </thead>
          <tbody>
            {states.map((state) => {
              const by = format.list(state.claimedBy.map((org) => format.organisation(org)));
              return (
                <tr
                  key={state.code}
                  className={selected === state.code ? 'state-table__row--selected' : undefined}
                  data-code={state.code}
                  data-level={state.level}
                >
                  <th scope="row">
                    <button
                      type="button"
                      className="picture-select"
                      aria-pressed={selected === state.code}
                      onClick={() => onSelect(state.code)}
                    >
                      <span className="state-table__code">{state.code}</span> {format.region(state.code)}
                    </button>
                  </th>
                  <td>
                    <span className={`level level--${state.level}`}>
                      {words.name(state.level)}
                      {state.ownAssessment ? '' : '?'}
                    </span>
                    <span className="state-table__by">
                      {state.ownAssessment ? t('picture.states.own') : t('picture.states.claimedBy', { by })}
                    </span>
                    {state.capacityOverwhelmed ? (
                      <span className="state-table__by overwhelmed-flag">
                        {t('picture.states.overwhelmed')}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <Staleness state={state} now={now} />
                    {state.lastUpdateAt ? (
                      <span className="state-table__when">
                        <DateTime value={state.lastUpdateAt} />
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {state.currentStage ? (
                      stageName(state.currentStage)
                    ) : (
                      <span className="muted">{t('picture.states.noStage')}</span>
                    )}
                  </td>
                  <td>
                    {state.services.length > 0 ? <span>{format.list(state.services)}</span> : null}
                    {state.usersAffected !== null ? (
                      <span className="state-table__when">
                        {t('picture.states.people', {
                          count: state.usersAffected,
                          number: format.number(state.usersAffected),
                        })}
                      </span>
                    ) : null}
                    {state.services.length === 0 && state.usersAffected === null ? (
                      <span className="muted">{t('picture.states.noDetails')}</span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {thirdCountries.length > 0 ? (
        <p className="third-countries">
          <strong>{t('picture.states.thirdCountries')}</strong>{' '}
          {format.list(
            // A country's own assessment is labelled as given by it (and by whom it was relayed): never counted.
            thirdCountries.map((country) => {
              const given = !country.ownAssessment
                ? ''
                : country.relayedBy
                  ? `, ${t('picture.states.thirdRelayed', { country: country.code, by: country.relayedBy })}`
                  : `, ${t('picture.states.thirdOwn', { country: country.code })}`;
              return `${format.region(country.code)} (${words.name(country.level)}${given})`;
            }),
          )}
        </p>
      ) : null}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import type { Entry, Incident } from '../../api/types.js';
import { SelectField } from '../fields.js';
import { Timeline, type TimelineFilter } from '../Timeline.js';
import './tracks.css';

export const TRACKS = ['consequence-management', 'attribution'] as const;
export type Track = (typeof TRACKS)[number];

/**
 * Whether the incident's response runs on two tracks: its cause is hybrid or a deliberate act is suspected, by the
 * first report and the later updates this reader sees (the latest word wins), or an entry already is on the
 * attribution track.
 */
export function runsOnTwoTracks(incident: Incident, entries: readonly Entry[]): boolean {
  let cause = incident.report?.cause;
  let deliberate = incident.report?.suspectedDeliberate === true;
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (entry.kind !== 'update') continue;
    if (typeof entry.body.cause === 'string') cause = entry.body.cause;
    if (typeof entry.body.suspectedDeliberate === 'boolean') deliberate = entry.body.suspectedDeliberate;
  }
  return cause === 'hybrid' || deliberate || entries.some((entry) => entry.track === 'attribution');
}

/** The log of a hybrid incident with its two tracks side by side, each through the same filters. */
export function TrackedTimeline({
  shown,
  all,
  filter,
  onChangeReach,
  onAttach,
}: {
  shown: readonly Entry[];
  all: readonly Entry[];
  filter: TimelineFilter;
  onChangeReach: (entry: Entry) => void;
  onAttach: (entry: Entry) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="response-tracks">
      {TRACKS.map((track) => (
        <section key={track} aria-labelledby={`track-${track}`} className="response-tracks__column">
          <h3 id={`track-${track}`}>{t(`tracks.${track}`)}</h3>
          <p className="muted">{t(`tracks.about.${track}`)}</p>
          <Timeline
            shown={shown.filter((entry) => entry.track === track)}
            all={all.filter((entry) => entry.track === track)}
            filter={filter}
            onChangeReach={onChangeReach}
            onAttach={onAttach}
          />
        </section>
      ))}
    </div>
  );
}

/**
 * Which track a new note belongs to. Left at all participants, an attribution-track note goes to the EEAS and the
 * affected states only: the server decides that default, the hint says it.
 */
export function TrackField({ value, onChange }: { value: Track; onChange: (track: Track) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('tracks.label')}
      hint={t('tracks.hint')}
      name="track"
      value={value}
      onChange={(event) =>
        onChange(event.target.value === 'attribution' ? 'attribution' : 'consequence-management')
      }
    >
      {TRACKS.map((track) => (
        <option key={track} value={track}>
          {t(`tracks.${track}`)}
        </option>
      ))}
    </SelectField>
  );
}

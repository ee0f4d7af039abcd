import { useTranslation } from 'react-i18next';
import { LEVEL_COLOURS, MapPatterns, memberFill, THIRD_COUNTRY_COLOURS, usePatternIds } from './EuropeMap.js';
import { useLevelWords } from './levels.js';

function Swatch({ fill, stroke }: { fill: string; stroke?: string | undefined }) {
  return (
    <svg className="map-legend__swatch" viewBox="0 0 36 22" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="34" height="20" fill={fill} stroke={stroke ?? '#404040'} strokeWidth="1.5" />
    </svg>
  );
}

/** What the fills, the hatching and the labels mean; the same patterns as the map, so it reads in greyscale. */
export function MapLegend({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const words = useLevelWords();
  const ids = usePatternIds();
  const level = (key: 'significant' | 'minor' | 'none', own: boolean) => ({
    key: `${key}-${own ? 'own' : 'claimed'}`,
    fill: memberFill({ level: key, ownAssessment: own }, ids),
    label: `${words.short(key)}${own ? '' : '?'} — ${t(
      own ? 'picture.legend.own' : 'picture.legend.claimed',
      {
        level: words.name(key),
      },
    )}`,
    short: `${words.short(key)}${own ? '' : '?'} ${own ? words.name(key) : t('picture.legend.claimedShort')}`,
  });
  const rows = [
    level('significant', true),
    level('significant', false),
    level('minor', true),
    level('minor', false),
    level('none', true),
    {
      key: 'unknown',
      fill: memberFill({ level: 'unknown', ownAssessment: false }, ids),
      label: `${words.short('unknown')} — ${t('picture.legend.unknown')}`,
      short: `${words.short('unknown')} ${t('picture.legend.unknownShort')}`,
    },
    {
      key: 'not-involved',
      fill: 'var(--map-uninvolved)',
      label: t('picture.legend.notInvolved'),
      short: t('picture.legend.notInvolvedShort'),
    },
    {
      key: 'third',
      fill: THIRD_COUNTRY_COLOURS.significant,
      label: t('picture.legend.third'),
      short: t('picture.legend.thirdShort'),
    },
  ];
  return (
    <div className={`map-legend${compact ? ' map-legend--compact' : ''}`}>
      <svg className="map-legend__defs" aria-hidden="true" focusable="false">
        <MapPatterns ids={ids} />
      </svg>
      <p className="map-legend__title" id={`${ids.dots}-legend`}>
        {t('picture.legend.title')}
      </p>
      <ul aria-labelledby={`${ids.dots}-legend`}>
        {rows.map((row) => (
          <li key={row.key}>
            <Swatch fill={row.fill} stroke={row.key === 'third' ? LEVEL_COLOURS.unknown : undefined} />
            <span>{compact ? row.short : row.label}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

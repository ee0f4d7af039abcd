import './picture.css';
import { type CSSProperties, type KeyboardEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Picture } from '../../api/picture.js';
import { useFormat } from '../../i18n/useFormat.js';
import { Loading, QueryError } from '../Messages.js';
import { useMapShapes } from './geo.js';
import { type LabelRequest, type PlacedLabel, placeLabels } from './labels.js';
import { type Level, levelRank, useLevelWords } from './levels.js';

/**
 * Fills, from light to dark so that they also read in greyscale and for colour-blind readers. A level a state
 * gave itself is solid; a level others claim for it is hatched in the same colour; every state with a level is
 * labelled with its code and the level's short form as well, so colour never carries the meaning alone.
 */
export const LEVEL_COLOURS: Record<Level, string> = {
  significant: '#a50f15',
  minor: '#ec7014',
  none: '#b9d3ea',
  unknown: '#707070',
};
export const THIRD_COUNTRY_COLOURS: Record<Level, string> = {
  significant: '#7a7a7a',
  minor: '#a5a5a5',
  none: '#cdcdcd',
  unknown: '#cdcdcd',
};

type MemberLevel = Picture['states'][number];

/** The ids of the map's patterns, unique per map so that two maps on one page do not share them. */
export function usePatternIds() {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  return {
    hatch: (level: Level) => `map-${id}-hatch-${level}`,
    dots: `map-${id}-dots`,
  };
}

export type PatternIds = ReturnType<typeof usePatternIds>;

/** The fill of a member state: solid when it is the state's own assessment, hatched when others claim it. */
export function memberFill(state: { level: string; ownAssessment: boolean } | undefined, ids: PatternIds) {
  if (!state) return 'var(--map-uninvolved)';
  const level = (state.level in LEVEL_COLOURS ? state.level : 'unknown') as Level;
  if (level === 'unknown') return `url(#${ids.dots})`;
  return state.ownAssessment ? LEVEL_COLOURS[level] : `url(#${ids.hatch(level)})`;
}

/** The hatching and dots the fills refer to; drawn once per map (and once in its legend). */
export function MapPatterns({ ids }: { ids: PatternIds }) {
  return (
    <defs>
      {(['significant', 'minor', 'none'] as const).map((level) => (
        <pattern
          key={level}
          id={ids.hatch(level)}
          patternUnits="userSpaceOnUse"
          width="9"
          height="9"
          patternTransform="rotate(45)"
        >
          <rect width="9" height="9" fill="#fff" />
          <rect width="4.5" height="9" fill={LEVEL_COLOURS[level]} />
        </pattern>
      ))}
      <pattern id={ids.dots} patternUnits="userSpaceOnUse" width="8" height="8">
        <rect width="8" height="8" fill="#fff" />
        <circle cx="4" cy="4" r="1.6" fill={LEVEL_COLOURS.unknown} />
      </pattern>
    </defs>
  );
}

function StateLabel({
  label,
  detail,
  className,
  scale,
}: {
  label: PlacedLabel;
  detail: string | null;
  className: string;
  scale: number;
}) {
  const { x, y, from } = label;
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG <g> is never focusable; the label repeats the state's name
    <g className={`map-label ${className}`} aria-hidden="true" data-label-for={label.code}>
      {from ? <line className="map-label__callout" x1={from[0]} y1={from[1]} x2={x} y2={y} /> : null}
      <text x={x} y={detail ? y - 4 * scale : y + 6 * scale} className="map-label__code">
        {label.code}
      </text>
      {detail ? (
        <text x={x} y={y + 15 * scale} className="map-label__level">
          {detail}
        </text>
      ) : null}
    </g>
  );
}

/**
 * The EU on a map: each member state by its impact level (own assessment solid, others' claims hatched, each
 * labelled), third countries greyed with their level. With `onSelect`, each member state is a button: click it,
 * or Tab to the map, move between states with the arrow keys and press Enter, to select it.
 */
export function EuropeMap({
  picture,
  selected,
  onSelect,
  label,
  className,
  labelScale = 1,
}: {
  picture: Pick<Picture, 'states' | 'thirdCountries'>;
  selected?: string | null;
  onSelect?: (code: string) => void;
  label: string;
  className?: string;
  /** Larger labels for a map seen from across a room. */
  labelScale?: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useLevelWords();
  const ids = usePatternIds();
  const shapes = useMapShapes();
  const [focused, setFocused] = useState<string | null>(null);

  const levels = useMemo(
    () => ({
      members: new Map<string, MemberLevel>(picture.states.map((state) => [state.code, state])),
      third: new Map(picture.thirdCountries.map((country) => [country.code, country.level])),
    }),
    [picture.states, picture.thirdCountries],
  );
  // Each label's text: the code, and for a state with a level the level's short form (with "?" when claimed).
  const texts = useMemo(() => {
    const out = new Map<string, { detail: string | null; priority: number; optional: boolean }>();
    for (const [code, state] of levels.members)
      out.set(code, {
        detail: `${words.short(state.level)}${state.ownAssessment ? '' : '?'}`,
        priority: levelRank(state.level) * 2 + (state.ownAssessment ? 0 : 1),
        optional: false,
      });
    for (const [code, level] of levels.third)
      out.set(code, { detail: words.short(level), priority: 20 + levelRank(level), optional: false });
    return out;
  }, [levels, words]);
  const placed = useMemo(() => {
    if (!shapes.data) return [];
    const requests: LabelRequest[] = [];
    for (const shape of shapes.data.shapes) {
      const text = texts.get(shape.code);
      if (!text && !shape.eu) continue;
      requests.push({
        code: shape.code,
        at: shape.anchor ?? shape.label,
        callout: shape.anchor ? shape.label : null,
        detail: text?.detail ?? null,
        priority: text?.priority ?? 100,
        optional: !text,
      });
    }
    return placeLabels(requests, shapes.data, labelScale);
  }, [shapes.data, texts, labelScale]);

  if (shapes.isPending) return <Loading label={t('picture.map.loading')} />;
  if (shapes.error) return <QueryError error={shapes.error} onRetry={() => void shapes.refetch()} />;

  const { width, height, byCode } = shapes.data;
  const { members, third } = levels;
  const memberShapes = shapes.data.shapes.filter((shape) => shape.eu);
  const thirdShapes = shapes.data.shapes.filter((shape) => !shape.eu);
  const interactive = onSelect !== undefined;

  const describe = (code: string) => {
    const state = members.get(code);
    const name = format.region(code);
    if (!state) return t('picture.map.notInvolved', { state: name });
    const by = format.list(state.claimedBy.map((org) => format.organisation(org)));
    return `${name}: ${words.describe(state.level, state.ownAssessment, by)}`;
  };

  // One tab stop for the whole map (27 would make a keyboard user tab through every state to get past it): the
  // selected state, else the first; the arrow keys, Home and End move between states in the order of their names.
  const order = memberShapes
    .map((shape) => shape.code)
    .sort((a, b) => format.region(a).localeCompare(format.region(b)));
  const tabStop = selected && order.includes(selected) ? selected : (focused ?? order[0]);
  const moveFocus = (event: KeyboardEvent<SVGGElement>, code: string | undefined) => {
    if (!code) return;
    event.preventDefault();
    const target = event.currentTarget.ownerSVGElement?.querySelector<SVGGElement>(
      `g[role="button"][data-code="${code}"]`,
    );
    target?.focus();
  };
  const keyDown = (code: string) => (event: KeyboardEvent<SVGGElement>) => {
    const at = order.indexOf(code);
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect?.(code);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
      moveFocus(event, order[(at + 1) % order.length]);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      moveFocus(event, order[(at - 1 + order.length) % order.length]);
    } else if (event.key === 'Home') {
      moveFocus(event, order[0]);
    } else if (event.key === 'End') {
      moveFocus(event, order[order.length - 1]);
    }
  };

  const outline = (code: string | null | undefined, kind: 'selected' | 'focused') => {
    const shape = code ? byCode.get(code) : undefined;
    return shape ? <path d={shape.d} className={`map-outline map-outline--${kind}`} /> : null;
  };

  return (
    <figure className={`europe-map${className ? ` ${className}` : ''}`}>
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing cannot be a <fieldset>; it groups the states' buttons */}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={label}
        className="europe-map__svg"
        data-testid="europe-map"
        style={labelScale === 1 ? undefined : ({ '--label-scale': labelScale } as CSSProperties)}
      >
        <MapPatterns ids={ids} />
        <rect width={width} height={height} className="map-sea" />
        <g className="map-third-countries">
          {thirdShapes.map((shape) => {
            const level = third.get(shape.code);
            return (
              <path
                key={shape.code}
                d={shape.d}
                className="map-third"
                style={
                  level
                    ? { fill: THIRD_COUNTRY_COLOURS[(level in LEVEL_COLOURS ? level : 'unknown') as Level] }
                    : undefined
                }
                data-code={shape.code}
                data-level={level ?? 'not-involved'}
              >
                {level ? (
                  <title>{`${format.region(shape.code)}: ${words.name(level)} (${t('picture.map.thirdCountry')})`}</title>
                ) : null}
              </path>
            );
          })}
        </g>
        <g className="map-member-states">
          {memberShapes.map((shape) => {
            const state = members.get(shape.code);
            const text = describe(shape.code);
            const data = {
              className: `map-state${state ? ` map-state--${state.level}` : ' map-state--not-involved'}${
                interactive ? ' map-state--interactive' : ''
              }`,
              'data-code': shape.code,
              'data-level': state?.level ?? 'not-involved',
              'data-own': state ? String(state.ownAssessment) : undefined,
            };
            const content = (
              <>
                <title>{text}</title>
                <path d={shape.d} fill={memberFill(state, ids)} className="map-state__shape" />
              </>
            );
            if (!onSelect) {
              return (
                <g key={shape.code} {...data}>
                  {content}
                </g>
              );
            }
            return (
              // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; this group is one, by its role and keys
              <g
                key={shape.code}
                {...data}
                role="button"
                tabIndex={shape.code === tabStop ? 0 : -1}
                aria-label={text}
                aria-keyshortcuts="ArrowLeft ArrowRight Home End"
                aria-pressed={selected === shape.code}
                onClick={() => onSelect(shape.code)}
                onKeyDown={keyDown(shape.code)}
                onFocus={() => setFocused(shape.code)}
                onBlur={() => setFocused(null)}
              >
                {content}
              </g>
            );
          })}
        </g>
        {outline(selected, 'selected')}
        {focused !== selected ? outline(focused, 'focused') : null}
        <g className="map-labels">
          {placed.map((label) => {
            const text = texts.get(label.code);
            return (
              <StateLabel
                key={label.code}
                label={label}
                detail={text?.detail ?? null}
                className={
                  !text
                    ? 'map-label--quiet'
                    : members.has(label.code)
                      ? 'map-label--involved'
                      : 'map-label--third'
                }
                scale={labelScale}
              />
            );
          })}
        </g>
      </svg>
    </figure>
  );
}

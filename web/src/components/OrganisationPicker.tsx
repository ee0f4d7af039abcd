import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegistry } from '../api/hooks.js';
import type { OrganisationKind } from '../api/types.js';
import { foldForSearch } from '../i18n/format.js';
import { type Format, useFormat } from '../i18n/useFormat.js';

export interface Preset {
  id: string;
  label: string;
  organisations: readonly string[];
}

interface Option {
  id: string;
  name: string;
  kind: OrganisationKind;
}

const KIND_ORDER: Record<OrganisationKind, number> = { 'member-state': 0, 'eu-body': 1, nato: 2 };

/** Participating organisations (never NATO: it is reached only by releasing to the NATO liaison), by name. */
export function useParticipatingOrganisations(): Option[] {
  const registry = useRegistry();
  const format = useFormat();
  return useMemo(
    () =>
      (registry.data?.organisations ?? [])
        .filter((org) => org.participating && org.kind !== 'nato')
        .map((org) => ({ id: org.id, name: format.organisation(org.id, org.kind), kind: org.kind }))
        .sort(
          (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, format.locale),
        ),
    [registry.data, format],
  );
}

export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/** "Finland, Germany and ERCC", by name in the reader's language; long lists end with "and 12 more". */
export function describeOrganisations(
  ids: readonly string[],
  format: Format,
  more: (count: number) => string,
  limit = 8,
): string {
  const names = ids.map((id) => format.organisation(id)).sort((a, b) => a.localeCompare(b, format.locale));
  if (names.length <= limit) return format.list(names);
  return format.list([...names.slice(0, limit), more(names.length - limit)]);
}

/**
 * Choose organisations: presets for the usual choices, a filter, and a checklist grouped into member states and
 * EU bodies. All native controls, so it works from the keyboard; disabled as a whole with the reason said.
 */
export function OrganisationPicker({
  legend,
  hint,
  error,
  selected,
  onChange,
  disabled,
  disabledReason,
  presets,
  candidates,
  roles,
}: {
  legend: string;
  hint?: string;
  error?: string | null | undefined;
  selected: readonly string[];
  onChange: (next: string[]) => void;
  disabled?: boolean;
  disabledReason?: string;
  presets?: readonly Preset[];
  /** Only these organisations may be chosen; all participating organisations when left out. */
  candidates?: readonly string[];
  /** Roles that may be chosen beside organisations (`PRESIDENCY`: whoever holds it when the entry is read). */
  roles?: readonly { id: string; label: string; hint: string }[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const [filter, setFilter] = useState('');
  const participating = useParticipatingOrganisations();
  const options = candidates
    ? participating.filter((option) => candidates.includes(option.id))
    : participating;
  const chosen = new Set(selected);
  const roleIds = (roles ?? []).map((role) => role.id);
  const offered = (o: string) => roleIds.includes(o) || options.some((option) => option.id === o);
  /** The chosen roles first, then organisations in the registry's order, so requests read the same way each time. */
  const ordered = (next: ReadonlySet<string>) => [
    ...roleIds.filter((r) => next.has(r)),
    ...options.map((option) => option.id).filter((optionId) => next.has(optionId)),
  ];
  const needle = foldForSearch(filter.trim());
  const shown = needle
    ? options.filter((option) => foldForSearch(`${option.name} ${option.id}`).includes(needle))
    : options;
  const all = options.length > 0 && options.every((option) => chosen.has(option.id));
  const count = options.filter((option) => chosen.has(option.id)).length;
  // A preset that names none of the organisations on offer (NATO's "my organisation") would only clear the list.
  const usablePresets = (presets ?? []).filter((preset) => preset.organisations.some(offered));
  const describedBy = [
    hint ? `${id}-hint` : null,
    disabled && disabledReason ? `${id}-why` : null,
    error ? `${id}-error` : null,
  ]
    .filter(Boolean)
    .join(' ');

  const toggle = (organisation: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(organisation);
    else next.delete(organisation);
    onChange(ordered(next));
  };

  const groups: { kind: OrganisationKind; label: string }[] = [
    { kind: 'member-state', label: t('audience.memberStates') },
    { kind: 'eu-body', label: t('audience.euBodies') },
  ];

  return (
    <fieldset
      className={`org-picker${error ? ' org-picker--invalid' : ''}`}
      disabled={disabled}
      aria-describedby={describedBy || undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {disabled && disabledReason ? (
        <p id={`${id}-why`} className="org-picker__why">
          {disabledReason}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      {usablePresets.length > 0 ? (
        <div className="org-picker__presets">
          {usablePresets.map((preset) => (
            <button
              key={preset.id}
              type="button"
              className="button button--secondary button--small"
              aria-pressed={sameMembers(preset.organisations.filter(offered), selected)}
              onClick={() => onChange(ordered(new Set(preset.organisations)))}
            >
              {preset.label}
            </button>
          ))}
        </div>
      ) : null}
      <div className="org-picker__tools">
        <div className="field org-picker__filter">
          <label htmlFor={`${id}-filter`}>{t('audience.find')}</label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            autoComplete="off"
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
        <p className="org-picker__count">{t('audience.count', { count, total: options.length })}</p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onChange([])}
          disabled={count === 0}
        >
          {t('audience.clear')}
        </button>
      </div>
      {(roles ?? []).map((role) => (
        <div key={role.id} className="field field--checkbox org-picker__role">
          <label>
            <input
              type="checkbox"
              checked={chosen.has(role.id)}
              aria-describedby={`${id}-${role.id}-hint`}
              onChange={(event) => toggle(role.id, event.target.checked)}
            />
            {role.label}
          </label>
          <p id={`${id}-${role.id}-hint`} className="field__hint">
            {role.hint}
          </p>
        </div>
      ))}
      <section
        className={disabled ? 'org-picker__list org-picker__list--unscrolled' : 'org-picker__list'}
        aria-label={t('audience.listLabel')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list must be reachable by keyboard to scroll; inside a disabled fieldset nothing is focusable, so the list is then shown whole instead of scrolling
        tabIndex={0}
      >
        {shown.length === 0 ? (
          <p className="muted">{t('audience.noMatch', { filter: filter.trim() })}</p>
        ) : (
          groups.map((group) => {
            const members = shown.filter((option) => option.kind === group.kind);
            if (members.length === 0) return null;
            return (
              <div key={group.kind} className="org-picker__group">
                <p className="org-picker__group-name" id={`${id}-${group.kind}`}>
                  {group.label}
                </p>
                <ul aria-labelledby={`${id}-${group.kind}`}>
                  {members.map((option) => (
                    <li key={option.id}>
                      <label>
                        <input
                          type="checkbox"
                          checked={chosen.has(option.id)}
                          onChange={(event) => toggle(option.id, event.target.checked)}
                        />
                        {option.name}
                        {option.kind === 'member-state' ? (
                          <span className="org-picker__code"> {option.id}</span>
                        ) : null}
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })
        )}
      </section>
      <p className="org-picker__summary">
        <strong>{t('audience.selected')}</strong>{' '}
        {count === 0 && !roleIds.some((r) => chosen.has(r))
          ? t('audience.noneSelected')
          : all && !candidates
            ? format.list([
                ...(roles ?? []).filter((r) => chosen.has(r.id)).map((r) => r.label),
                t('audience.allParticipating'),
              ])
            : describeOrganisations(ordered(chosen), format, (more) => t('audience.more', { count: more }))}
      </p>
    </fieldset>
  );
}

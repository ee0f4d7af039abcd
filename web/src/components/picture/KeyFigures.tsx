import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegistry } from '../../api/hooks.js';
import type { Picture } from '../../api/picture.js';
import { useFormat } from '../../i18n/useFormat.js';
import { useVocabulary } from '../../i18n/vocabulary.js';
import { DateTime } from '../DateTime.js';
import { StatusBadge } from '../StatusBadge.js';
import { useDurations, useNow } from './time.js';

function Figure({
  testId,
  value,
  label,
  children,
  tone,
}: {
  testId: string;
  value: ReactNode;
  label: string;
  children?: ReactNode;
  tone?: 'significant' | 'unconfirmed' | 'minor';
}) {
  return (
    <div className={`key-figure${tone ? ` key-figure--${tone}` : ''}`} data-testid={testId}>
      <dt className="key-figure__label">{label}</dt>
      <dd className="key-figure__value">{value}</dd>
      {children ? <dd className="key-figure__detail">{children}</dd> : null}
    </div>
  );
}

function Codes({ codes }: { codes: readonly string[] }) {
  const format = useFormat();
  if (codes.length === 0) return null;
  return (
    <>
      {codes.map((code, index) => (
        <span key={code}>
          {index > 0 ? ', ' : ''}
          <abbr title={format.region(code)}>{code}</abbr>
        </span>
      ))}
    </>
  );
}

/** The Blueprint's state in words: not activated, active since…, or deactivated on…. */
export function ActivationState({ activation }: { activation: Picture['activation'] }) {
  const { t } = useTranslation();
  if (activation.state === 'active') {
    return (
      <span className="activation-state activation-state--active">
        <span aria-hidden="true">▶ </span>
        {t('picture.activation.active')}{' '}
        {activation.activatedAt ? <DateTime value={activation.activatedAt} /> : null}
      </span>
    );
  }
  if (activation.state === 'deactivated') {
    return (
      <span className="activation-state activation-state--deactivated">
        <span aria-hidden="true">⏹ </span>
        {t('picture.activation.deactivated')}{' '}
        {activation.deactivatedAt ? <DateTime value={activation.deactivatedAt} /> : null}
      </span>
    );
  }
  return (
    <span className="activation-state activation-state--inactive">
      <span aria-hidden="true">■ </span>
      {t('picture.activation.inactive')}
    </span>
  );
}

/**
 * The incident in figures, largest first: who is significantly affected (by their own word), whose impact is
 * only claimed, who has a minor impact; people affected; time since it happened; the Blueprint's status.
 */
export function KeyFigures({ picture, large }: { picture: Picture; large?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useVocabulary();
  const durations = useDurations();
  const now = useNow(30_000);
  const { keyFigures, assessment } = picture;
  const registry = useRegistry();
  const mechanismName = (id: string) => registry.data?.mechanisms.find((m) => m.id === id)?.name ?? id;
  const since = now - Date.parse(picture.occurredAt);
  return (
    <dl className={`key-figures${large ? ' key-figures--large' : ''}`}>
      <Figure
        testId="key-significant"
        tone="significant"
        value={format.number(keyFigures.significant)}
        label={t('picture.figures.significant', { count: keyFigures.significant })}
      >
        <Codes codes={assessment.significantlyAffected} />
      </Figure>
      <Figure
        testId="key-unconfirmed"
        tone="unconfirmed"
        value={format.number(keyFigures.unconfirmed)}
        label={t('picture.figures.unconfirmed', { count: keyFigures.unconfirmed })}
      >
        <Codes codes={assessment.unconfirmed} />
      </Figure>
      <Figure
        testId="key-minor"
        tone="minor"
        value={format.number(keyFigures.minor)}
        label={t('picture.figures.minor', { count: keyFigures.minor })}
      >
        <Codes codes={assessment.minorlyAffected} />
      </Figure>
      <Figure
        testId="key-people"
        value={keyFigures.usersAffected === null ? '—' : format.number(keyFigures.usersAffected)}
        label={t('picture.figures.people')}
      >
        {keyFigures.usersAffected === null
          ? t('picture.figures.peopleUnknown')
          : t('picture.figures.peopleNote')}
      </Figure>
      <Figure testId="key-since" value={durations.duration(since)} label={t('picture.figures.since')}>
        <DateTime value={picture.occurredAt} />
      </Figure>
      <div className="key-figure key-figure--status" data-testid="key-status">
        <dt className="key-figure__label">{t('picture.figures.status')}</dt>
        <dd className="key-figure__value">
          <StatusBadge status={assessment.status} large={large} />
        </dd>
        <dd className="key-figure__detail">
          <ActivationState activation={picture.activation} />
        </dd>
        <dd className="key-figure__detail" data-testid="key-mechanisms">
          {t('picture.figures.mechanisms')}:{' '}
          {keyFigures.mechanisms.length === 0
            ? t('picture.figures.noMechanisms')
            : format.list(keyFigures.mechanisms.map((m) => mechanismName(m.mechanism)))}
        </dd>
      </div>
      <div className="key-figure key-figure--sectors" data-testid="key-sectors">
        <dt className="key-figure__label">
          {t('picture.figures.sectors', { count: keyFigures.sectors.length })}
        </dt>
        <dd className="key-figure__detail">
          {keyFigures.sectors.length === 0 ? (
            <span className="muted">{t('picture.figures.noSectors')}</span>
          ) : (
            <ul className="sector-list">
              {keyFigures.sectors.map((sector) => (
                <li key={sector.sector}>
                  <strong>{words.sector(sector.sector)}</strong>
                  {sector.subsectors.length > 0
                    ? `: ${format.list(sector.subsectors.map((subsector) => words.subsector(subsector)))}`
                    : ''}
                  {sector.status ? (
                    <span className={`sector-status sector-status--${sector.status}`}>
                      {' — '}
                      {t(`picture.sectorStatus.${sector.status}`)}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
    </dl>
  );
}

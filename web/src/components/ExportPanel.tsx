import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportPath, stixPath } from '../api/hooks.js';
import type { Incident } from '../api/types.js';
import { CheckboxField } from './fields.js';
import { OrganisationPicker } from './OrganisationPicker.js';
import { useAudiencePresets } from './ReachFields.js';
import { isParticipant, useSession } from './session.js';

function ExportForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const me = useSession();
  const presets = useAudiencePresets(incident);
  const [audience, setAudience] = useState<string[]>(isParticipant(me) ? [me.organisation.id] : []);
  const [nato, setNato] = useState(false);
  return (
    <div className="export__body">
      <ul className="export__rules">
        <li>{t('export.ruleEveryone')}</li>
        <li>{t('export.ruleStrict')}</li>
        <li>{t('export.ruleMarking')}</li>
      </ul>
      <OrganisationPicker
        legend={t('export.audience')}
        hint={t('export.audienceHint')}
        selected={audience}
        onChange={setAudience}
        presets={presets}
      />
      {incident.releasableToNato ? (
        <CheckboxField
          label={t('export.nato')}
          hint={t('export.natoHint')}
          name="exportNato"
          checked={nato}
          onChange={(event) => setNato(event.target.checked)}
        />
      ) : null}
      <p className="export__action">
        {audience.length === 0 ? (
          <span className="muted">{t('export.chooseAudience')}</span>
        ) : (
          <a className="button button--primary" href={exportPath(incident.id, audience, nato)} download>
            <span aria-hidden="true">⤓ </span>
            {t('export.download')}
          </a>
        )}
      </p>
    </div>
  );
}

/**
 * The incident as the reader sees it, as a STIX 2.1 bundle for a CSIRT's MISP or OpenCTI: unlike the export above it
 * is not compiled for an audience, since each object carries its own marking and audience.
 */
function StixDownload({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  return (
    <div className="export__body">
      <h3>{t('export.stixHeading')}</h3>
      <p className="field__hint">{t('export.stixHint')}</p>
      <p className="export__action">
        <a className="button button--secondary" href={stixPath(incident.id)} download>
          <span aria-hidden="true">⤓ </span>
          {t('export.stixDownload')}
        </a>
      </p>
    </div>
  );
}

/** Download the log for a chosen audience, as a compiled product under its most restrictive marking. */
export function ExportPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="export-heading" className="panel export no-print">
      <div className="composer__head">
        <h2 id="export-heading">{t('export.heading')}</h2>
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={open}
          aria-controls="export-body"
          onClick={() => setOpen(!open)}
        >
          {open ? t('export.close') : t('export.open')}
        </button>
      </div>
      <p className="field__hint">{t('export.intro')}</p>
      <div id="export-body">
        {open ? (
          <>
            <ExportForm incident={incident} />
            <StixDownload incident={incident} />
          </>
        ) : null}
      </div>
    </section>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AfterActionReport,
  type Recommendation,
  reportCommands,
  reportPath,
  useReportCommand,
  useReports,
} from '../../api/after-action.js';
import type { Incident } from '../../api/types.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, Loading, QueryError, useErrorText } from '../Messages.js';
import { OrganisationPicker } from '../OrganisationPicker.js';
import { useAudiencePresets } from '../ReachFields.js';
import { TlpMarking } from '../Tlp.js';

const STATUSES: Recommendation['status'][] = ['open', 'in-progress', 'done', 'dropped'];

/**
 * The post-incident report on the incident page: CERG or ERCC drafts it for an audience chosen first, sections go to
 * organisations who write them, CERG reviews, and the report is distributed; recommendations are followed up here.
 */
export function AfterActionPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const reports = useReports(incident.id);
  if (reports.isPending) return <Loading />;
  if (reports.isError) return <QueryError error={reports.error} onRetry={() => reports.refetch()} />;
  const { items, canDraft } = reports.data;
  if (items.length === 0 && !canDraft) return null;
  return (
    <section aria-labelledby="after-action-heading" className="panel" data-testid="after-action-panel">
      <h2 id="after-action-heading">{t('afterAction.heading')}</h2>
      {items.map((report) => (
        <ReportView key={report.id} report={report} />
      ))}
      {canDraft ? <DraftForm incident={incident} /> : null}
    </section>
  );
}

function DraftForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const presets = useAudiencePresets(incident);
  const errorText = useErrorText();
  const draft = useReportCommand(incident.id, (input: { audience: string[]; releasableToNato: boolean }) =>
    reportCommands.draft(incident.id, input),
  );
  const [audience, setAudience] = useState<string[]>(() => [
    ...(presets.find((p) => p.id === 'affected')?.organisations ?? []),
  ]);
  const [nato, setNato] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    draft.mutate({ audience, releasableToNato: nato });
  };
  return (
    <form className="form stack" onSubmit={submit} noValidate>
      <h3>{t('afterAction.draft.heading')}</h3>
      <p className="field__hint">{t('afterAction.draft.intro')}</p>
      <OrganisationPicker
        legend={t('afterAction.draft.audience')}
        hint={t('afterAction.draft.audienceHint')}
        selected={audience}
        onChange={setAudience}
        presets={presets}
      />
      {incident.releasableToNato ? (
        <CheckboxField
          label={t('afterAction.draft.nato')}
          name="afterActionNato"
          checked={nato}
          onChange={(e) => setNato(e.target.checked)}
        />
      ) : null}
      <ErrorMessage message={draft.error ? errorText(draft.error) : null} />
      <button type="submit" className="button button--primary" disabled={draft.isPending}>
        {t('afterAction.draft.submit')}
      </button>
    </form>
  );
}

function ReportView({ report }: { report: AfterActionReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const review = useReportCommand(report.incidentId, () => reportCommands.review(report));
  const distribute = useReportCommand(report.incidentId, () => reportCommands.distribute(report));
  const failure = review.error ?? distribute.error;
  return (
    <article className="stack" data-testid="after-action-report">
      <h3>
        {report.title} <TlpMarking marking={report.marking} />{' '}
        <span className="badge" data-testid="after-action-state">
          {t(`afterAction.state.${report.state}`)}
        </span>
      </h3>
      <p className="muted">
        {t('afterAction.draftedBy', {
          name: report.createdBy.name,
          organisation: format.organisation(report.createdBy.organisation),
        })}{' '}
        <DateTime value={report.createdAt} />
        {' · '}
        {t('afterAction.audience', {
          organisations: report.audience.map((o) => format.organisation(o)).join(', '),
        })}
        {report.reviewedBy ? ` · ${t('afterAction.reviewedBy', { name: report.reviewedBy.name })}` : ''}
      </p>
      {report.sections.map((section) => (
        <SectionView key={section.key} report={report} sectionKey={section.key} />
      ))}
      <Recommendations report={report} />
      <ErrorMessage message={failure ? errorText(failure) : null} />
      <p>
        {report.abilities.review ? (
          <button type="button" className="button button--primary" onClick={() => review.mutate(undefined)}>
            {t('afterAction.review')}
          </button>
        ) : null}{' '}
        {report.abilities.distribute ? (
          <button
            type="button"
            className="button button--primary"
            onClick={() => distribute.mutate(undefined)}
          >
            {t('afterAction.distribute')}
          </button>
        ) : null}{' '}
        <a
          className="button button--secondary"
          href={`${reportPath(report.incidentId, report.id)}/pdf`}
          download
        >
          {t('afterAction.pdf')}
        </a>{' '}
        <a
          className="button button--secondary"
          href={`${reportPath(report.incidentId, report.id)}/docx`}
          download
        >
          {t('afterAction.docx')}
        </a>
      </p>
    </article>
  );
}

function SectionView({ report, sectionKey }: { report: AfterActionReport; sectionKey: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const section = report.sections.find((s) => s.key === sectionKey)!;
  const [text, setText] = useState<string | null>(null);
  const write = useReportCommand(report.incidentId, (value: string) =>
    reportCommands.write(report, section.key, value),
  );
  const assign = useReportCommand(report.incidentId, (owner: string | null) =>
    reportCommands.assign(report, section.key, owner),
  );
  const canWrite = report.abilities.writeSections.includes(section.key);
  const failure = write.error ?? assign.error;
  return (
    <div className="stack" data-testid={`after-action-section-${section.key}`}>
      <h4>
        {t(`afterAction.sections.${section.key}`)}
        {section.owner
          ? ` — ${t('afterAction.writtenByOrg', { organisation: format.organisation(section.owner) })}`
          : ''}
      </h4>
      {text === null ? (
        <p className="entry__text">{section.text || '—'}</p>
      ) : (
        <TextAreaField
          label={t('afterAction.sectionText')}
          value={text}
          rows={8}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      {report.abilities.edit ? (
        <SelectField
          label={t('afterAction.assign')}
          value={section.owner ?? ''}
          onChange={(e) => assign.mutate(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">{t('afterAction.assignNobody')}</option>
          {report.audience.map((o) => (
            <option key={o} value={o}>
              {format.organisation(o)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {canWrite ? (
        text === null ? (
          <p>
            <button type="button" onClick={() => setText(section.text)}>
              {t('afterAction.write', { section: t(`afterAction.sections.${section.key}`) })}
            </button>
          </p>
        ) : (
          <p>
            <button
              type="button"
              className="button button--primary"
              onClick={() => write.mutate(text, { onSuccess: () => setText(null) })}
            >
              {t('afterAction.save')}
            </button>{' '}
            <button type="button" onClick={() => setText(null)}>
              {t('afterAction.cancel')}
            </button>
          </p>
        )
      ) : null}
      <ErrorMessage message={failure ? errorText(failure) : null} />
    </div>
  );
}

function Recommendations({ report }: { report: AfterActionReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const recommend = useReportCommand(
    report.incidentId,
    (input: { text: string; owner: string; dueDate: string }) => reportCommands.recommend(report, input),
  );
  const setStatus = useReportCommand(
    report.incidentId,
    (input: { id: string; status: Recommendation['status'] }) =>
      reportCommands.setStatus(report, input.id, input.status),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    recommend.mutate(
      { text, owner, dueDate },
      {
        onSuccess: () => {
          setText('');
          setDueDate('');
        },
      },
    );
  };
  const failure = recommend.error ?? setStatus.error;
  return (
    <div className="stack">
      <h4>{t('afterAction.recommendations.heading')}</h4>
      {report.recommendations.length === 0 ? (
        <p className="muted">{t('afterAction.recommendations.none')}</p>
      ) : null}
      <ul>
        {report.recommendations.map((r) => (
          <li
            key={r.id}
            className={r.overdue ? 'action action--overdue' : 'action'}
            data-testid="recommendation"
          >
            <p>
              <strong>{r.text}</strong>{' '}
              <span className="badge">{t(`afterAction.recommendations.status.${r.status}`)}</span>
              {r.overdue ? (
                <span className="badge badge--alert"> {t('afterAction.recommendations.overdue')}</span>
              ) : null}
            </p>
            <p className="muted">
              {t('afterAction.recommendations.owner', { organisation: format.organisation(r.owner) })} ·{' '}
              {t('afterAction.recommendations.due', { date: r.dueDate })}
            </p>
            {r.followUp ? (
              <p data-testid="recommendation-follow-up">
                {t('forUs.followUp')}: <strong>{t(`forUs.status.${r.followUp.status}`)}</strong> —{' '}
                {r.followUp.note}{' '}
                <span className="muted">
                  ({format.organisation(r.followUp.recordedBy.organisation)},{' '}
                  <DateTime value={r.followUp.recordedAt} />)
                </span>
              </p>
            ) : null}
            {r.abilities.setStatus ? (
              <SelectField
                label={t('afterAction.recommendations.setStatus')}
                value={r.status}
                onChange={(e) =>
                  setStatus.mutate({ id: r.id, status: e.target.value as Recommendation['status'] })
                }
              >
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`afterAction.recommendations.status.${s}`)}
                  </option>
                ))}
              </SelectField>
            ) : null}
          </li>
        ))}
      </ul>
      {report.abilities.planRecommendations ? (
        <form className="form stack" onSubmit={submit}>
          <TextField
            label={t('afterAction.recommendations.text')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
          />
          <SelectField
            label={t('afterAction.recommendations.ownerField')}
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
            required
          >
            <option value="">—</option>
            {report.audience.map((o) => (
              <option key={o} value={o}>
                {format.organisation(o)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('afterAction.recommendations.dueField')}
            type="date"
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
            required
          />
          <button type="submit" className="button button--primary" disabled={recommend.isPending}>
            {t('afterAction.recommendations.add')}
          </button>
        </form>
      ) : null}
      <ErrorMessage message={failure ? errorText(failure) : null} />
    </div>
  );
}

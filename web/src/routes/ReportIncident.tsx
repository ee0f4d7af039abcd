import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ReportDraft, useDeleteDraft, useReportDrafts } from '../api/workflow.js';
import { DateTime } from '../components/DateTime.js';
import { ErrorMessage, Loading, QueryError, useErrorText } from '../components/Messages.js';
import { useParticipatingOrganisations } from '../components/OrganisationPicker.js';
import { Page } from '../components/Page.js';
import { ReportForm } from '../components/report/ReportForm.js';
import { emptyReport, fromDraft } from '../components/report/reportForm.js';
import { canWriteEntries, useSession } from '../components/session.js';
import { useFormat } from '../i18n/useFormat.js';

/** The reader's saved drafts: continue one, or discard it. */
function Drafts({
  drafts,
  openId,
  onOpen,
  onDiscarded,
}: {
  drafts: ReportDraft[];
  openId: string | null;
  onOpen: (draft: ReportDraft) => void;
  onDiscarded: (id: string) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const discard = useDeleteDraft();
  const [failure, setFailure] = useState<string | null>(null);
  if (drafts.length === 0) return null;
  return (
    <section aria-labelledby="drafts-heading" className="panel drafts">
      <h2 id="drafts-heading">{t('report.drafts.heading', { count: drafts.length })}</h2>
      <ErrorMessage message={failure} />
      <ul className="drafts__list">
        {drafts.map((draft) => {
          const title = draft.title.trim() || t('report.drafts.untitled');
          return (
            <li key={draft.id} className="drafts__item">
              <span className="drafts__title">
                {title}
                {draft.id === openId ? <span className="tag"> {t('report.drafts.open')}</span> : null}
              </span>
              <span className="muted">
                {t('report.drafts.saved')} <DateTime value={draft.updatedAt} />
              </span>
              <span className="drafts__actions">
                {draft.id === openId ? null : (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => onOpen(draft)}
                  >
                    {t('report.drafts.continue')}
                    <span className="visually-hidden"> {title}</span>
                  </button>
                )}
                <button
                  type="button"
                  className="button button--danger button--small"
                  disabled={discard.isPending}
                  onClick={() => {
                    setFailure(null);
                    discard.mutate(draft.id, {
                      onSuccess: () => onDiscarded(draft.id),
                      onError: (error) => setFailure(errorText(error)),
                    });
                  }}
                >
                  {t('report.drafts.discard')}
                  <span className="visually-hidden"> {title}</span>
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ReportIncident() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const allowed = canWriteEntries(me);
  const participating = useParticipatingOrganisations().map((option) => option.id);
  const drafts = useReportDrafts(allowed);
  const [params, setParams] = useSearchParams();
  const draftId = params.get('draft');
  // A new form (new key) for each draft opened, so nothing of the previous one lingers; saving keeps the form.
  const [opened, setOpened] = useState<ReportDraft | null>(null);
  const [formKey, setFormKey] = useState(() => draftId ?? 'new');
  // The draft opened on this page, or the one named in the address when the page was opened with it.
  const draft = useMemo(
    () => opened ?? (draftId ? (drafts.data?.find((candidate) => candidate.id === draftId) ?? null) : null),
    [opened, drafts.data, draftId],
  );

  const open = (chosen: ReportDraft) => {
    setOpened(chosen);
    setFormKey(chosen.id);
    setParams({ draft: chosen.id }, { replace: true });
  };

  if (!allowed) {
    return (
      <Page title={t('report.title')}>
        <div className="empty">
          <p className="empty__title">{t('report.notAllowed')}</p>
          <p>
            <Link to="/incidents">{t('report.notAllowedNext')}</Link>
          </p>
        </div>
      </Page>
    );
  }

  const waiting = participating.length === 0 || (draftId !== null && drafts.isPending);
  return (
    <Page title={t('report.title')}>
      <p className="lead">
        {t('report.lead', { organisation: format.organisation(me.organisation.id, me.organisation.kind) })}
      </p>
      {drafts.error ? <QueryError error={drafts.error} onRetry={() => void drafts.refetch()} /> : null}
      {drafts.data ? (
        <Drafts
          drafts={drafts.data}
          openId={draft?.id ?? null}
          onOpen={open}
          onDiscarded={(id) => {
            if (opened?.id === id) setOpened(null);
          }}
        />
      ) : null}
      {draftId !== null && drafts.data && !draft ? (
        <p className="notice notice--warning">{t('report.drafts.gone')}</p>
      ) : null}
      {waiting ? (
        <Loading />
      ) : (
        <ReportForm
          key={formKey}
          draft={draft}
          initial={draft ? fromDraft(draft.body, participating) : emptyReport(participating)}
          onDraftSaved={(saved) => {
            setOpened(saved);
            if (saved.id !== draftId) setParams({ draft: saved.id }, { replace: true });
          }}
        />
      )}
    </Page>
  );
}

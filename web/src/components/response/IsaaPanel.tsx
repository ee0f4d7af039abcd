import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../api/response.js';
import {
  type IsaaReport,
  isaaDocumentPath,
  roundtablePackPath,
  useAnswerIsaa,
  useAskIsaa,
  useIsaaReports,
  useIssueIsaaVersion,
  useOpenIsaa,
  useStrategicLive,
} from '../../api/strategic.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DateTime } from '../DateTime.js';
import { SelectField, TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, Loading, QueryError, StatusMessage, useErrorText } from '../Messages.js';
import { OrganisationPicker } from '../OrganisationPicker.js';
import { TlpMarking } from '../Tlp.js';
import './strategic.css';

const MARKINGS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT'] as const;

/** Links to a product's PDF and Word files. */
function DocumentLinks({ pdf, docx, label }: { pdf: string; docx: string; label: string }) {
  const { t } = useTranslation();
  return (
    <p className="document-links">
      <a href={pdf} download>
        <span aria-hidden="true">⤓ </span>
        {t('strategic.pdf', { what: label })}
      </a>
      {' · '}
      <a href={docx} download>
        <span aria-hidden="true">⤓ </span>
        {t('strategic.docx', { what: label })}
      </a>
    </p>
  );
}

/** On an IPCR roundtable: its pack, compiled for the roundtable's readers, as PDF and Word. */
export function RoundtablePackLinks({ incidentId, meeting }: { incidentId: string; meeting: Meeting }) {
  const { t } = useTranslation();
  if (meeting.format !== 'ipcr-roundtable') return null;
  return (
    <DocumentLinks
      pdf={roundtablePackPath(incidentId, meeting.id, 'pdf')}
      docx={roundtablePackPath(incidentId, meeting.id, 'docx')}
      label={t('strategic.pack', { title: meeting.title })}
    />
  );
}

function OpenForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const open = useOpenIsaa(incidentId);
  const [title, setTitle] = useState('');
  const [audience, setAudience] = useState<string[]>([]);
  const [marking, setMarking] = useState<string>('TLP:AMBER');
  const [questions, setQuestions] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    open.mutate(
      {
        title,
        audience,
        marking,
        questions: questions
          .split('\n')
          .map((q) => q.trim())
          .filter(Boolean),
      },
      {
        onSuccess: () => {
          setDone(t('strategic.opened', { title }));
          setTitle('');
          setAudience([]);
          setQuestions('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="isaa-open-heading">
      <h3 id="isaa-open-heading">{t('strategic.open')}</h3>
      <p className="muted">{t('strategic.openHint')}</p>
      <TextField
        label={t('strategic.title')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
      />
      <OrganisationPicker legend={t('strategic.audience')} selected={audience} onChange={setAudience} />
      <SelectField
        label={t('strategic.marking')}
        value={marking}
        onChange={(e) => setMarking(e.target.value)}
      >
        {MARKINGS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('strategic.questions')}
        hint={t('strategic.questionsHint')}
        value={questions}
        onChange={(e) => setQuestions(e.target.value)}
        required
      />
      <button type="submit" className="button button--primary" disabled={open.isPending}>
        {t('strategic.openSubmit')}
      </button>
      <ErrorMessage message={open.error ? errorText(open.error) : null} />
      <StatusMessage message={done} />
    </form>
  );
}

function AnswerForm({
  incidentId,
  report,
  questionId,
}: {
  incidentId: string;
  report: IsaaReport;
  questionId: string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const answer = useAnswerIsaa(incidentId, report.id);
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    answer.mutate({ questionId, text }, { onSuccess: () => setText('') });
  };
  return (
    <form onSubmit={submit} className="stack">
      <TextAreaField
        label={t('strategic.answer')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        required
      />
      <button type="submit" className="button button--secondary button--small" disabled={answer.isPending}>
        {t('strategic.answerSubmit')}
      </button>
      <ErrorMessage message={answer.error ? errorText(answer.error) : null} />
    </form>
  );
}

function AskForm({ incidentId, report }: { incidentId: string; report: IsaaReport }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const ask = useAskIsaa(incidentId, report.id);
  const [question, setQuestion] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate(question, { onSuccess: () => setQuestion('') });
  };
  return (
    <form onSubmit={submit} className="stack">
      <TextField
        label={t('strategic.ask')}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        required
      />
      <button type="submit" className="button button--secondary button--small" disabled={ask.isPending}>
        {t('strategic.askSubmit')}
      </button>
      <ErrorMessage message={ask.error ? errorText(ask.error) : null} />
    </form>
  );
}

function IssueForm({ incidentId, report }: { incidentId: string; report: IsaaReport }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const issue = useIssueIsaaVersion(incidentId, report.id);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    issue.mutate(note, {
      onSuccess: (r) => {
        setNote('');
        setDone(t('strategic.issued', { version: r.versions.length }));
      },
    });
  };
  return (
    <form onSubmit={submit} className="stack">
      <TextField
        label={t('strategic.versionNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        optional
      />
      <button type="submit" className="button button--primary button--small" disabled={issue.isPending}>
        {t('strategic.issue')}
      </button>
      <ErrorMessage message={issue.error ? errorText(issue.error) : null} />
      <StatusMessage message={done} />
    </form>
  );
}

function ReportCard({ incidentId, report }: { incidentId: string; report: IsaaReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="isaa-report">
      <h3>
        {report.title} <TlpMarking marking={report.marking} />
      </h3>
      <p className="muted">
        {t('strategic.openedBy', { organisation: format.organisation(report.openedBy.organisation) })}{' '}
        <DateTime value={report.openedAt} /> ·{' '}
        {t('strategic.readers', {
          organisations: format.list(
            report.audience.map((o) =>
              o === 'PRESIDENCY' ? t('strategic.presidency') : format.organisation(o),
            ),
          ),
        })}
      </p>
      <ol className="isaa-questions">
        {report.questions.map((q) => (
          <li key={q.id}>
            <p>
              <strong>{q.question}</strong>
            </p>
            {q.answers.length === 0 ? (
              <p className="muted">{t('strategic.unanswered')}</p>
            ) : (
              <div className="isaa-answers">
                {q.answers.map((a) => (
                  <div key={a.id} className="isaa-answer">
                    <p className="entry__label">
                      {format.organisation(a.organisation)} · {a.name} · <DateTime value={a.at} />
                    </p>
                    <p className="pre-wrap">{a.text}</p>
                  </div>
                ))}
              </div>
            )}
            {report.abilities.answer ? (
              <AnswerForm incidentId={incidentId} report={report} questionId={q.id} />
            ) : null}
          </li>
        ))}
      </ol>
      {report.abilities.ask ? <AskForm incidentId={incidentId} report={report} /> : null}
      <DocumentLinks
        pdf={isaaDocumentPath(incidentId, report.id, 'pdf', null)}
        docx={isaaDocumentPath(incidentId, report.id, 'docx', null)}
        label={t('strategic.draft')}
      />
      {report.versions.length > 0 ? (
        <ul className="plain-list">
          {report.versions.map((v) => (
            <li key={v.version}>
              {t('strategic.version', {
                version: v.version,
                organisation: format.organisation(v.issuedBy.organisation),
              })}{' '}
              <DateTime value={v.issuedAt} />
              {v.note ? ` — ${v.note}` : ''}
              <DocumentLinks
                pdf={isaaDocumentPath(incidentId, report.id, 'pdf', v.version)}
                docx={isaaDocumentPath(incidentId, report.id, 'docx', v.version)}
                label={t('strategic.versionLabel', { version: v.version })}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {report.abilities.issueVersion ? <IssueForm incidentId={incidentId} report={report} /> : null}
    </li>
  );
}

/**
 * The strategic/political level: ISAA reports answering the Presidency's questions, co-authored by ERCC and EEAS,
 * distinct from the operational sitreps; each as PDF and Word, for its own readers.
 */
export function IsaaPanel({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const query = useIsaaReports(incidentId);
  useStrategicLive(incidentId);
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { items, abilities } = query.data;
  return (
    <section aria-labelledby="isaa-heading" className="panel" data-testid="isaa-panel">
      <h2 id="isaa-heading">{t('strategic.heading')}</h2>
      {items.length === 0 ? (
        <p className="muted">{abilities.open ? t('strategic.emptyPresidency') : t('strategic.empty')}</p>
      ) : (
        <ul className="plain-list">
          {items.map((r) => (
            <ReportCard key={r.id} incidentId={incidentId} report={r} />
          ))}
        </ul>
      )}
      {abilities.open ? <OpenForm incidentId={incidentId} /> : null}
    </section>
  );
}

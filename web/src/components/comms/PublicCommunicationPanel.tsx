import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type MessageVersionView,
  publicMessagesPath,
  useDecideOnMessage,
  useDraftPublicMessage,
  usePublicMessages,
  useRecordPublication,
} from '../../api/comms.js';
import { DateTime } from '../DateTime.js';
import { ErrorMessage, useErrorText } from '../Messages.js';
import { useSession } from '../session.js';
import { DisinformationLog } from './DisinformationLog.js';
import { DivergencePanel } from './DivergencePanel.js';
import { LineComments } from './LineComments.js';
import { LineRevision } from './LineRevision.js';
import { PublicPageSwitch } from './PublicPageSwitch.js';
import { TranslationEditor, TranslationMark } from './TranslationEditor.js';

/**
 * Lines to take for the public: each version with every organisation's status (draft, approved, rejected, adapted,
 * published) and its embargo; the buttons follow the abilities the server sends, never a rule of the browser's.
 */
export function PublicCommunicationPanel({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const view = usePublicMessages(incidentId);
  if (!view.data) return null;
  const { messages, abilities } = view.data;
  return (
    <section className="card" aria-labelledby="comms-heading">
      <h2 id="comms-heading">{t('comms.title')}</h2>
      {messages.length === 0 ? <p>{t('comms.none')}</p> : null}
      {messages.map((m) => {
        const current = m.versions[m.versions.length - 1]!;
        return <MessageVersion key={m.messageId} incidentId={incidentId} version={current} />;
      })}
      {abilities.draft ? <DraftForm incidentId={incidentId} /> : null}
      <DivergencePanel incidentId={incidentId} />
      <PublicPageSwitch incidentId={incidentId} />
      <DisinformationLog incidentId={incidentId} />
    </section>
  );
}

function MessageVersion({ incidentId, version: v }: { incidentId: string; version: MessageVersionView }) {
  const { t } = useTranslation();
  const organisation = useSession().organisation.id;
  return (
    <article className="comms-message" aria-label={v.texts[0]?.headline}>
      <h3>
        {v.texts.find((x) => x.language === 'en')?.headline}{' '}
        <small>
          ({t(`comms.msgType.${v.msgType}`)}, v{v.version})
        </small>
      </h3>
      <p>
        {t(v.embargoPassed ? 'comms.embargoPassed' : 'comms.embargoUntil')}{' '}
        <DateTime value={v.embargoUntil} />
      </p>
      <dl>
        {v.texts.map((x) => (
          <div key={x.language} lang={x.language}>
            <dt>
              {x.language.toUpperCase()} <TranslationMark version={v} language={x.language} />
            </dt>
            <dd>
              <strong>{x.headline}</strong> {x.text} {x.instruction}
            </dd>
          </div>
        ))}
      </dl>
      {v.abilities.translate ? <TranslationEditor incidentId={incidentId} version={v} /> : null}
      <LineRevision incidentId={incidentId} version={v} />
      <table>
        <caption>{t('comms.statesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('comms.organisation')}</th>
            <th scope="col">{t('comms.status')}</th>
            <th scope="col">{t('comms.details')}</th>
          </tr>
        </thead>
        <tbody>
          {v.states.map((s) => (
            <tr key={s.organisation}>
              <th scope="row">{s.organisation}</th>
              <td>{t(`comms.state.${s.status}`)}</td>
              <td>
                {s.languages.length > 0 ? s.languages.join(', ') : null} {s.reason}{' '}
                {s.publishedAt ? (
                  <>
                    <DateTime value={s.publishedAt} />{' '}
                    <a href={s.link ?? undefined} rel="noopener noreferrer" target="_blank">
                      {t('comms.link')}
                    </a>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {v.exportable ? (
        <p>
          <a href={`${publicMessagesPath(incidentId)}/${v.messageId}/cap`} download>
            {t('comms.downloadCap')}
          </a>
        </p>
      ) : null}
      {v.abilities.decide ? (
        <DecisionForm incidentId={incidentId} version={v} organisation={organisation} />
      ) : null}
      {v.abilities.publish ? <PublicationForm incidentId={incidentId} messageId={v.messageId} /> : null}
      <LineComments incidentId={incidentId} version={v} />
    </article>
  );
}

function DecisionForm({
  incidentId,
  version: v,
  organisation,
}: {
  incidentId: string;
  version: MessageVersionView;
  organisation: string;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const decide = useDecideOnMessage(incidentId);
  const others = v.texts.map((x) => x.language).filter((l) => l !== 'en');
  const [language, setLanguage] = useState(others[0] ?? '');
  const [reason, setReason] = useState('');
  const [headline, setHeadline] = useState('');
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const send = (decision: 'approved' | 'rejected' | 'adapted') => {
    setFailure(null);
    decide.mutate(
      {
        messageId: v.messageId,
        decision,
        languages: decision === 'rejected' ? [] : ['en', language],
        reason,
        ...(decision === 'adapted' ? { adaptation: [{ language, headline, text, instruction: '' }] } : {}),
      },
      { onError: (e) => setFailure(errorText(e)) },
    );
  };
  return (
    <fieldset>
      <legend>{t('comms.decideFor', { organisation })}</legend>
      <label>
        {t('comms.language')}{' '}
        <select value={language} onChange={(e) => setLanguage(e.target.value)}>
          {others.map((l) => (
            <option key={l} value={l}>
              {l.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('comms.reason')} <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <label>
        {t('comms.adaptedHeadline')} <input value={headline} onChange={(e) => setHeadline(e.target.value)} />
      </label>
      <label>
        {t('comms.adaptedText')} <textarea value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="button" onClick={() => send('approved')} disabled={decide.isPending}>
        {t('comms.approve')}
      </button>
      <button type="button" onClick={() => send('rejected')} disabled={decide.isPending}>
        {t('comms.reject')}
      </button>
      <button type="button" onClick={() => send('adapted')} disabled={decide.isPending}>
        {t('comms.adapt')}
      </button>
      <ErrorMessage message={failure} />
    </fieldset>
  );
}

function PublicationForm({ incidentId, messageId }: { incidentId: string; messageId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const publish = useRecordPublication(incidentId);
  const [link, setLink] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    publish.mutate({ messageId, link }, { onError: (err) => setFailure(errorText(err)) });
  };
  return (
    <form onSubmit={submit}>
      <label>
        {t('comms.publishedAt')}{' '}
        <input type="url" required value={link} onChange={(e) => setLink(e.target.value)} />
      </label>
      <button type="submit" disabled={publish.isPending}>
        {t('comms.recordPublication')}
      </button>
      <ErrorMessage message={failure} />
    </form>
  );
}

function DraftForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const draft = useDraftPublicMessage(incidentId);
  const [event, setEvent] = useState('');
  const [embargo, setEmbargo] = useState('');
  const [language, setLanguage] = useState('');
  const [texts, setTexts] = useState({
    en: { headline: '', text: '', instruction: '' },
    other: { headline: '', text: '', instruction: '' },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    draft.mutate(
      {
        marking: 'TLP:CLEAR',
        event,
        embargoUntil: new Date(embargo).toISOString(),
        texts: [
          { language: 'en', ...texts.en },
          { language, ...texts.other },
        ],
      },
      { onError: (err) => setFailure(errorText(err)), onSuccess: () => setEvent('') },
    );
  };
  // The instruction to the public is optional: not every line asks the public to do something.
  const field = (which: 'en' | 'other', part: 'headline' | 'text' | 'instruction', label: string) => (
    <label>
      {label}{' '}
      <input
        required={part !== 'instruction'}
        value={texts[which][part]}
        onChange={(e) => setTexts({ ...texts, [which]: { ...texts[which], [part]: e.target.value } })}
      />
    </label>
  );
  return (
    <form onSubmit={submit}>
      <h3>{t('comms.draftTitle')}</h3>
      <p>{t('comms.clearOnly')}</p>
      <label>
        {t('comms.event')} <input required value={event} onChange={(e) => setEvent(e.target.value)} />
      </label>
      <label>
        {t('comms.embargo')}{' '}
        <input type="datetime-local" required value={embargo} onChange={(e) => setEmbargo(e.target.value)} />
      </label>
      {field('en', 'headline', t('comms.headlineEn'))}
      {field('en', 'text', t('comms.textEn'))}
      {field('en', 'instruction', t('comms.instructionEn'))}
      <label>
        {t('comms.otherLanguage')}{' '}
        <input required pattern="[a-z]{2}" value={language} onChange={(e) => setLanguage(e.target.value)} />
      </label>
      {field('other', 'headline', t('comms.headlineOther'))}
      {field('other', 'text', t('comms.textOther'))}
      {field('other', 'instruction', t('comms.instructionOther'))}
      <button type="submit" disabled={draft.isPending}>
        {t('comms.draft')}
      </button>
      <ErrorMessage message={failure} />
    </form>
  );
}

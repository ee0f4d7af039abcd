import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageVersionView } from '../../api/comms.js';
import { useCommentOnMessage, useResolveComment } from '../../api/comms-review.js';
import { DateTime } from '../DateTime.js';
import { SelectField, TextAreaField, TextField } from '../fields.js';
import { ErrorMessage, useErrorText } from '../Messages.js';

/**
 * Comments on the line's current version, open ones first in the order written: each names the language and the
 * passage it is about when its writer anchored it. They reach the line's own audience, never the public.
 */
export function LineComments({
  incidentId,
  version: v,
}: {
  incidentId: string;
  version: MessageVersionView;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const resolve = useResolveComment(incidentId);
  const comments = [...v.comments].sort((a, b) => Number(a.resolved) - Number(b.resolved));
  const open = comments.filter((c) => !c.resolved).length;
  return (
    <section className="comms-comments" aria-label={t('commsReview.comments.title')}>
      <h4>{t('commsReview.comments.heading', { open, total: comments.length })}</h4>
      <ul className="stack">
        {comments.map((c) => (
          <li key={c.id} className={c.resolved ? 'comment comment--resolved' : 'comment'}>
            <p>
              <strong>{c.organisation}</strong> <DateTime value={c.writtenAt} />{' '}
              {c.resolved
                ? t('commsReview.comments.resolvedBy', { organisation: c.resolvedBy })
                : t('commsReview.comments.open')}
            </p>
            {c.language ? (
              <p className="comment__anchor">
                {c.passage
                  ? t('commsReview.comments.onPassage', { language: c.language.toUpperCase() })
                  : t('commsReview.comments.onLanguage', { language: c.language.toUpperCase() })}{' '}
                {c.passage ? <q lang={c.language}>{c.passage}</q> : null}
              </p>
            ) : null}
            <p>{c.text}</p>
            {c.abilities.resolve ? (
              <button
                type="button"
                className="button button--small"
                disabled={resolve.isPending}
                onClick={() =>
                  resolve.mutate({ messageId: v.messageId, commentId: c.id, resolved: !c.resolved })
                }
              >
                {c.resolved ? t('commsReview.comments.reopen') : t('commsReview.comments.resolve')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorMessage message={resolve.error ? errorText(resolve.error) : null} />
      {v.abilities.comment ? <CommentForm incidentId={incidentId} version={v} /> : null}
    </section>
  );
}

function CommentForm({ incidentId, version: v }: { incidentId: string; version: MessageVersionView }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const comment = useCommentOnMessage(incidentId);
  const [text, setText] = useState('');
  const [language, setLanguage] = useState('');
  const [passage, setPassage] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    comment.mutate(
      {
        messageId: v.messageId,
        text,
        ...(language ? { language } : {}),
        ...(language && passage.trim() ? { passage } : {}),
      },
      {
        onSuccess: () => {
          setText('');
          setPassage('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('commsReview.comments.new')}>
      <TextAreaField
        label={t('commsReview.comments.text')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        required
      />
      <SelectField
        label={t('commsReview.comments.language')}
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
        optional
      >
        <option value="">{t('commsReview.comments.wholeLine')}</option>
        {v.texts.map((x) => (
          <option key={x.language} value={x.language}>
            {x.language.toUpperCase()}
          </option>
        ))}
      </SelectField>
      {language ? (
        <TextField
          label={t('commsReview.comments.passage')}
          hint={t('commsReview.comments.passageHint')}
          value={passage}
          onChange={(e) => setPassage(e.target.value)}
          lang={language}
          optional
        />
      ) : null}
      <button type="submit" className="button" disabled={comment.isPending}>
        {t('commsReview.comments.send')}
      </button>
      <ErrorMessage message={comment.error ? errorText(comment.error) : null} />
    </form>
  );
}

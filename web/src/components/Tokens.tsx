import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from './DateTime.js';
import { TextField } from './fields.js';
import { StatusMessage } from './Messages.js';

/** The two kinds of secret the web app hands out once: API tokens and wall-screen display tokens. */
export type TokenKind = 'tokens' | 'wallScreens';

interface TokenFacts {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A new secret, shown this once with a copy button; the platform keeps only its hash. */
export function ShownOnceToken({
  kind,
  token,
  fieldName,
  testId,
  onDone,
}: {
  kind: TokenKind;
  token: { name: string; token: string };
  fieldName: string;
  testId?: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(t(`${kind}.copied`));
    } catch {
      inputRef.current?.select();
      setCopied(t(`${kind}.copyManually`));
    }
  };
  return (
    <div className="notice notice--warning new-token" data-testid={testId}>
      <p>
        <strong>{t(`${kind}.createdTitle`, { name: token.name })}</strong>
      </p>
      <p>
        <span aria-hidden="true" className="notice__icon">
          ⚠
        </span>
        {t(`${kind}.shownOnce`)}
      </p>
      <div className="copy-row">
        <TextField
          ref={inputRef}
          label={t(`${kind}.token`)}
          readOnly
          value={token.token}
          name={fieldName}
          spellCheck={false}
          className="input--token"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {t(`${kind}.copy`)}
        </button>
      </div>
      <StatusMessage message={copied} />
      <button type="button" className="button button--secondary" onClick={onDone}>
        {t(`${kind}.stored`)}
      </button>
    </div>
  );
}

/** One issued token: when it was made and last used, whether it still works, and a way to revoke it. */
export function TokenRow<T extends TokenFacts>({
  kind,
  token,
  onRevoke,
  busy,
  testId,
}: {
  kind: TokenKind;
  token: T;
  onRevoke: (token: T) => void;
  busy: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <tr className={token.revokedAt ? 'row--inactive' : undefined} data-testid={testId}>
      <th scope="row">{token.name}</th>
      <td>
        <DateTime value={token.createdAt} />
      </td>
      <td>
        {token.lastUsedAt ? (
          <DateTime value={token.lastUsedAt} />
        ) : (
          <span className="muted">{t(`${kind}.neverUsed`)}</span>
        )}
      </td>
      <td>
        {token.revokedAt ? (
          <span className="state state--off">
            <span aria-hidden="true">○ </span>
            {t(`${kind}.revokedOn`)} <DateTime value={token.revokedAt} />
          </span>
        ) : (
          <span className="state state--ok">
            <span aria-hidden="true">● </span>
            {t(`${kind}.active`)}
          </span>
        )}
      </td>
      <td>
        {token.revokedAt ? null : (
          <button
            type="button"
            className="button button--danger button--small"
            onClick={() => onRevoke(token)}
            disabled={busy}
            aria-label={t(`${kind}.revokeLabel`, { name: token.name })}
          >
            {t(`${kind}.revoke`)}
          </button>
        )}
      </td>
    </tr>
  );
}

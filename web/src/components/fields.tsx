import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';
import { useTranslation } from 'react-i18next';

interface FrameProps {
  label: string;
  error?: string | null | undefined;
  hint?: ReactNode;
  optional?: boolean;
}

interface FrameIds {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

/** Label, hint and error around one control; the control is told which texts describe it. */
function Frame({
  label,
  error,
  hint,
  optional,
  inline,
  children,
}: FrameProps & { inline?: boolean; children: (ids: FrameIds) => ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const ids: FrameIds = { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined };
  const labelNode = (
    <label htmlFor={id}>
      {label}
      {optional ? <span className="field__optional"> ({t('form.optional')})</span> : null}
    </label>
  );
  return (
    <div className={`field${inline ? ' field--inline' : ''}${error ? ' field--invalid' : ''}`}>
      {inline ? null : labelNode}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      {children(ids)}
      {inline ? labelNode : null}
    </div>
  );
}

export function TextField({
  label,
  error,
  hint,
  optional,
  ref,
  ...input
}: FrameProps & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return (
    <Frame label={label} error={error} hint={hint} optional={optional}>
      {(ids) => <input ref={ref} {...ids} {...input} />}
    </Frame>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  optional,
  ref,
  ...textarea
}: FrameProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  return (
    <Frame label={label} error={error} hint={hint} optional={optional}>
      {(ids) => <textarea ref={ref} {...ids} {...textarea} />}
    </Frame>
  );
}

export function SelectField({
  label,
  error,
  hint,
  optional,
  ref,
  children,
  ...select
}: FrameProps & SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  return (
    <Frame label={label} error={error} hint={hint} optional={optional}>
      {(ids) => (
        <select ref={ref} {...ids} {...select}>
          {children}
        </select>
      )}
    </Frame>
  );
}

export function CheckboxField({
  label,
  error,
  hint,
  ref,
  ...input
}: FrameProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { ref?: Ref<HTMLInputElement> }) {
  return (
    <Frame label={label} error={error} hint={hint} inline>
      {(ids) => <input ref={ref} type="checkbox" {...ids} {...input} />}
    </Frame>
  );
}

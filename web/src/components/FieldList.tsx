import type { InputHTMLAttributes } from 'react';
import { SelectField, TextAreaField, TextField } from './fields.js';

interface Common<K extends string> {
  name: K;
  label: string;
  hint?: string;
  error?: string | null;
  optional?: boolean;
  required?: boolean;
}

/** One field of a form: a one-line input (of any `type`), a text area, or a choice among `options`. */
export type FieldSpec<K extends string> = Common<K> &
  (
    | {
        kind?: 'text';
        input?: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'required'>;
      }
    | { kind: 'textarea' }
    | { kind: 'select'; options: readonly { value: string; label: string }[] }
  );

/** `values` as the options of a choice, each shown as `label` says. */
export function optionsOf<V extends string>(values: readonly V[], label: (value: V) => string = (v) => v) {
  return values.map((value) => ({ value, label: label(value) }));
}

/**
 * A form's fields in order, each with its label, hint and error wired to its control (see fields.tsx); a field
 * given as `false` is left out, so a form can show one only when it applies.
 */
export function FieldList<K extends string>({
  fields,
  values,
  onChange,
}: {
  fields: readonly (FieldSpec<K> | false)[];
  values: Record<K, string>;
  onChange: (name: K, value: string) => void;
}) {
  return (
    <>
      {fields.map((field) => {
        if (!field) return null;
        const { name, label, hint, error, optional, required } = field;
        const frame = { label, hint, error, optional, required, value: values[name] };
        if (field.kind === 'textarea')
          return <TextAreaField key={name} {...frame} onChange={(e) => onChange(name, e.target.value)} />;
        if (field.kind === 'select')
          return (
            <SelectField key={name} {...frame} onChange={(e) => onChange(name, e.target.value)}>
              {field.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </SelectField>
          );
        return (
          <TextField
            key={name}
            {...field.input}
            {...frame}
            onChange={(e) => onChange(name, e.target.value)}
          />
        );
      })}
    </>
  );
}

import { useFormat } from '../i18n/useFormat.js';

/** A moment in the reader's time zone, UTC beside it, machine-readable underneath. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const format = useFormat();
  if (!value) return null;
  return <time dateTime={value}>{format.dateTime(value)}</time>;
}

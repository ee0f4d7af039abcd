import { useFormat } from '../i18n/useFormat.js';

/** A moment in the reader's time zone with UTC beside it; a line may break only between the two. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const format = useFormat();
  if (!value) return null;
  const { local, utc } = format.dateTimeParts(value);
  return (
    <time dateTime={value}>
      <span className="nowrap">{local}</span>
      {utc ? (
        <>
          {' '}
          <span className="nowrap">({utc})</span>
        </>
      ) : null}
    </time>
  );
}

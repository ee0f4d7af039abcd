/**
 * How an exercise's facilitators read an instant of the exercise: hours and minutes of scenario time since the
 * scenario started (its first inject), "T+01:15". The server computes the offset from the run's recorded clock
 * (src/exercises/scenario-clock.ts); this only writes it, for the report's text and the web's entries alike.
 * Free of imports so the web may use it.
 */
export function scenarioReading(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const minutes = Math.floor(Math.abs(offsetSeconds) / 60);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `T${sign}${hh}:${mm}`;
}

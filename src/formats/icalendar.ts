import ical, { ICalCalendarMethod } from 'ical-generator';

/** One event as the calendar file carries it; the domain folder decides what goes in (src/response/meetings-*). */
export interface CalendarEvent {
  uid: string;
  summary: string;
  description: string;
  location: string;
  start: string;
  end: string;
  /** When the event was written: a fixed stamp, so the same meeting gives the same file. */
  stamp: string;
  url: string | null;
}

/** An iCalendar (RFC 5545) file with one event, published (not a scheduling request: no one's calendar answers). */
export function calendarFile(event: CalendarEvent): string {
  const calendar = ical({
    prodId: { company: 'Blueprint', product: 'Blueprint', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  calendar.createEvent({
    id: event.uid,
    summary: event.summary,
    description: event.description,
    location: event.location || null,
    start: new Date(event.start),
    end: new Date(event.end),
    stamp: new Date(event.stamp),
    url: event.url,
  });
  return calendar.toString();
}

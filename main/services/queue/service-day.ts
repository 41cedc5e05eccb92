import { QUEUE_TIME_ZONE, type ServiceDay } from '../../../common/queue';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// en-CA formats dates as YYYY-MM-DD.
const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: QUEUE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The service day of an instant in Asia/Ho_Chi_Minh: numbers restart at local midnight. */
export function serviceDayOf(instant: Date): ServiceDay {
  return dayFormat.format(instant);
}

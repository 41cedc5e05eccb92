import { describe, expect, it } from 'vitest';
import { serviceDayOf } from './service-day';

describe('serviceDayOf (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('turns the day at local midnight, 17:00 UTC', () => {
    expect(serviceDayOf(new Date('2026-03-01T16:59:59.999Z'))).toBe('2026-03-01');
    expect(serviceDayOf(new Date('2026-03-01T17:00:00.000Z'))).toBe('2026-03-02');
  });

  it('handles month and year ends', () => {
    expect(serviceDayOf(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(serviceDayOf(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(serviceDayOf(new Date('2028-02-28T17:30:00Z'))).toBe('2028-02-29');
  });
});

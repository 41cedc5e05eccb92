import { describe, expect, it } from 'vitest';
import { redactIdNumbers } from './redact';

describe('redactIdNumbers', () => {
  it('keeps only the last 3 digits of 12-digit and 9-digit ID numbers', () => {
    expect(redactIdNumbers('read card 092185001234 ok')).toBe('read card *********234 ok');
    expect(redactIdNumbers('CMND=361234567;')).toBe('CMND=******567;');
    expect(redactIdNumbers('qr 092185001234|361234567|Nguyễn')).toBe(
      'qr *********234|******567|Nguyễn',
    );
  });

  it('leaves longer digit runs, timestamps and short numbers alone', () => {
    expect(redactIdNumbers('ts=1764300000000 n=12345 hash=a092185001234')).toBe(
      'ts=1764300000000 n=12345 hash=a092185001234',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { bacExpiryCandidates } from './bac-expiry-candidates';

// Renewal ages 14/25/40/60 with the 2-year rule, 991231 without expiry (research §2.2).
describe('bacExpiryCandidates', () => {
  it('picks the birthday at the next renewal age after the issue date', () => {
    expect(bacExpiryCandidates({ dateOfBirth: '1985-03-14', issueDate: '2021-04-10' })).toEqual([
      '250314', // 40th birthday
      '450314', // 60th, in case the grace rule applied
      '991231',
    ]);
  });

  it('skips to the following age when issued within 2 years before a renewal age', () => {
    // Issued at 39 → valid until 60.
    expect(bacExpiryCandidates({ dateOfBirth: '1982-06-01', issueDate: '2021-08-01' })[0]).toBe(
      '420601',
    );
    // Issued at 23 → valid until 40.
    expect(bacExpiryCandidates({ dateOfBirth: '1998-02-28', issueDate: '2021-05-01' })[0]).toBe(
      '380228',
    );
  });

  it('gives 991231 first for cards issued at 58 or later', () => {
    expect(bacExpiryCandidates({ dateOfBirth: '1958-11-02', issueDate: '2021-03-01' })[0]).toBe(
      '991231',
    );
    expect(bacExpiryCandidates({ dateOfBirth: '1944-07-02', issueDate: '2021-03-01' })).toEqual([
      '991231',
    ]);
  });

  it('covers the 14-year renewal of Luật Căn cước 2023', () => {
    expect(bacExpiryCandidates({ dateOfBirth: '2015-09-09', issueDate: '2024-08-01' })[0]).toBe(
      '290909',
    );
  });

  it('without an issue date tries future renewal ages first, then no-expiry, then past ones', () => {
    const today = new Date('2026-01-15T00:00:00Z');
    expect(bacExpiryCandidates({ dateOfBirth: '1990-05-20', today })).toEqual([
      '300520',
      '500520',
      '991231',
      '150520',
      '040520',
    ]);
  });

  it('rejects malformed dates with INVALID_INPUT', () => {
    expect(() => bacExpiryCandidates({ dateOfBirth: '20/05/1990' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() =>
      bacExpiryCandidates({ dateOfBirth: '1990-05-20', issueDate: '1980-01-01' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

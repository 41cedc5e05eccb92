import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyboardWedgeDetector, type WedgeScan } from './keyboard-wedge-detector.js';

/** Feeds keys at the given gaps (ms) and returns the scans reported. */
function type(
  d: KeyboardWedgeDetector,
  keys: readonly string[],
  gaps: number | readonly number[],
  t0 = 1000,
): WedgeScan[] {
  const scans: WedgeScan[] = [];
  let t = t0;
  keys.forEach((k, i) => {
    if (i > 0) t += typeof gaps === 'number' ? gaps : (gaps[i - 1] ?? 0);
    const s = d.feed(k, t);
    if (s) scans.push(s);
  });
  return scans;
}

const chars = (s: string): string[] => [...s];

describe('KeyboardWedgeDetector', () => {
  it('a fast burst ending with Enter is a scan', () => {
    const d = new KeyboardWedgeDetector();
    const scans = type(d, [...chars('092099012345|Nguyen'), 'Enter'], 8);
    expect(scans).toEqual([
      { text: '092099012345|Nguyen', startedAt: 1000, endedAt: 1000 + 19 * 8 },
    ]);
  });

  it('human typing (120 ms apart) is not a scan', () => {
    const d = new KeyboardWedgeDetector();
    expect(type(d, [...chars('hoso12345'), 'Enter'], 120)).toEqual([]);
  });

  it('a short fast burst (a fast typist pressing two keys) is not a scan', () => {
    const d = new KeyboardWedgeDetector({ minLength: 6 });
    expect(type(d, ['o', 'k', 'Enter'], 10)).toEqual([]);
  });

  it('a burst must end promptly: Enter pressed later by a person is not a scan', () => {
    const d = new KeyboardWedgeDetector();
    expect(type(d, [...chars('ABCDEFGH'), 'Enter'], [5, 5, 5, 5, 5, 5, 5, 400])).toEqual([]);
  });

  it('a burst right after human typing is still recognised (the burst restarts)', () => {
    const d = new KeyboardWedgeDetector();
    const gaps = [150, 150, 150, ...Array<number>(10).fill(6)];
    const scans = type(d, [...chars('abc'), ...chars('QR12345678'), 'Enter'], gaps);
    expect(scans.map((s) => s.text)).toEqual(['QR12345678']);
  });

  it('Shift inside a burst is ignored; Backspace breaks it', () => {
    const d = new KeyboardWedgeDetector();
    expect(
      type(d, ['Shift', 'A', 'b', 'Shift', 'C', 'd', 'e', 'f', 'Enter'], 5).map((s) => s.text),
    ).toEqual(['AbCdef']);
    expect(type(d, ['a', 'b', 'c', 'Backspace', 'd', 'e', 'f', 'Enter'], 5, 5000)).toEqual([]);
  });

  it('accepts other terminators when configured (Tab)', () => {
    const d = new KeyboardWedgeDetector({ terminators: ['Tab', 'Enter'] });
    expect(type(d, [...chars('123456'), 'Tab'], 4).map((s) => s.text)).toEqual(['123456']);
  });

  it('reports inBurst while keys come fast', () => {
    const d = new KeyboardWedgeDetector();
    d.feed('a', 0);
    expect(d.inBurst).toBe(false);
    d.feed('b', 5);
    expect(d.inBurst).toBe(true);
    d.feed('c', 500);
    expect(d.inBurst).toBe(false);
  });

  it('time going backwards does not produce a scan', () => {
    const d = new KeyboardWedgeDetector();
    expect(type(d, [...chars('abcdefgh'), 'Enter'], -5)).toEqual([]);
  });

  it('property: any text typed ≥ 100 ms apart is never a scan; any ≥ 6 chars at ≤ 30 ms is exactly one scan', () => {
    const text = fc.string({
      minLength: 6,
      maxLength: 60,
      unit: fc.constantFrom(...chars('abcXYZ0123|-/ àễ')),
    });
    fc.assert(
      fc.property(
        text,
        fc.integer({ min: 100, max: 2000 }),
        fc.integer({ min: 0, max: 30 }),
        (s, slow, fast) => {
          expect(type(new KeyboardWedgeDetector(), [...chars(s), 'Enter'], slow)).toEqual([]);
          const scans = type(new KeyboardWedgeDetector(), [...chars(s), 'Enter'], fast);
          expect(scans.map((x) => x.text)).toEqual([s]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

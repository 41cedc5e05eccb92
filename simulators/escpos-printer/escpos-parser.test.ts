import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../common/hex';
import { EscPosStreamParser, type EscPosDialect, type EscPosHandler } from './escpos-parser';

/** A handler that records every event as a string. */
function recorder(): { handler: EscPosHandler; events: string[] } {
  const events: string[] = [];
  const log =
    (name: string) =>
    (...args: unknown[]): void => {
      events.push(
        `${name}(${args.map((a) => (a instanceof Uint8Array ? a.length : a)).join(',')})`,
      );
    };
  const handler: EscPosHandler = {
    realtimeStatus: log('status'),
    text: log('text'),
    lineFeed: log('lf'),
    init: log('init'),
    codePage: log('codePage'),
    printMode: log('printMode'),
    bold: log('bold'),
    align: log('align'),
    feedLines: log('feed'),
    charSize: log('size'),
    cut: log('cut'),
    raster: log('raster'),
    qrModel: log('qrModel'),
    qrModuleSize: log('qrModule'),
    qrStore: log('qrStore'),
    qrPrint: log('qrPrint'),
    processIdRequest: log('processId'),
    unknown: log('unknown'),
    raw: () => undefined,
  };
  return { handler, events };
}

function parseInChunks(bytes: Uint8Array, cuts: number[], dialect: EscPosDialect): string[] {
  const { handler, events } = recorder();
  const parser = new EscPosStreamParser(handler, dialect);
  let at = 0;
  for (const c of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    parser.feed(bytes.subarray(at, c));
    at = c;
  }
  parser.feed(bytes.subarray(at));
  return events;
}

describe('EscPosStreamParser', () => {
  it('EPSON: decodes a job into events', () => {
    const events = parseInChunks(
      fromHex(
        '1B 40 1B 74 34 1B 21 08 1D 21 77 41 0A 10 04 04 1D 76 30 00 01 00 02 00 FF 00 1D 56 42 03',
      ),
      [],
      'epson',
    );
    expect(events).toEqual([
      'init()',
      'codePage(52)',
      'printMode(8)',
      'size(119)',
      'text(1)',
      'lf()',
      'status(4)',
      'raster(1,2,2)',
      'cut()',
    ]);
  });

  it('STAR: decodes Line Mode commands into the same events', () => {
    const events = parseInChunks(
      fromHex('1B 40 1B 1D 74 34 1B 1D 61 01 1B 45 1B 69 05 05 41 0A 1B 46 1B 64 03'),
      [],
      'star',
    );
    expect(events).toEqual([
      'init()',
      'codePage(52)',
      'align(1)',
      'bold(true)',
      'size(85)',
      'text(1)',
      'lf()',
      'bold(false)',
      'cut()',
    ]);
  });

  for (const dialect of ['epson', 'star'] as const) {
    it(`${dialect}: any byte stream, split anywhere, gives the same events and never throws`, () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 300 }),
          fc.array(fc.nat({ max: 300 }), { maxLength: 10 }),
          (bytes, cuts) => {
            const whole = parseInChunks(bytes, [], dialect);
            const split = parseInChunks(bytes, cuts, dialect);
            // Text runs may be cut into pieces; everything else must be identical.
            const norm = (ev: string[]): string[] => ev.filter((e) => !e.startsWith('text('));
            expect(norm(split)).toEqual(norm(whole));
          },
        ),
        { numRuns: 400, seed: 42 },
      );
    });
  }
});

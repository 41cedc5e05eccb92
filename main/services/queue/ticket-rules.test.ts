import { describe, expect, it } from 'vitest';
import { TICKET_STATES, type Ticket, type TicketState } from '../../../common/queue';
import { applyAction, applyCall, applyTransfer, type TicketAction } from './ticket-rules';

const base: Ticket = {
  id: 't1',
  serviceDay: '2026-03-02',
  serviceId: 'ho-tich',
  number: 7,
  label: 'A007',
  priority: null,
  state: 'issued',
  counterId: null,
  targetCounterId: null,
  originTicketId: null,
  transferredToTicketId: null,
  issuedAt: '2026-03-02T01:00:00.000Z',
  orderAt: '2026-03-02T01:00:00.000Z',
  calledAt: null,
  lastCalledAt: null,
  callCount: 0,
  startedAt: null,
  endedAt: null,
  cancelReason: null,
};
const NOW = '2026-03-02T02:00:00.000Z';

/** The full transition table: action → states it is allowed from. */
const ALLOWED: Record<TicketAction | 'call' | 'transfer', TicketState[]> = {
  call: ['issued'],
  recall: ['called'],
  start: ['called'],
  complete: ['serving'],
  'no-show': ['called'],
  cancel: ['issued', 'called'],
  transfer: ['issued', 'called', 'serving'],
};

function attempt(action: keyof typeof ALLOWED, state: TicketState): void {
  const t = { ...base, state };
  if (action === 'call') applyCall(t, 'q1', NOW);
  else if (action === 'transfer')
    applyTransfer(t, { newTicketId: 't2', serviceId: 'dat-dai', counterId: null }, NOW);
  else applyAction(t, action, NOW);
}

describe('ticket rules', () => {
  for (const [action, allowed] of Object.entries(ALLOWED)) {
    for (const state of TICKET_STATES) {
      const ok = allowed.includes(state);
      it(`${action} from ${state}: ${ok ? 'allowed' : 'QUEUE_INVALID_TRANSITION'}`, () => {
        const run = (): void => attempt(action as keyof typeof ALLOWED, state);
        if (ok) expect(run).not.toThrow();
        else expect(run).toThrow(expect.objectContaining({ code: 'QUEUE_INVALID_TRANSITION' }));
      });
    }
  }

  it('keeps the number and the place in line on transfer', () => {
    const { ended, continued } = applyTransfer(
      { ...base, state: 'serving', counterId: 'q1', startedAt: NOW },
      { newTicketId: 't2', serviceId: 'dat-dai', counterId: 'q3' },
      NOW,
    );
    expect(ended).toMatchObject({
      state: 'transferred',
      endedAt: NOW,
      transferredToTicketId: 't2',
    });
    expect(continued).toMatchObject({
      id: 't2',
      label: 'A007',
      serviceId: 'dat-dai',
      state: 'issued',
      counterId: null,
      targetCounterId: 'q3',
      originTicketId: 't1',
      issuedAt: NOW,
      orderAt: base.orderAt,
      startedAt: null,
      callCount: 0,
    });
  });
});

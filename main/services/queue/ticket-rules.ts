/**
 * Pure rules of the ticket life cycle. The store adapters run them inside their transactions, so
 * SQLite and PostgreSQL enforce exactly the same transitions.
 */
import { AppError } from '../../../common/errors';
import type { QueueEventType, Ticket, TicketState } from '../../../common/queue';

/** Actions a counter (or a supervisor, where `counterId` may be null) takes on one ticket. */
export type TicketAction = 'recall' | 'start' | 'complete' | 'no-show' | 'cancel';

interface ActionRule {
  readonly from: readonly TicketState[];
  readonly to: TicketState;
  readonly event: QueueEventType;
}

export const ACTION_RULES: Readonly<Record<TicketAction, ActionRule>> = {
  recall: { from: ['called'], to: 'called', event: 'ticket-recalled' },
  start: { from: ['called'], to: 'serving', event: 'ticket-started' },
  complete: { from: ['serving'], to: 'done', event: 'ticket-completed' },
  'no-show': { from: ['called'], to: 'no-show', event: 'ticket-no-show' },
  cancel: { from: ['issued', 'called'], to: 'cancelled', event: 'ticket-cancelled' },
};

export const TRANSFERABLE_STATES: readonly TicketState[] = ['issued', 'called', 'serving'];

export function invalidTransition(ticket: Ticket, to: TicketState | 'call'): AppError {
  return new AppError(
    'QUEUE_INVALID_TRANSITION',
    `Ticket ${ticket.label} (${ticket.id}) is ${ticket.state}; cannot go to ${to}`,
  );
}

export function ticketNotFound(ticketId: string): AppError {
  return new AppError('QUEUE_TICKET_NOT_FOUND', `No ticket ${ticketId}`);
}

/**
 * A counter may act only on the ticket it called; `null` (a supervisor) may act on any, but only
 * `cancel` and transfer are offered to supervisors by QueueService.
 */
export function assertHeldBy(ticket: Ticket, counterId: string | null): void {
  if (counterId === null || ticket.state === 'issued') return;
  if (ticket.counterId !== counterId) {
    throw new AppError(
      'QUEUE_NOT_YOUR_TICKET',
      `Ticket ${ticket.label} is held by counter ${ticket.counterId ?? '-'}, not ${counterId}`,
    );
  }
}

/** The ticket after `action`; throws QUEUE_INVALID_TRANSITION when the state does not allow it. */
export function applyAction(
  ticket: Ticket,
  action: TicketAction,
  now: string,
  reason: string | null = null,
): Ticket {
  const rule = ACTION_RULES[action];
  if (!rule.from.includes(ticket.state)) throw invalidTransition(ticket, rule.to);
  switch (action) {
    case 'recall':
      return { ...ticket, lastCalledAt: now, callCount: ticket.callCount + 1 };
    case 'start':
      return { ...ticket, state: 'serving', startedAt: now };
    case 'complete':
      return { ...ticket, state: 'done', endedAt: now };
    case 'no-show':
      return { ...ticket, state: 'no-show', endedAt: now };
    case 'cancel':
      return { ...ticket, state: 'cancelled', endedAt: now, cancelReason: reason };
  }
}

/** An issued ticket called to a counter. */
export function applyCall(ticket: Ticket, counterId: string, now: string): Ticket {
  if (ticket.state !== 'issued') throw invalidTransition(ticket, 'call');
  return {
    ...ticket,
    state: 'called',
    counterId,
    calledAt: now,
    lastCalledAt: now,
    callCount: ticket.callCount + 1,
  };
}

/**
 * A transfer ends the ticket as `transferred` and opens a new one in the target queue with the
 * same paper number, keeping its original queue order so the citizen does not queue twice.
 */
export function applyTransfer(
  ticket: Ticket,
  target: { newTicketId: string; serviceId: string; counterId: string | null },
  now: string,
): { ended: Ticket; continued: Ticket } {
  if (!TRANSFERABLE_STATES.includes(ticket.state)) throw invalidTransition(ticket, 'transferred');
  const ended: Ticket = {
    ...ticket,
    state: 'transferred',
    endedAt: now,
    transferredToTicketId: target.newTicketId,
  };
  const continued: Ticket = {
    ...ticket,
    id: target.newTicketId,
    serviceId: target.serviceId,
    state: 'issued',
    counterId: null,
    targetCounterId: target.counterId,
    originTicketId: ticket.id,
    transferredToTicketId: null,
    issuedAt: now,
    calledAt: null,
    lastCalledAt: null,
    callCount: 0,
    startedAt: null,
    endedAt: null,
    cancelReason: null,
  };
  return { ended, continued };
}

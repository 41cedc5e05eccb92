/**
 * Queue domain: services (lĩnh vực) with a ticket prefix and number range, counters (quầy) with the
 * services they serve, priority categories, tickets and their life cycle, counter status and the
 * events every terminal (kiosk, counter, display) follows. Shared by main and renderer.
 *
 * Ticket life cycle (see QueueService for who may do what):
 *   issued → called → serving → done
 *   called → no-show | called (recall)
 *   issued | called | serving → transferred (a new ticket, same label, waits in the target queue)
 *   issued | called → cancelled
 */
import { z } from 'zod';
import { PAUSE_REASONS, PRIORITY_CATEGORIES } from './queue-constants';

export { PAUSE_REASONS, PRIORITY_CATEGORIES } from './queue-constants';

/** The time zone of every service day: numbers restart at local midnight (UTC+7, no DST). */
export const QUEUE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case id: letters, digits, . _ -');

/** An ISO 8601 instant in UTC as produced by Date#toISOString. */
export const IsoInstantSchema = z.iso.datetime();
/** A service day `YYYY-MM-DD` in QUEUE_TIME_ZONE. */
export const ServiceDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export type ServiceDay = z.infer<typeof ServiceDaySchema>;

/** A service (lĩnh vực, a group of procedures) that has its own queue and number series. */
export const ServiceAreaSchema = z
  .object({
    id: idSchema,
    /** Display name in Vietnamese, e.g. "Hộ tịch". */
    name: z.string().min(1).max(200),
    /** Printed before the number: "A" → A012. One to three capital letters. */
    prefix: z.string().regex(/^[A-Z]{1,3}$/),
    /** First number of the day (inclusive). */
    numberStart: z.int().min(1).max(9999),
    /** Last number of the day (inclusive); issuing beyond it fails, it never wraps to a duplicate. */
    numberEnd: z.int().min(1).max(9999),
    /** Used for the wait estimate until the service has completed tickets of its own. */
    defaultServiceMinutes: z.number().positive().max(600).default(5),
  })
  .refine((s) => s.numberEnd >= s.numberStart, { message: 'numberEnd must be ≥ numberStart' });
export type ServiceArea = z.infer<typeof ServiceAreaSchema>;

/** A counter (quầy) with the services it serves. */
export const CounterSchema = z.object({
  id: idSchema,
  /** The number announced: "đến quầy số 3". */
  number: z.int().min(1).max(999),
  name: z.string().min(1).max(200),
  serviceIds: z.array(idSchema).min(1),
});
export type Counter = z.infer<typeof CounterSchema>;

export const PriorityCategorySchema = z.enum(PRIORITY_CATEGORIES);
export type PriorityCategory = z.infer<typeof PriorityCategorySchema>;

/**
 * How call-next chooses between the priority and the normal line: `strict` always takes a waiting
 * priority ticket first; `interleave` takes one priority ticket after every `normalsPerPriority`
 * normal ones ("cứ N số thường có 1 số ưu tiên"), so normal tickets are never starved.
 */
export const PriorityPolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('strict') }),
  z.object({ kind: z.literal('interleave'), normalsPerPriority: z.int().min(1).max(100) }),
]);
export type PriorityPolicy = z.infer<typeof PriorityPolicySchema>;

export const TICKET_STATES = [
  'issued',
  'called',
  'serving',
  'done',
  'no-show',
  'transferred',
  'cancelled',
] as const;
export const TicketStateSchema = z.enum(TICKET_STATES);
export type TicketState = z.infer<typeof TicketStateSchema>;

/** States from which a ticket never moves again. */
export const FINAL_TICKET_STATES: readonly TicketState[] = [
  'done',
  'no-show',
  'transferred',
  'cancelled',
];

export const TicketSchema = z.object({
  id: z.string().min(1),
  serviceDay: ServiceDaySchema,
  /** The queue the ticket waits in now (after a transfer: the target service). */
  serviceId: idSchema,
  /** The number as printed; a transferred ticket keeps the citizen's paper number. */
  number: z.int().min(1),
  /** Prefix + zero-padded number, e.g. "A012". */
  label: z.string().min(2).max(8),
  priority: PriorityCategorySchema.nullable(),
  state: TicketStateSchema,
  /** The counter that called the ticket (set on call). */
  counterId: idSchema.nullable(),
  /** Only this counter may call the ticket (transfer to a counter). */
  targetCounterId: idSchema.nullable(),
  /** The ticket this one continues after a transfer. */
  originTicketId: z.string().nullable(),
  /** The ticket that continues this one after a transfer. */
  transferredToTicketId: z.string().nullable(),
  /** When this ticket entered its queue (issue, or transfer). */
  issuedAt: IsoInstantSchema,
  /** Queue order; a transferred ticket keeps its original issue time so it does not queue twice. */
  orderAt: IsoInstantSchema,
  calledAt: IsoInstantSchema.nullable(),
  lastCalledAt: IsoInstantSchema.nullable(),
  callCount: z.int().min(0),
  startedAt: IsoInstantSchema.nullable(),
  /** When the ticket reached a final state. */
  endedAt: IsoInstantSchema.nullable(),
  cancelReason: z.string().max(500).nullable(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const PauseReasonSchema = z.enum(PAUSE_REASONS);
export type PauseReason = z.infer<typeof PauseReasonSchema>;

export const CounterStatusSchema = z.object({
  counterId: idSchema,
  state: z.enum(['open', 'paused']),
  pauseReason: PauseReasonSchema.nullable(),
  pauseNote: z.string().max(500).nullable(),
  since: IsoInstantSchema,
  /** Normal tickets called since this counter last called a priority one (interleave policy). */
  normalsSincePriority: z.int().min(0),
});
export type CounterStatus = z.infer<typeof CounterStatusSchema>;

export const QUEUE_EVENT_TYPES = [
  'ticket-issued',
  'ticket-called',
  'ticket-recalled',
  'ticket-started',
  'ticket-completed',
  'ticket-no-show',
  'ticket-transferred',
  'ticket-cancelled',
  'counter-paused',
  'counter-resumed',
] as const;
export const QueueEventTypeSchema = z.enum(QUEUE_EVENT_TYPES);
export type QueueEventType = z.infer<typeof QueueEventTypeSchema>;

/**
 * A change to the queue. `id` grows strictly in commit order, so a terminal that saw event n and
 * asks for events after n after a reconnect misses none.
 */
export const QueueEventSchema = z.object({
  id: z.int().min(1),
  type: QueueEventTypeSchema,
  at: IsoInstantSchema,
  serviceDay: ServiceDaySchema,
  ticket: TicketSchema.nullable(),
  /** For a transfer: the new ticket waiting in the target queue. */
  newTicket: TicketSchema.nullable(),
  counter: CounterStatusSchema.nullable(),
});
export type QueueEvent = z.infer<typeof QueueEventSchema>;

/** "A" + 12 → "A012" (at least three digits, as printed and announced). */
export function formatTicketLabel(prefix: string, num: number): string {
  return `${prefix}${String(num).padStart(3, '0')}`;
}

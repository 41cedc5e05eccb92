import { z } from 'zod';
import { CounterSchema, PriorityPolicySchema, ServiceAreaSchema } from './queue';

/** The services (lĩnh vực) of a Cần Thơ centre, each with its own ticket series. */
const DEFAULT_SERVICES = [
  {
    id: 'ho-tich',
    name: 'Hộ tịch',
    prefix: 'A',
    numberStart: 1,
    numberEnd: 999,
    defaultServiceMinutes: 10,
  },
  {
    id: 'chung-thuc',
    name: 'Chứng thực',
    prefix: 'B',
    numberStart: 1,
    numberEnd: 999,
    defaultServiceMinutes: 5,
  },
  {
    id: 'cu-tru',
    name: 'Cư trú',
    prefix: 'C',
    numberStart: 1,
    numberEnd: 999,
    defaultServiceMinutes: 8,
  },
  {
    id: 'dat-dai',
    name: 'Đất đai',
    prefix: 'D',
    numberStart: 1,
    numberEnd: 999,
    defaultServiceMinutes: 15,
  },
  {
    id: 'kinh-doanh',
    name: 'Đăng ký kinh doanh',
    prefix: 'E',
    numberStart: 1,
    numberEnd: 999,
    defaultServiceMinutes: 12,
  },
  {
    id: 'khac',
    name: 'Lĩnh vực khác',
    prefix: 'G',
    numberStart: 1,
    numberEnd: 999,
    defaultServiceMinutes: 8,
  },
];

const DEFAULT_COUNTERS = [
  { id: 'quay-1', number: 1, name: 'Quầy 1', serviceIds: ['ho-tich', 'chung-thuc'] },
  { id: 'quay-2', number: 2, name: 'Quầy 2', serviceIds: ['ho-tich', 'chung-thuc'] },
  { id: 'quay-3', number: 3, name: 'Quầy 3', serviceIds: ['cu-tru', 'khac'] },
  { id: 'quay-4', number: 4, name: 'Quầy 4', serviceIds: ['dat-dai'] },
  { id: 'quay-5', number: 5, name: 'Quầy 5', serviceIds: ['kinh-doanh'] },
  { id: 'quay-6', number: 6, name: 'Quầy 6', serviceIds: ['khac', 'cu-tru', 'chung-thuc'] },
];

export const queueSettingsSchema = z.object({
  /** sqlite: this machine only; postgres: the centre's shared queue (URL kept as a secret). */
  storage: z.enum(['sqlite', 'postgres']).default('sqlite'),
  services: z.array(ServiceAreaSchema).min(1).default(DEFAULT_SERVICES),
  counters: z.array(CounterSchema).min(1).default(DEFAULT_COUNTERS),
  policy: PriorityPolicySchema.default({ kind: 'interleave', normalsPerPriority: 3 }),
});

export const printerSettingsSchema = z.object({
  /** tcp://host:9100, serial:///dev/ttyUSB0?baud=115200, file:///dev/usb/lp0; null = none. */
  uri: z.string().max(300).nullable().default(null),
  model: z.enum(['epson', 'star']).default('epson'),
  paperWidth: z.union([z.literal(58), z.literal(80)]).default(80),
  encoding: z.enum(['codepage', 'raster']).default('codepage'),
  codePage: z.number().int().min(0).max(255).default(52),
});

export const displaySettingsSchema = z.object({
  voice: z.boolean().default(true),
  /** How many recent calls the board lists under the counters. */
  recentCalls: z.number().int().min(0).max(12).default(6),
});

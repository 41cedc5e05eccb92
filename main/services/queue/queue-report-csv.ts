/**
 * CSV export of a QueueReport (RFC 4180: CRLF line ends, fields with comma, quote or line break
 * quoted, quotes doubled). A UTF-8 BOM leads the text so Excel shows Vietnamese names correctly.
 */
import type { QueueReport } from './queue-report';

const BOM = '\uFEFF';

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value.normalize('NFC');
  // A leading = + - @ would run as a formula in a spreadsheet; a quote mark stops that.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function lines(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Tickets per service; `names` maps service ids to display names (e.g. "Hộ tịch"). */
export function servicesReportCsv(
  report: QueueReport,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const header = [
    'from_day',
    'to_day',
    'service_id',
    'service_name',
    'issued',
    'priority',
    'done',
    'no_show',
    'cancelled',
    'transferred_out',
    'transferred_in',
    'unfinished',
  ];
  const rows = report.services.map((s) => [
    report.fromDay,
    report.toDay,
    s.serviceId,
    names.get(s.serviceId) ?? s.serviceId,
    s.issued,
    s.priority,
    s.done,
    s.noShow,
    s.cancelled,
    s.transferredOut,
    s.transferredIn,
    s.unfinished,
  ]);
  return BOM + lines([header, ...rows]);
}

/** Average wait and service time per counter. */
export function countersReportCsv(
  report: QueueReport,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const header = [
    'from_day',
    'to_day',
    'counter_id',
    'counter_name',
    'called',
    'done',
    'no_show',
    'average_wait_seconds',
    'average_service_seconds',
  ];
  const rows = report.counters.map((c) => [
    report.fromDay,
    report.toDay,
    c.counterId,
    names.get(c.counterId) ?? c.counterId,
    c.called,
    c.done,
    c.noShow,
    c.averageWaitSeconds,
    c.averageServiceSeconds,
  ]);
  return BOM + lines([header, ...rows]);
}

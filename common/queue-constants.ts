/** Queue enumerations as plain constants (no zod), so the renderer bundle stays small. */

/**
 * Priority categories (đối tượng ưu tiên): người cao tuổi, người khuyết tật, phụ nữ mang thai,
 * người có công với cách mạng, người đi cùng trẻ nhỏ, and other cases a supervisor admits.
 */
export const PRIORITY_CATEGORIES = [
  'elderly',
  'disability',
  'pregnant',
  'meritorious',
  'young-child',
  'other',
] as const;

export const PAUSE_REASONS = ['break', 'meeting', 'assisting', 'system-issue', 'other'] as const;

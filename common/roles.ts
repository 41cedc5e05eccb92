/** Roles and languages as plain constants (no zod), so the renderer bundle stays small. */
export const ROLES = ['kiosk', 'counter', 'display', 'setup'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

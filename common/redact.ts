/**
 * Redaction of personal identifiers in log lines (Law 91/2025/QH15, Decree 356/2025/NĐ-CP):
 * 12-digit citizen ID numbers (CCCD / số định danh) and 9-digit old ID numbers (CMND) keep only
 * their last 3 digits. Digits that are part of a longer run (timestamps, hashes) are left alone.
 */
const ID_12 = /(?<![\dA-Za-z])\d{12}(?![\dA-Za-z])/g;
const ID_9 = /(?<![\dA-Za-z])\d{9}(?![\dA-Za-z])/g;

export function redactIdNumbers(text: string): string {
  return text
    .replace(ID_12, (m) => `*********${m.slice(9)}`)
    .replace(ID_9, (m) => `******${m.slice(6)}`);
}

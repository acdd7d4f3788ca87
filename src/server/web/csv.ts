/**
 * One CSV record (RFC 4180): fields quoted when they hold a comma, quote or line break. A text
 * that a spreadsheet would run as a formula (=, +, -, @ first, not a number) gets a leading
 * apostrophe.
 */
export function csvLine(fields: readonly string[]): string {
  return (
    fields
      .map((raw) => (/^[=+\-@\t\r]/.test(raw) && !/^-?\d/.test(raw) ? `'${raw}` : raw))
      .map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f))
      .join(',') + '\r\n'
  );
}

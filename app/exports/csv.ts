// CSV as spreadsheets expect it: UTF-8 with a byte-order mark (so Excel reads Chinese), RFC 4180 quoting, CRLF,
// and text that a spreadsheet would run as a formula (= + - @, tab, carriage return) prefixed with a quote.
export type Cell = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

const formulaStart = /^[=+\-@\t\r]/;

/** Text that a spreadsheet would take for a formula gets a leading apostrophe; numbers stay numbers. */
export function guardFormula(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? guardFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]) => cells.map(csvCell).join(',') + '\r\n';

// Spreadsheets run a cell as a formula when it starts with one of these (OWASP "CSV injection"; Symfony
// CVE-2021-41270; node-csv escape_formulas). Leading whitespace/NBSP is ignored by some, so it is skipped first.
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@"]);
// OWASP also lists a leading tab or carriage return; a CR mid-cell is a line break, checked line by line.
const RAW_TRIGGERS = new Set(["\t", "\r"]);
// JS `\s` includes NBSP (U+00A0), U+202F, U+FEFF and the other Unicode spaces.
const LEADING_WHITESPACE = /^\s*/;

export const CSV_LINE_END = "\r\n";

export type CsvCellValue = string | number | boolean | null | undefined;

function isDangerousLine(line: string): boolean {
  if (line.charAt(0) === "\t") return true;
  const first = line.replace(LEADING_WHITESPACE, "").charAt(0);
  return FORMULA_TRIGGERS.has(first);
}

/** Prefixes with `'` the cell when it starts with tab/CR, and every line a spreadsheet would run as a formula. */
function neutralizeFormulas(text: string): string {
  // Capturing split: even indices are lines, odd ones the CRLF/LF/CR that separated them.
  const lines = text
    .split(/(\r\n|\r|\n)/)
    .map((part, index) => (index % 2 === 0 && isDangerousLine(part) ? `'${part}` : part))
    .join("");
  return RAW_TRIGGERS.has(text.charAt(0)) && !lines.startsWith("'") ? `'${lines}` : lines;
}

/**
 * One CSV cell, safe to open in a spreadsheet: text that could run as a formula gets a leading `'` (on each
 * line of a multi-line cell), then RFC 4180 quoting. Numbers and booleans are written as they are: a number
 * we format ("-150") cannot carry a formula. null/undefined give an empty cell.
 */
export function escapeCsvCell(value: CsvCellValue): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? neutralizeFormulas(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record: escaped cells joined by commas, ending in CRLF (RFC 4180). */
export function toCsvLine(cells: readonly CsvCellValue[]): string {
  return cells.map(escapeCsvCell).join(",") + CSV_LINE_END;
}

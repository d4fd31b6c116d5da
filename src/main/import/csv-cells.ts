import type { Options } from 'csv-stringify'
import type { CsvFlavour } from '../../shared/domain/csv-flavour'

// How both CSV exports (export.csv, and data.export as CSV) write cells, per
// flavour (see shared/domain/csv-flavour.ts).

// Where a spreadsheet may start a cell: the start of the text, or after any
// list separator it may split at (comma, semicolon, tab, pipe), spaces
// skipped. Quoting every cell is not enough: a spreadsheet splitting at ';'
// reads '"x","Acme;=cmd|…"' as '"x","Acme' and '=cmd|…"', a formula.
const FORMULA_AT_CELL_START = /(?<=(?:^|[,;\t|]) *)('*)(?=[=+\-@\t\r])/g
const GUARD_AT_CELL_START = /(?<=(?:^|[,;\t|]) *)'('*)(?=[=+\-@\t\r])/g

/**
 * Neutralises text a spreadsheet would run as a formula (= + - @ tab CR) at
 * every place a cell may start, with an apostrophe. A place that already has
 * apostrophes before such a character gets one more, so unguard gives back
 * exactly what was stored.
 */
export function guardCell(text: string): string {
  return text.replace(FORMULA_AT_CELL_START, "'$1")
}

/** Undoes guardCell, for the import ("'=1+1" was written for "=1+1"). */
export function unguard(cell: string): string {
  return cell.replace(GUARD_AT_CELL_START, '$1')
}

/** A text cell as the flavour writes it; numbers and empty cells are never formulas. */
export function cellText(text: string, flavour: CsvFlavour): string {
  return flavour === 'spreadsheet' ? guardCell(text) : text
}

/**
 * csv-stringify's options for a flavour. A bare LF or CR inside a cell is
 * quoted in both: csv-stringify quotes only cells holding the whole record
 * delimiter (CRLF), so a description typed with line breaks split its row.
 * Spreadsheets get every cell quoted, so no list separator splits a cell
 * ("Acme;=cmd|…" was a formula where ';' separates lists).
 */
export function stringifyOptions(flavour: CsvFlavour): Options {
  return flavour === 'spreadsheet' ? { quoted: true, quoted_match: /[\r\n]/ } : { quoted_match: /[\r\n]/ }
}

/**
 * How a CSV export is written. "spreadsheet" is for Excel, LibreOffice and
 * Numbers: every cell quoted (so no list separator, comma or semicolon, splits
 * one) and a cell a spreadsheet would run as a formula (= + - @ tab CR first)
 * written with a leading apostrophe, which Field CRM's import takes off again.
 * "plain" is for programs and other CRMs: every value exactly as stored
 * ("+1 555" stays "+1 555"), quoted only where CSV needs it. Its schema,
 * csvFlavour, is in fields.ts: the renderer's first bundle shows these texts
 * and builds no schema.
 */
export const CSV_FLAVOURS = ['spreadsheet', 'plain'] as const
export type CsvFlavour = (typeof CSV_FLAVOURS)[number]

/** What the UI calls each flavour, and what it says about it. */
export const CSV_FLAVOUR_TEXT: Readonly<Record<CsvFlavour, { label: string; hint: string }>> = Object.freeze({
  spreadsheet: {
    label: 'For spreadsheets',
    hint: 'Safe to open in Excel or LibreOffice: a cell starting with = + - or @ gets a leading apostrophe, so it is never run as a formula.',
  },
  plain: {
    label: 'Plain data (exact)',
    hint: 'Every value exactly as stored, for other programs and CRMs. Do not open it in a spreadsheet: a cell starting with = could run as a formula.',
  },
})

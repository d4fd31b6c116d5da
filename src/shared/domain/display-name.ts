// A name from outside (a server's file name, an old or restored database) as
// it may be shown: without control characters, which can break a line or a
// label, and without bidirectional controls, which can make "invoice‮gpj.exe"
// read as "invoiceexe.jpg". Used by the main process for what it answers and
// by the renderer for what it shows, whatever the stored name holds.

// C0 and C1 controls, DEL, the Arabic letter mark, the left-to-right and right-to-left marks,
// the bidi embeddings and overrides (U+202A–E) and the bidi isolates (U+2066–9).
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** `name` without control or bidirectional-control characters ("file" when nothing is left). */
export function displayFileName(name: string): string {
  return name.replace(UNSAFE_IN_NAMES, '').trim() || 'file'
}

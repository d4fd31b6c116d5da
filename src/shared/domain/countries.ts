// Country names as the user's display reads them, from the ISO-3166 alpha-2
// code stored on an address. Apart from the field schemas (fields.ts) so that
// the renderer's start-up bundle, which shows addresses, does not build them.

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })

/** Whether `code` (two upper-case letters) names a country or region; Intl throws a RangeError on anything else. */
export function isKnownCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && regionNames.of(code) !== undefined
}

/** The country's English name, or the code itself when it names none. */
export function countryName(code: string): string {
  return regionNames.of(code) ?? code
}

// Country names, apart from fields.ts so that the renderer's first chunk can
// show an address without loading zod (fields.ts's schemas need it).

export const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })

export function countryName(code: string): string {
  return regionNames.of(code) ?? code
}

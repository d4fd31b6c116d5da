// A real, minimal PDF for tests: each page is a coloured rectangle with a line
// of text in Helvetica, with a correct cross-reference table, so a reader that
// takes nothing on trust draws it.

type Rgb = readonly [number, number, number]

export interface PdfPage {
  /** Fill colour of the rectangle covering the middle of the page, each 0..1. */
  colour: Rgb
  text: string
}

export function buildPdf(pages: readonly PdfPage[], size: { width: number; height: number } = { width: 400, height: 300 }): Buffer {
  const objects: string[] = []
  const add = (body: string) => objects.push(body)
  const pageIds = pages.map((_, i) => 4 + i * 2)
  add('<< /Type /Catalog /Pages 2 0 R >>')
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`)
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
  for (const [i, page] of pages.entries()) {
    const { width: w, height: h } = size
    const stream = `${page.colour.join(' ')} rg ${w * 0.1} ${h * 0.2} ${w * 0.8} ${h * 0.6} re f BT /F1 18 Tf 20 20 Td (${page.text.replace(/[()\\]/g, '\\$&')}) Tj ET`
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`)
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`)
  }
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'))
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(out, 'latin1')
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

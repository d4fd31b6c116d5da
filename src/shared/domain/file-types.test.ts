import { describe, expect, it } from 'vitest'
import { fileTypeName } from './file-types'

describe('file type names', () => {
  it('names the common office, image and archive types', () => {
    expect(fileTypeName('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Q3.xlsx')).toBe('Excel spreadsheet')
    expect(fileTypeName('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'offer.docx')).toBe('Word document')
    expect(fileTypeName('application/pdf', 'offer.pdf')).toBe('PDF')
    expect(fileTypeName('image/png', 'logo.png')).toBe('PNG image')
    expect(fileTypeName('IMAGE/JPEG', 'site.JPG')).toBe('JPEG image')
    expect(fileTypeName('text/csv; charset=utf-8', 'leads.csv')).toBe('CSV file')
  })

  it('falls back to the extension, and to "File" when there is none or it is not one', () => {
    expect(fileTypeName('application/octet-stream', 'drawing.dwg')).toBe('DWG file')
    expect(fileTypeName('application/octet-stream', 'README')).toBe('File')
    expect(fileTypeName('application/octet-stream', '.bashrc')).toBe('File')
    expect(fileTypeName('application/octet-stream', 'a.<script>')).toBe('File')
  })
})

import { describe, expect, it } from 'vitest'
import { sniffImageType, sniffInlineType } from './image-sniff'

const bytes = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex')
const text = (s: string) => Buffer.from(s, 'latin1')

describe('image sniffing', () => {
  it('knows each raster type by its signature', () => {
    expect(sniffImageType(bytes('89504e47 0d0a1a0a 0000000d 49484452'))).toBe('image/png')
    expect(sniffImageType(bytes('ffd8ffe0 00104a46 4946'))).toBe('image/jpeg')
    expect(sniffImageType(text('GIF89a\x01\x00\x01\x00'))).toBe('image/gif')
    expect(sniffImageType(text('RIFF\x24\x00\x00\x00WEBPVP8 '))).toBe('image/webp')
    expect(sniffImageType(text('\x00\x00\x00\x1cftypavif\x00\x00\x00\x00'))).toBe('image/avif')
    expect(sniffImageType(text('BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00'))).toBe('image/bmp')
  })

  it('refuses SVG, HTML, PDF, truncated signatures and nothing', () => {
    for (const head of ['<svg xmlns="http://www.w3.org/2000/svg">', '<!doctype html><script>', '%PDF-1.7', 'GIF8', 'RIFF\x00\x00\x00\x00WAVE', 'BM', '']) {
      expect(sniffImageType(text(head)), JSON.stringify(head)).toBeUndefined()
    }
    expect(sniffImageType(bytes('89504e47 0d0a1a'))).toBeUndefined()
  })

  it('knows a PDF only by a header at its very start, and an image still as the image', () => {
    expect(sniffInlineType(text('%PDF-1.7\n%\xe2\xe3'))).toBe('application/pdf')
    expect(sniffInlineType(bytes('89504e47 0d0a1a0a 0000000d 49484452'))).toBe('image/png')
    for (const head of [' %PDF-1.7', '%PDF', '%!PS-Adobe-3.0', '<html>%PDF-1.7', '']) {
      expect(sniffInlineType(text(head)), JSON.stringify(head)).toBeUndefined()
    }
  })
})

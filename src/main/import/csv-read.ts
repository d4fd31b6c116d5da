import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { Transform } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { MAX_COLUMNS } from '../../shared/domain/import'
import { AppError } from '../../shared/ipc/errors'

// Reads a user's CSV file as a stream of rows: a file of any size uses a small,
// fixed amount of memory. Text must be UTF-8 (with or without a byte-order
// mark) or UTF-16 with its mark; anything else is refused with a clear message
// rather than imported as mojibake.

/** A longer row is not a CRM record; the limit also stops one endless quoted cell from filling memory. */
const MAX_ROW_CHARS = 1_000_000
const SNIFF_BYTES = 64 * 1024

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be'

export interface CsvRow {
  cells: string[]
  /** The row's number as a spreadsheet shows it: the first line of the file is row 1. */
  row: number
}

export interface CsvFile {
  path: string
  name: string
  size: number
  delimiter: string
  /** Rows in order; throws AppError('invalid_input') on text that is not CSV. */
  rows(onBytes?: (bytesRead: number) => void): AsyncGenerator<CsvRow>
}

const notText = (name: string) =>
  new AppError('invalid_input', `${name} is not a text CSV file; save it as "CSV UTF-8" and try again`, { source_path: ['Not UTF-8 or UTF-16 text'] })

const utf32 = (name: string) =>
  new AppError('invalid_input', `${name} is UTF-32 text, which Field CRM does not read; save it as "CSV UTF-8" and try again`, { source_path: ['UTF-32 text'] })

/** The encoding its byte-order mark names; UTF-32's marks are refused (UTF-32LE's begins like UTF-16LE's). */
function encodingOf(head: Buffer, name: string): Encoding {
  if (head.length >= 4 && head.readUInt32LE(0) === 0x0000feff) throw utf32(name)
  if (head.length >= 4 && head.readUInt32BE(0) === 0x0000feff) throw utf32(name)
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le'
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be'
  return 'utf-8'
}

/** The separator the first line uses most: comma, semicolon (European spreadsheets) or tab. */
function sniffDelimiter(firstLine: string, path: string): string {
  if (/\.tsv$/i.test(path)) return '\t'
  let best = ','
  let bestCount = 0
  for (const candidate of [',', ';', '\t']) {
    let count = 0
    let quoted = false
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted
      else if (ch === candidate && !quoted) count++
    }
    if (count > bestCount) {
      best = candidate
      bestCount = count
    }
  }
  return best
}

/** Decodes bytes to text, failing on the first byte that is not valid in the encoding. */
function decoder(encoding: Encoding, name: string, onBytes?: (n: number) => void): Transform {
  const text = new TextDecoder(encoding, { fatal: true })
  let bytes = 0
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length
      onBytes?.(bytes)
      try {
        done(null, text.decode(chunk, { stream: true }))
      } catch {
        done(notText(name))
      }
    },
    flush(done) {
      try {
        done(null, text.decode())
      } catch {
        done(notText(name))
      }
    },
  })
}

function csvProblem(error: unknown, name: string): AppError {
  if (error instanceof AppError) return error
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines
    const where = line ? ` near line ${line}` : ''
    const reason =
      error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted cell is never closed'
      : error.code === 'CSV_MAX_RECORD_SIZE' ? 'a row is far too long'
      : 'the text is not valid CSV'
    return new AppError('invalid_input', `${name} could not be read${where}: ${reason}`, { source_path: [reason] })
  }
  return new AppError('io', `${name} could not be read: ${(error as Error).message}`, { source_path: ['Could not be read'] })
}

/** Checks the file and sniffs its encoding and separator; the rows are read later, on demand. */
export async function openCsv(path: string): Promise<CsvFile> {
  const name = basename(path)
  let info
  try {
    info = await stat(path)
  } catch {
    throw new AppError('io', `The file ${name} could not be read`, { source_path: ['File not found or not readable'] })
  }
  if (!info.isFile()) throw new AppError('invalid_input', `${name} is not a file`, { source_path: ['Not a regular file'] })

  const head = Buffer.alloc(Math.min(SNIFF_BYTES, info.size))
  const handle = await open(path, 'r').catch(() => {
    throw new AppError('io', `The file ${name} could not be read`, { source_path: ['Not readable'] })
  })
  try {
    await handle.read(head, 0, head.length, 0)
  } finally {
    await handle.close()
  }
  const encoding = encodingOf(head, name)
  // NUL never appears in UTF-8 text; in UTF-16 it is half of every ASCII character.
  if (encoding === 'utf-8' && head.includes(0)) throw notText(name)
  let sniffed: string
  try {
    sniffed = new TextDecoder(encoding).decode(head)
  } catch {
    throw notText(name)
  }
  const delimiter = sniffDelimiter(sniffed.split(/\r?\n/, 1)[0] ?? '', path)

  return {
    path,
    name,
    size: info.size,
    delimiter,
    async *rows(onBytes) {
      const parser = parse({
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: MAX_ROW_CHARS,
        bom: true,
      })
      const source = createReadStream(path)
      const text = decoder(encoding, name, onBytes)
      // Errors of the file or the decoder end the parser, so the loop below sees them.
      source.on('error', (e) => parser.destroy(csvProblem(e, name)))
      text.on('error', (e) => parser.destroy(csvProblem(e, name)))
      source.pipe(text).pipe(parser)
      // Counted here: the parser's own counters run ahead of the rows this loop has taken.
      let row = 0
      try {
        for await (const cells of parser as AsyncIterable<string[]>) {
          row++
          // Spreadsheets export rows of bare delimiters (";;;;") below the data: no record, so no error either.
          if (cells.every((c) => c.trim() === '')) continue
          if (cells.length > MAX_COLUMNS) {
            throw new AppError('invalid_input', `${name} has more than ${MAX_COLUMNS} columns in row ${row}`, { source_path: ['Too many columns'] })
          }
          yield { cells, row }
        }
      } catch (error) {
        throw csvProblem(error, name)
      } finally {
        source.destroy()
        text.destroy()
        parser.destroy()
      }
    },
  }
}

import type { Readable } from 'node:stream'

/**
 * Calls `onLine` with each complete line a child process writes. A last line
 * without its newline (cut by a kill) is never passed on: what a child
 * reported is only what it finished writing.
 */
export function eachLine(stream: Readable, onLine: (line: string) => void): void {
  let buffered = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) onLine(line)
  })
}

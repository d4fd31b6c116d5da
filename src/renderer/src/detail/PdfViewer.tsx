import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist/legacy/build/pdf.mjs'
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'

// A PDF attachment read by pdf.js (loaded only when a PDF is first previewed):
// the bytes come from app://crm/attachments/<id> as data, are parsed in a
// worker from the app's own files (the CSP's script-src 'self'), and one page
// at a time is drawn on a canvas. Nothing in the file runs: pdf.js has no
// scripting here, and no WebAssembly (the CSP allows none), so the rare image
// formats that need it are left blank rather than the policy loosened.
// The legacy build runs on the Chromium of the Electron version we ship.

GlobalWorkerOptions.workerSrc = workerUrl

/** Pixels a page's canvas may have at most: a page declared a metre wide must not take the memory of a poster. */
const MAX_CANVAS_PIXELS = 16_000_000

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; pdf: PDFDocumentProxy }

function failureMessage(status: number): string {
  if (status === 413) return 'This PDF is too large to preview here.'
  if (status === 404) return 'The file is not on this computer.'
  return 'This file is not a PDF that can be shown here.'
}

async function loadPdf(id: string, signal: AbortSignal): Promise<PDFDocumentProxy> {
  const response = await fetch(`/attachments/${id}`, { signal })
  if (!response.ok) throw new Error(failureMessage(response.status))
  const data = new Uint8Array(await response.arrayBuffer())
  const task = getDocument({ data, useWasm: false, useWorkerFetch: false, enableXfa: false, maxImageSize: MAX_CANVAS_PIXELS, verbosity: 0 })
  signal.addEventListener('abort', () => void task.destroy())
  try {
    return await task.promise
  } catch (error) {
    const name = (error as { name?: string }).name
    if (name === 'PasswordException') throw new Error('This PDF is protected by a password.', { cause: error })
    throw new Error('This PDF could not be read.', { cause: error })
  }
}

export default function PdfViewer({ attachmentId, fileName }: { attachmentId: string; fileName: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' })
  const [pageNumber, setPageNumber] = useState(1)
  const [drawn, setDrawn] = useState(0)
  const canvas = useRef<HTMLCanvasElement>(null)
  const viewer = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const abort = new AbortController()
    let pdf: PDFDocumentProxy | undefined
    loadPdf(attachmentId, abort.signal).then(
      (p) => {
        pdf = p
        if (!abort.signal.aborted) setLoaded({ state: 'ready', pdf: p })
      },
      (error: Error) => !abort.signal.aborted && setLoaded({ state: 'failed', message: error.message }),
    )
    return () => {
      abort.abort()
      void pdf?.loadingTask.destroy()
    }
  }, [attachmentId])

  const pdf = loaded.state === 'ready' ? loaded.pdf : undefined
  // The reader arrives after the dialog took focus; the arrow keys turn pages once it holds it.
  useEffect(() => {
    if (pdf) viewer.current?.focus()
  }, [pdf])
  useEffect(() => {
    if (!pdf || !canvas.current) return
    let task: RenderTask | undefined
    let cancelled = false
    void (async () => {
      const page = await pdf.getPage(pageNumber)
      if (cancelled || !canvas.current) return
      const natural = page.getViewport({ scale: 1 })
      // The whole page in the dialog, sharp on a high-density screen, never more pixels than the cap.
      const fit = Math.min(Math.min(900, window.innerWidth - 96) / natural.width, Math.max(200, window.innerHeight - 190) / natural.height)
      const density = Math.min(window.devicePixelRatio || 1, 2)
      const scale = Math.min(fit * density, Math.sqrt(MAX_CANVAS_PIXELS / (natural.width * natural.height)))
      const viewport = page.getViewport({ scale })
      const c = canvas.current
      c.width = Math.floor(viewport.width)
      c.height = Math.floor(viewport.height)
      c.style.width = `${Math.floor(viewport.width / density)}px`
      task = page.render({ canvas: c, viewport })
      await task.promise
      if (!cancelled) setDrawn(pageNumber)
    })().catch((error: { name?: string }) => {
      if (error.name !== 'RenderingCancelledException' && !cancelled) setLoaded({ state: 'failed', message: 'This page of the PDF could not be drawn.' })
    })
    return () => {
      cancelled = true
      task?.cancel()
    }
  }, [pdf, pageNumber])

  if (loaded.state === 'failed') {
    return (
      <p className="pdf-viewer-message" role="alert">
        {loaded.message} Use Open to read it with your PDF program.
      </p>
    )
  }
  const pages = pdf?.numPages ?? 0
  const go = (n: number) => setPageNumber(Math.max(1, Math.min(pages, n)))
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'PageDown') go(pageNumber + 1)
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') go(pageNumber - 1)
    else if (e.key === 'Home') go(1)
    else if (e.key === 'End') go(pages)
    else return
    e.preventDefault()
  }
  return (
    <div className="pdf-viewer" ref={viewer} tabIndex={-1} aria-label={`${fileName}, use the arrow keys to turn pages`} onKeyDown={onKeyDown}>
      <div className="pdf-viewer-bar">
        <button type="button" className="ghost small" disabled={pageNumber <= 1} onClick={() => go(pageNumber - 1)}>
          Previous page
        </button>
        <span aria-live="polite">{pdf ? `Page ${pageNumber} of ${pages}` : 'Loading…'}</span>
        <button type="button" className="ghost small" disabled={pageNumber >= pages} onClick={() => go(pageNumber + 1)}>
          Next page
        </button>
      </div>
      <div className="pdf-viewer-page">
        <canvas ref={canvas} role="img" aria-label={`Page ${pageNumber} of ${fileName}`} data-drawn-page={drawn || undefined} hidden={!pdf} />
      </div>
    </div>
  )
}

import { lazy, Suspense, useState } from 'react'
import { INLINE_DOCUMENT_TYPES, INLINE_IMAGE_TYPES, PDF_PREVIEW_MAX_BYTES } from '../../../shared/domain/file-types'
import type { Attachment } from '../../../shared/domain/records'
import { displayFileName } from '../../../shared/domain/display-name'
import { Modal } from '../ui/Modal'

// A thumbnail of an image attachment in the timeline, and the image at full
// size in a viewer when it is clicked; a PDF gets a Preview button and is read
// in the page by pdf.js (PdfViewer, loaded on first use). The bytes come from
// the app's own protocol (app://crm/attachments/<id>, security/attachment-url.ts),
// which serves only raster images and PDFs whose first bytes say so: anything
// it refuses leaves no thumbnail, or a message in the PDF viewer. Other files
// are opened with their program.

const PdfViewer = lazy(() => import('./PdfViewer'))

export function AttachmentPreview({ attachment: a }: { attachment: Attachment }) {
  const [failed, setFailed] = useState(false)
  const [viewing, setViewing] = useState(false)
  const name = displayFileName(a.file_name)
  if (INLINE_DOCUMENT_TYPES.has(a.mime_type) && a.size <= PDF_PREVIEW_MAX_BYTES) {
    return (
      <>
        <button type="button" className="ghost small attachment-preview-button" aria-label={`Preview ${name}`} onClick={() => setViewing(true)}>
          Preview
        </button>
        {viewing && (
          <Modal title={name} onClose={() => setViewing(false)} className="document-viewer">
            <Suspense fallback={<p className="muted pdf-viewer-message">Loading the PDF reader…</p>}>
              <PdfViewer attachmentId={a.id} fileName={name} />
            </Suspense>
          </Modal>
        )}
      </>
    )
  }
  if (!INLINE_IMAGE_TYPES.has(a.mime_type) || failed) return null
  // Relative to the page's own origin: app://crm/attachments/<id> in the app.
  const src = `/attachments/${a.id}`
  return (
    <>
      <button type="button" className="attachment-thumb" aria-label={`Preview ${name}`} onClick={() => setViewing(true)}>
        <img src={src} alt="" loading="lazy" decoding="async" onError={() => setFailed(true)} />
      </button>
      {viewing && (
        <Modal title={name} onClose={() => setViewing(false)} className="image-viewer">
          <img src={src} alt={name} />
        </Modal>
      )}
    </>
  )
}

import { useState } from 'react'
import { INLINE_IMAGE_TYPES } from '../../../shared/domain/file-types'
import type { Attachment } from '../../../shared/domain/records'
import { Modal } from '../ui/Modal'

// A thumbnail of an image attachment in the timeline, and the image at full
// size in a viewer when it is clicked. The bytes come from the app's own
// protocol (app://crm/attachments/<id>, security/attachment-url.ts), which
// serves only raster images whose first bytes say so: anything it refuses
// leaves no thumbnail. PDFs and other files are opened with their program.

export function AttachmentPreview({ attachment: a }: { attachment: Attachment }) {
  const [failed, setFailed] = useState(false)
  const [viewing, setViewing] = useState(false)
  if (!INLINE_IMAGE_TYPES.has(a.mime_type) || failed) return null
  // Relative to the page's own origin: app://crm/attachments/<id> in the app.
  const src = `/attachments/${a.id}`
  return (
    <>
      <button type="button" className="attachment-thumb" aria-label={`Preview ${a.file_name}`} onClick={() => setViewing(true)}>
        <img src={src} alt="" loading="lazy" decoding="async" onError={() => setFailed(true)} />
      </button>
      {viewing && (
        <Modal title={a.file_name} onClose={() => setViewing(false)} className="image-viewer">
          <img src={src} alt={a.file_name} />
        </Modal>
      )}
    </>
  )
}

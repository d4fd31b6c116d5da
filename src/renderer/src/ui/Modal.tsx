import { useEffect, useId, useRef, type ReactNode } from 'react'

// A modal built on <dialog>: the browser traps focus, Escape closes it, and
// the page behind it is inert.

interface Props {
  title: string
  onClose(): void
  children: ReactNode
  className?: string
}

export function Modal({ title, onClose, children, className = '' }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const close = useRef(onClose)
  useEffect(() => {
    close.current = onClose
  })
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement as HTMLElement | null
    dialog.showModal()
    // showModal() focuses the first focusable element (the Close button); the
    // first field, or the element marked data-autofocus, is the better start.
    dialog.querySelector<HTMLElement>('[data-autofocus], input, textarea, select')?.focus()
    const onCancel = (e: Event) => {
      e.preventDefault()
      close.current()
    }
    dialog.addEventListener('cancel', onCancel)
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      dialog.close()
      opener?.focus?.()
    }
  }, [])
  return (
    <dialog ref={ref} className={`modal ${className}`} aria-labelledby={titleId}>
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="ghost icon" aria-label="Close" onClick={() => close.current()}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  )
}

export function ConfirmDialog(props: { title: string; message: string; confirm: string; cancel?: string; onConfirm(): void; onCancel(): void }) {
  return (
    <Modal title={props.title} onClose={props.onCancel} className="confirm">
      <p>{props.message}</p>
      <div className="modal-actions">
        <button type="button" onClick={props.onCancel} data-autofocus>
          {props.cancel ?? 'Cancel'}
        </button>
        <button type="button" className="danger" onClick={props.onConfirm}>
          {props.confirm}
        </button>
      </div>
    </Modal>
  )
}

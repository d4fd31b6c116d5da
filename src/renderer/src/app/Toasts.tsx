import { useToasts } from './toasts'

export function Toasts() {
  const { toasts, dismiss } = useToasts()
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
          <span>{t.message}</span>
          {t.undo && (
            <button
              type="button"
              className="toast-undo"
              onClick={() => {
                t.undo!()
                dismiss(t.id)
              }}
            >
              Undo
            </button>
          )}
          <button type="button" className="ghost icon" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}

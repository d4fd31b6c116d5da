import { formatCount } from '../app/format'
import { useUi } from '../app/ui'
import { Modal } from '../ui/Modal'
import { commitDelete } from './delete-record'
import { impactLines } from './delete-impact'

/** Asks before an account's delete takes other records with it, listing what goes and what stays. */
export function ConfirmAccountDelete() {
  const pending = useUi((s) => s.confirmDelete)
  if (!pending) return null
  const { record, impact } = pending
  const cancel = () => useUi.getState().set({ confirmDelete: null })
  const confirm = () => {
    useUi.getState().set({ confirmDelete: null })
    commitDelete(record, impact)
  }
  return (
    <Modal title={`Delete “${record.title}”?`} onClose={cancel} className="confirm">
      <p>Deleting this account also changes other records:</p>
      <ul className="impact-list">
        {impactLines(impact).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="muted">You can undo for a few seconds after deleting.</p>
      <div className="modal-actions">
        <button type="button" onClick={cancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={confirm}>
          {impact.cases ? `Delete account and ${formatCount(impact.cases)} ${impact.cases === 1 ? 'case' : 'cases'}` : 'Delete account'}
        </button>
      </div>
    </Modal>
  )
}

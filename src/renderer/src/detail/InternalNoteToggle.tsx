/**
 * The "Internal note" switch of a case's comment box. Internal notes are kept
 * apart from the case's comments; on the server everyone who can read the case
 * sees them too (there is no customer view), which the hint says.
 */
export function InternalNoteToggle({ checked, onChange }: { checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="internal-toggle" title="Kept apart from the case's comments; everyone who can open the case can read it">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Internal note
    </label>
  )
}

import { useCallback, useEffect, useState } from 'react'
import { dataChanged } from '../app/data-version'
import { personName } from '../app/format'
import { useLookups } from '../app/lookups'
import { useNav } from '../app/navigation'
import { formErrors } from '../app/result'
import { notify } from '../app/toasts'
import { useUi, type FormRequest } from '../app/ui'
import { AccountPicker, type AccountRef } from '../ui/AccountPicker'
import { Modal } from '../ui/Modal'
import { ErrorState, Loading } from '../ui/states'
import { changed, issuesToErrors, toPayload, type FormValues } from './fields'
import { FieldInput, IdChoices } from './FieldInput'
import { blankValues, FORM_CONFIGS } from './form-configs'
import { TagChoices } from './TagChoices'
import { shortcutLabel } from '../app/accelerator'
import { answerInTime } from '../app/answer-in-time'
import { ConfirmDialog } from '../ui/Modal'

// Create and edit, for every record type. Inline errors come first from the
// shared schemas (the main process's own rules), then from the main process's
// answer (Result.error.fields). The typed values stay put until a save works,
// also when the save fails outright or never answers; closing a form with
// changes asks first.

const RELATION_KEYS = ['account_id', 'contact_ids', 'tag_ids', 'assignee_ids', 'team_ids']

export function RecordForm({ request }: { request: FormRequest }) {
  const config = FORM_CONFIGS[request.kind]
  const lookups = useLookups()
  const [values, setValues] = useState<FormValues | null>(request.mode === 'create' ? blankValues(config, request.defaults) : null)
  // What the form showed when it opened: any difference is something typed that closing would lose.
  const [start, setStart] = useState<FormValues | null>(values)
  const [confirmDiscard, setConfirmDiscard] = useState(false)
  const [initial, setInitial] = useState<Record<string, unknown>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [loadError, setLoadError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const editId = request.mode === 'edit' ? request.id : null

  useEffect(() => {
    if (!editId) return
    void config.load(editId).then((r) => {
      if (!r.ok) return setLoadError(r.error.message)
      setValues(r.value)
      setStart(r.value)
      setInitial(toPayload(config.fields, r.value, relationKeys()))
    })
  }, [config, editId]) // eslint-disable-line react-hooks/exhaustive-deps

  function relationKeys() {
    return RELATION_KEYS.filter((k) => (k === 'account_id' ? config.relations.account : k === 'contact_ids' ? config.relations.contacts : true))
  }

  const close = useCallback(() => useUi.getState().set({ form: null }), [])
  const edited = values !== null && JSON.stringify(values) !== JSON.stringify(start)
  const cancel = () => (edited ? setConfirmDiscard(true) : close())

  const save = useCallback(async () => {
    if (!values || saving) return
    const payload = toPayload(config.fields, values, relationKeys())
    const checked = config.schema.safeParse(payload)
    if (!checked.success) {
      setErrors(issuesToErrors(checked.error))
      focusFirstError()
      return
    }
    setSaving(true)
    const r = await answerInTime<{ id: string }>(() => (editId ? config.update(editId, changed(payload, initial)) : config.create(payload)), {
      onLate: () => {
        dataChanged()
        notify(`“${config.titleOf(values)}” was saved after all`)
      },
    })
    setSaving(false)
    if (!r.ok) {
      const fields = formErrors(r.error)
      setErrors(Object.keys(fields).length ? fields : { _: r.error.message })
      focusFirstError()
      return
    }
    close()
    dataChanged()
    notify(editId ? `Saved “${config.titleOf(values)}”` : `Created ${config.noun} “${config.titleOf(values)}”`)
    if (!editId) useNav.getState().open(request.kind, r.value.id)
  }, [values, saving, config, editId, initial, close, request.kind]) // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    useUi.getState().set({ save: () => void save() })
    return () => useUi.getState().set({ save: null })
  }, [save])

  function set(name: string, value: FormValues[string]) {
    setValues((v) => (v ? { ...v, [name]: value } : v))
    if (errors[name]) setErrors(({ [name]: _, ...rest }) => rest)
  }

  const title = editId ? `Edit ${config.noun}` : `New ${config.noun}`
  const formError = errors['_']
  return (
    <Modal title={title} onClose={cancel} className="form-modal">
      {loadError ? (
        <ErrorState message={loadError} />
      ) : !values ? (
        <Loading />
      ) : (
        <form
          noValidate
          aria-label={title}
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <div className="form-grid">
            {config.fields.map((spec, i) => (
              <FieldInput key={spec.name} spec={spec} values={values} error={errors[spec.name]} onChange={set} autoFocus={i === 0} />
            ))}
            {config.relations.account && (
              <div className="field wide">
                <AccountPicker
                  label="Account"
                  value={values['account_id'] as AccountRef | null}
                  error={errors['account_id']}
                  onChange={(a) => {
                    set('account_id', a)
                    if (config.relations.contacts) set('contact_ids', [])
                  }}
                />
              </div>
            )}
            {config.relations.contacts && (
              <CaseContacts account={values['account_id'] as AccountRef | null} value={values['contact_ids'] as string[]} onChange={(ids) => set('contact_ids', ids)} error={errors['contact_ids']} />
            )}
            <TagChoices value={values['tag_ids'] as string[]} onChange={(ids) => set('tag_ids', ids)} error={errors['tag_ids']} />
            <IdChoices
              legend="Assigned to"
              options={(lookups?.users ?? []).map((u) => ({ id: u.id, label: u.name }))}
              value={values['assignee_ids'] as string[]}
              onChange={(ids) => set('assignee_ids', ids)}
              error={errors['assignee_ids']}
              empty="No users."
            />
            <IdChoices
              legend="Teams"
              options={(lookups?.teams ?? []).map((t) => ({ id: t.id, label: t.name }))}
              value={values['team_ids'] as string[]}
              onChange={(ids) => set('team_ids', ids)}
              error={errors['team_ids']}
              empty="No teams."
            />
          </div>
          {formError && (
            <p className="form-error" role="alert">
              {formError}
            </p>
          )}
          {Object.keys(errors).length > 0 && !formError && (
            <p className="form-error" role="alert">
              Please correct the highlighted fields.
            </p>
          )}
          <div className="modal-actions">
            <button type="button" onClick={cancel}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={saving} title={shortcutLabel('CmdOrCtrl+S')}>
              {saving ? 'Saving…' : editId ? 'Save changes' : `Create ${config.noun}`}
            </button>
          </div>
        </form>
      )}
      {confirmDiscard && (
        <ConfirmDialog
          title="Discard your changes?"
          message="What you typed in this form has not been saved."
          confirm="Discard changes"
          cancel="Keep editing"
          onCancel={() => setConfirmDiscard(false)}
          onConfirm={close}
        />
      )}
    </Modal>
  )
}

function focusFirstError() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.form-modal [aria-invalid="true"]')?.focus())
}

function CaseContacts({ account, value, onChange, error }: { account: AccountRef | null; value: string[]; onChange(ids: string[]): void; error?: string | undefined }) {
  const [options, setOptions] = useState<{ id: string; label: string }[]>([])
  const accountId = account?.id
  useEffect(() => {
    if (!accountId) return
    void window.crm.contacts.list({ account_id: accountId, limit: 200, state: 'all' }).then((r) => {
      if (r.ok) setOptions(r.value.items.map((c) => ({ id: c.id, label: personName(c) })))
    })
  }, [accountId])
  return (
    <IdChoices
      legend="Contacts"
      options={accountId ? options : []}
      value={value}
      onChange={onChange}
      error={error}
      empty={accountId ? 'This account has no contacts yet.' : 'Choose an account to pick its contacts.'}
    />
  )
}

import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import type { AccountListItem } from '../../shared/domain/records'

function AccountList() {
  const [accounts, setAccounts] = useState<AccountListItem[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void window.crm.accounts.list({}).then((r) => (r.ok ? setAccounts(r.value.items) : setError(r.error.message)))
  }, [])
  if (error) return <p role="alert">{error}</p>
  return (
    <main>
      <h1>Accounts</h1>
      <ul aria-label="Accounts">
        {accounts.map((a) => (
          <li key={a.id}>{a.name}</li>
        ))}
      </ul>
    </main>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AccountList />
  </StrictMode>,
)

// First: zod told not to probe for eval (refused by the CSP), then Home's data asked for before anything else of the page runs (see early-summary.ts).
import './app/zod-without-eval'
import './home/early-summary'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import './styles/app.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

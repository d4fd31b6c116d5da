import { defineConfig } from '@playwright/test'
import base from './playwright.config'

// `npm run screenshots`: writes docs/screenshots/*.png from demo data.
export default defineConfig({
  ...base,
  testMatch: '**/*.shot.ts',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  use: { ...base.use, viewport: { width: 1280, height: 780 }, deviceScaleFactor: 1 },
})

import { useEffect } from 'react'
import { create } from 'zustand'
import type { Lookups } from '../../../shared/domain/records'
import { useDataVersion } from './data-version'

// Users, teams and tags: small lists every filter and form needs.

interface LookupState { lookups: Lookups | null; error: string | null }
export const useLookupStore = create<LookupState>(() => ({ lookups: null, error: null }))

export function useLookupsLoader(): void {
  const version = useDataVersion((s) => s.version)
  useEffect(() => {
    void window.crm.lookups.get().then((r) => useLookupStore.setState(r.ok ? { lookups: r.value, error: null } : { error: r.error.message }))
  }, [version])
}

export const useLookups = () => useLookupStore((s) => s.lookups)

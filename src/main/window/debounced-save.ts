/** A save that waits for a pause in changes (a window dragged fires 'move' many times a second). */
export interface DebouncedSave {
  /** Something changed: save once nothing has changed for the delay. */
  changed(): void
  /** Save now, instead of any waiting save (the window is closing). */
  flush(): void
}

export function debouncedSave(save: () => void, delayMs: number): DebouncedSave {
  let timer: ReturnType<typeof setTimeout> | null = null
  const run = () => {
    timer = null
    save()
  }
  return {
    changed() {
      if (timer) clearTimeout(timer)
      timer = setTimeout(run, delayMs)
    },
    flush() {
      if (timer) clearTimeout(timer)
      run()
    },
  }
}

// Offline edits are kept in this browser's IndexedDB, one database per person
// and document, until the server has them. After logging out nothing of a
// document stays behind on the device (municipal desks are often shared).
import { useEffect } from 'react'

const PREFIX = 'peloton-doc-'

export function localCopyName(userId: string, docId: string): string {
  return `${PREFIX}${userId}-${docId}`
}

async function forgetLocalCopies(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return
  for (const db of await indexedDB.databases()) {
    if (db.name?.startsWith(PREFIX)) indexedDB.deleteDatabase(db.name)
  }
}

/** In the root: once nobody is logged in, the local copies go. */
export function useForgetLocalCopiesWhenLoggedOut(loggedIn: boolean): void {
  useEffect(() => {
    if (!loggedIn) void forgetLocalCopies().catch(() => undefined)
  }, [loggedIn])
}

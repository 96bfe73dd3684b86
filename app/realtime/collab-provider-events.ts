// What the CollabProvider tells its editor: the states it reports and a small
// typed event emitter for them (isomorphic: the browser and Node).
import type { CollabErrorCode, CollabRole, JoinErrorCode } from './protocol'

export type SaveState = 'saving' | 'saved' | 'offline' | 'error'
export type ConnectionStatus = 'connecting' | 'connected' | 'offline'
export type ProviderError = { code: JoinErrorCode | CollabErrorCode | 'unauthorized' | 'write_failed' }

export interface ProviderEvents {
  status: (status: ConnectionStatus) => void
  'save-state': (state: SaveState) => void
  synced: (synced: boolean) => void
  role: (role: CollabRole) => void
  error: (error: ProviderError) => void
}

export class ProviderEmitter {
  private readonly listeners = new Map<keyof ProviderEvents, Set<(...args: never[]) => void>>()

  /** Returns the function that removes the listener. */
  on<E extends keyof ProviderEvents>(event: E, listener: ProviderEvents[E]): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  }

  protected emit<E extends keyof ProviderEvents>(event: E, ...args: Parameters<ProviderEvents[E]>): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as unknown as (...a: Parameters<ProviderEvents[E]>) => void)(...args)
  }
}

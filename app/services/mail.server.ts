// Placeholder: the mail queue and its worker (being written).
export function startMailWorker(): { stop(): Promise<void> } {
  return { stop: async () => {} }
}

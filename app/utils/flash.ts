// How the outcome of a POST comes back, one rule for the whole app:
// - a form that stays on its page (edit, invite, profile) answers with action
//   data: conform's reply for errors beside the fields, and what was done;
// - a button that posts to an action-only route (join, leave, remove, reply,
//   accept) redirects (Post/Redirect/Get) with `?notice=<name>` when it
//   worked or `?error=<i18n key>` when the domain refused (a UserInputError's
//   code); <Flash> on the page it lands on shows either.

function withParam(path: string, name: 'notice' | 'error', value: string): string {
  const url = new URL(path, 'http://peloton.invalid')
  url.searchParams.set(name, value)
  return `${url.pathname}${url.search}${url.hash}`
}

export function withNotice(path: string, notice: string): string {
  return withParam(path, 'notice', notice)
}

export function withError(path: string, code: string): string {
  return withParam(path, 'error', code)
}

/**
 * The error key a page may show from its query string: only a translated
 * error message (so a crafted link cannot put words on the page), with the
 * parameters `message()` encodes.
 */
export function isErrorKey(code: string, exists: (key: string) => boolean): boolean {
  const [key = ''] = code.split('?')
  return /^([a-z]+\.)?errors\.[A-Za-z.]+$/.test(key) && exists(key)
}

/** `{ joined: 'membership.notices.joined', … }` for <Flash notices={…}>. */
export function noticeKeys(prefix: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, `${prefix}.${name}`]))
}

// A domain error the user can fix: an i18n message key, and the form field it
// belongs to (null for the form as a whole). Routes turn it into an error
// shown beside the field; nothing has been changed when it is thrown.
export class UserInputError extends Error {
  constructor(
    readonly field: string | null,
    readonly code: string,
  ) {
    super(code)
    this.name = 'UserInputError'
  }
}

export function fieldErrorsOf(error: UserInputError): { formErrors?: string[]; fieldErrors?: Record<string, string[]> } {
  return error.field === null ? { formErrors: [error.code] } : { fieldErrors: { [error.field]: [error.code] } }
}

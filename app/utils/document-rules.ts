// Field rules of the document forms, shown by the pages and enforced by the
// service (not .server, so the pages can show the limits).
import { z } from 'zod'
import { message } from './validation'

export const MAX_DOCUMENT_TITLE_LENGTH = 200
export const MAX_VERSION_NAME_LENGTH = 200

export const documentTitleField = z
  .string({ required_error: 'documents.errors.titleRequired' })
  .trim()
  .min(1, 'documents.errors.titleRequired')
  .max(MAX_DOCUMENT_TITLE_LENGTH, message('documents.errors.titleTooLong', { max: MAX_DOCUMENT_TITLE_LENGTH }))

export const versionNameField = z
  .string({ required_error: 'documents.errors.versionNameRequired' })
  .trim()
  .min(1, 'documents.errors.versionNameRequired')
  .max(MAX_VERSION_NAME_LENGTH, message('documents.errors.versionNameTooLong', { max: MAX_VERSION_NAME_LENGTH }))

// Limits and form rules of posts (not .server: the pages show the limits too).
import { z } from 'zod'
import { message } from './validation'

export const THREAD_TITLE_MAX_LENGTH = 200
export const POST_BODY_MAX_LENGTH = 20_000

/** Form rules for a thread's title and any post's body with translated messages. */
export const titleField = z
  .string({ required_error: 'discussions.errors.titleRequired' })
  .trim()
  .min(1, 'discussions.errors.titleRequired')
  .max(THREAD_TITLE_MAX_LENGTH, message('discussions.errors.titleTooLong', { max: THREAD_TITLE_MAX_LENGTH }))

export const bodyField = z
  .string({ required_error: 'discussions.errors.bodyRequired' })
  .trim()
  .min(1, 'discussions.errors.bodyRequired')
  .max(POST_BODY_MAX_LENGTH, message('discussions.errors.bodyTooLong', { max: POST_BODY_MAX_LENGTH }))

// Shows the outcome a redirect carried in `?notice=` or `?error=` (see
// app/utils/flash.ts). Each page names the notices it knows, so an unknown
// name in a crafted link shows nothing.
import { useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { isErrorKey } from '~/utils/flash'
import { FormErrors, StatusMessage } from './form'

export function Flash({ notices }: { notices: Readonly<Record<string, string>> }) {
  const { t, i18n } = useTranslation()
  const [searchParams] = useSearchParams()
  const notice = searchParams.get('notice')
  const error = searchParams.get('error')
  const noticeKey = notice !== null && Object.hasOwn(notices, notice) ? notices[notice] : undefined
  return (
    <>
      {noticeKey ? <StatusMessage>{t(noticeKey)}</StatusMessage> : null}
      {error !== null && isErrorKey(error, (key) => i18n.exists(key)) ? <FormErrors errors={[error]} /> : null}
    </>
  )
}

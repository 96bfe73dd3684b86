import type { MetaFunction } from '@remix-run/node'
import { useTranslation } from 'react-i18next'

export const meta: MetaFunction = () => [{ title: 'Peloton' }]

export default function Index() {
  const { t } = useTranslation()
  return (
    <>
      <h1 className="utrecht-heading-1">{t('landing.title')}</h1>
      <p className="utrecht-paragraph">{t('landing.intro')}</p>
    </>
  )
}

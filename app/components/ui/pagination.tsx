// Previous / page x of y / next, as a labelled navigation landmark.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

interface PaginationProps {
  page: number
  pages: number
  /** The address of a page (keeping the list's filters). */
  link: (page: number) => string
  /** What is being paged, for the landmark's name (e.g. "Leden, paginering"). */
  label: string
}

export function Pagination({ page, pages, link, label }: PaginationProps) {
  const { t } = useTranslation()
  if (pages <= 1) return null
  return (
    <nav aria-label={label} className="peloton-pagination">
      {page > 1 ? (
        <Link className="utrecht-link" to={link(page - 1)} rel="prev">
          {t('pagination.previous')}
        </Link>
      ) : null}
      <span aria-current="page">{t('pagination.page', { page, pages })}</span>
      {page < pages ? (
        <Link className="utrecht-link" to={link(page + 1)} rel="next">
          {t('pagination.next')}
        </Link>
      ) : null}
    </nav>
  )
}

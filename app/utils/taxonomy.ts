// Taxonomy entries carry a Dutch `name` and an English `nameEn`.
import type { Language } from '~/i18n/config'

export interface TaxonomyItem {
  id: string
  slug: string
  name: string
  nameEn: string
}

export function labelOf(item: Pick<TaxonomyItem, 'name' | 'nameEn'>, lng: Language): string {
  return lng === 'en' && item.nameEn ? item.nameEn : item.name
}

export function optionsOf(items: TaxonomyItem[], lng: Language) {
  return items.map((i) => ({ value: i.id, label: labelOf(i, lng) }))
}

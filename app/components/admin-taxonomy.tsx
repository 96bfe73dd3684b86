// One editable taxonomy on /admin: rename, reorder (buttons, not drag), remove
// (refused while in use), add. Plain forms, so it works without JavaScript.
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { EditableTaxonomy } from '~/services/taxonomy.server'

interface Entry {
  id: string
  name: string
  nameEn: string
}

export function AdminTaxonomy({ kind, title, entries }: { kind: EditableTaxonomy; title: string; entries: Entry[] }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby={`tax-${kind}`} className="peloton-admin-taxonomy">
      <h3 id={`tax-${kind}`} className="utrecht-heading-3">
        {title}
      </h3>
      <ol className="peloton-taxonomy-list">
        {entries.map((e, index) => (
          <li key={e.id} className="peloton-taxonomy-item">
            <Form method="post" className="peloton-inline-form">
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="id" value={e.id} />
              <label className="peloton-visually-hidden" htmlFor={`${kind}-${e.id}-name`}>
                {`${t('admin.nameNl')}: ${e.name}`}
              </label>
              <input
                id={`${kind}-${e.id}-name`}
                name="name"
                defaultValue={e.name}
                required
                className="utrecht-textbox utrecht-textbox--html-input"
              />
              <label className="peloton-visually-hidden" htmlFor={`${kind}-${e.id}-nameEn`}>
                {`${t('admin.nameEn')}: ${e.name}`}
              </label>
              <input
                id={`${kind}-${e.id}-nameEn`}
                name="nameEn"
                defaultValue={e.nameEn}
                required
                lang="en"
                className="utrecht-textbox utrecht-textbox--html-input"
              />
              <button
                type="submit"
                name="intent"
                value="renameEntry"
                className="utrecht-button utrecht-button--secondary-action"
                aria-label={`${t('admin.save')}: ${e.name}`}
              >
                {t('admin.save')}
              </button>
            </Form>
            <Form method="post" className="peloton-inline-form">
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="id" value={e.id} />
              <input type="hidden" name="intent" value="moveEntry" />
              <button
                type="submit"
                name="direction"
                value="up"
                disabled={index === 0}
                className="utrecht-button utrecht-button--subtle"
                aria-label={t('admin.moveUp', { name: e.name })}
              >
                ↑
              </button>
              <button
                type="submit"
                name="direction"
                value="down"
                disabled={index === entries.length - 1}
                className="utrecht-button utrecht-button--subtle"
                aria-label={t('admin.moveDown', { name: e.name })}
              >
                ↓
              </button>
            </Form>
            <Form method="post" className="peloton-inline-form">
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="id" value={e.id} />
              <button
                type="submit"
                name="intent"
                value="removeEntry"
                className="utrecht-button utrecht-button--subtle"
                aria-label={t('admin.remove', { name: e.name })}
              >
                ✕
              </button>
            </Form>
          </li>
        ))}
      </ol>
      <Form method="post" className="peloton-inline-form">
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="intent" value="addEntry" />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor={`${kind}-new-name`}>
            {t('admin.nameNl')}
          </label>
          <input id={`${kind}-new-name`} name="name" required className="utrecht-textbox utrecht-textbox--html-input" />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor={`${kind}-new-nameEn`}>
            {t('admin.nameEn')}
          </label>
          <input
            id={`${kind}-new-nameEn`}
            name="nameEn"
            required
            lang="en"
            className="utrecht-textbox utrecht-textbox--html-input"
          />
        </div>
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action"
          aria-label={`${t('admin.add')}: ${title}`}
        >
          {t('admin.add')}
        </button>
      </Form>
    </section>
  )
}

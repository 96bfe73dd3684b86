// GET /docs/:docId/export.html (?version=<id> for a saved version): the document as Html, to save.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/guards.server'
import { getLanguage } from '~/i18n/i18next.server'
import { documentFile } from '~/services/document-download.server'
import { requireDocument } from '~/services/document-pages.server'
import { attachment, notFound } from '~/utils/responses.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const { doc } = await requireDocument(params.docId ?? '', user)
  const version = new URL(request.url).searchParams.get('version')
  const file = await documentFile(doc, 'html', version, await getLanguage(request))
  if (!file) throw notFound()
  return attachment(file)
}

// GET /docs/:docId/export.md (?version=<id> for a saved version): the document as Markdown.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/guards.server'
import { getLanguage } from '~/i18n/i18next.server'
import { documentDownload } from '~/services/document-download.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const version = new URL(request.url).searchParams.get('version')
  return documentDownload(params.docId ?? '', user, 'markdown', version, await getLanguage(request))
}

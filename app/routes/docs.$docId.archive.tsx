// POST /docs/:docId/archive: archive a document (read-only for everyone) or
// bring it back. Facilitators, admins and the document's maker.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/guards.server'
import { requireDocument } from '~/services/document-pages.server'
import { archiveDocument } from '~/services/documents.server'
import { withNotice } from '~/utils/flash'
import { forbidden } from '~/utils/responses.server'

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const { doc, mayArchive } = await requireDocument(params.docId ?? '', user)
  if (!mayArchive) throw forbidden()
  const archived = (await request.formData()).get('archived') !== 'false'
  await archiveDocument(doc.id, archived)
  return redirect(withNotice(`/docs/${doc.id}`, archived ? 'archived' : 'unarchived'))
}

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/docs/${encodeURIComponent(params.docId ?? '')}`)
}

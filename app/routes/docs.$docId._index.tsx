// /docs/:docId: a live document on its own page (community documents are also
// at /communities/:slug/docs/:docId). Access as the socket join decides it.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireUser } from '~/auth/guards.server'
import { DocumentView } from '~/components/document-view'
import { getLanguage } from '~/i18n/i18next.server'
import { documentPageData } from '~/services/document-pages.server'
import { titled } from '~/utils/meta'

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.doc.title) : [])

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  return { ...(await documentPageData(params.docId ?? '', user)), lng: await getLanguage(request) }
}

export default function DocumentPage() {
  const data = useLoaderData<typeof loader>()
  return <DocumentView data={data} lng={data.lng} />
}

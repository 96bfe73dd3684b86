// GET /settings/data: everything Peloton holds about you, as JSON.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/guards.server'
import { exportAccountData } from '~/services/profile.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const data = await exportAccountData(user.id)
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="peloton-my-data.json"',
      'Cache-Control': 'no-store',
    },
  })
}

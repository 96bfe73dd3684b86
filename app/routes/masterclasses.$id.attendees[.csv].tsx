// GET /masterclasses/:id/attendees.csv: the participant list for a Dutch
// spreadsheet (`;`, UTF-8 with a byte-order mark, formulas neutralised).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth/guards.server'
import { getLanguage } from '~/i18n/i18next.server'
import { attendeesCsv } from '~/services/attendees-csv.server'
import { slugify } from '~/services/communities.server'
import { listAttendees, requireMasterclass, requireMasterclassCan } from '~/services/masterclass-queries.server'
import { attachment } from '~/utils/responses.server'

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const access = await requireMasterclass(params.id ?? '', user)
  requireMasterclassCan(access, 'manageAttendees')
  const text = await attendeesCsv(await listAttendees(access.masterclass.id), await getLanguage(request))
  return attachment({
    filename: `${slugify(access.masterclass.title)}-deelnemers.csv`,
    contentType: 'text/csv; charset=utf-8',
    text,
  })
}

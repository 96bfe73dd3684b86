// /masterclasses/:id/calendar.ics: the masterclass as an iCalendar file, for
// whoever may see the masterclass (visitors too, for a public one). Sent as an
// attachment, so the browser hands it to the calendar app; without the online
// link for those who may not see it (see maySeeOnlineLink).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getUser } from '~/auth/guards.server'
import { actorOf } from '~/services/community-access.server'
import { calendarFileForViewer } from '~/services/masterclass-pages.server'
import { requireMasterclass } from '~/services/masterclass-queries.server'
import { attachment } from '~/utils/responses.server'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const access = await requireMasterclass(params.id ?? '', actorOf(getUser(context)))
  return attachment({
    filename: `masterclass-${access.masterclass.id}.ics`,
    contentType: 'text/calendar; charset=utf-8',
    text: await calendarFileForViewer(access),
  })
}

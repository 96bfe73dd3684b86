// /masterclasses/:id/attendees: the facilitators' view — confirmed people and
// the waitlist in order, with organisation, position and phase; register or
// unregister someone; record attendance once it has started; the CSV export;
// the feedback.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseWithZod } from '@conform-to/zod'
import { AddPersonForm, addPersonSchema } from '~/components/masterclass-add-person'
import { canMasterclass } from '~/auth/masterclass-policy'
import { requireUser } from '~/auth/guards.server'
import { FormErrors, StatusMessage } from '~/components/ui/form'
import { formatDateTime } from '~/i18n/config'
import { getLanguage } from '~/i18n/i18next.server'
import { feedbackSummary } from '~/services/masterclass-feedback.server'
import {
  getMasterclassDetail,
  listAttendees,
  requireMasterclass,
  requireMasterclassCan,
} from '~/services/masterclass-queries.server'
import { addRegistration, cancelRegistration, markAttendance } from '~/services/registrations.server'
import { findMemberByEmail, memberName } from '~/services/people.server'
import { UserInputError } from '~/utils/errors'
import { titled } from '~/utils/meta'
import { labelOf } from '~/utils/taxonomy'

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? titled(data.masterclass.title) : [])

async function requireManager(request: Request, context: LoaderFunctionArgs['context'], id: string) {
  const user = requireUser(context, request)
  const access = await requireMasterclass(id, user)
  requireMasterclassCan(access, 'manageAttendees')
  return { user, access }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { access } = await requireManager(request, context, params.id ?? '')
  const { id } = access.masterclass
  const [attendees, feedback, detail] = await Promise.all([
    listAttendees(id),
    canMasterclass(access.actor, access.facts, 'readFeedback') ? feedbackSummary(id) : null,
    getMasterclassDetail(access),
  ])
  return {
    masterclass: { ...access.masterclass, capacity: detail.capacity },
    attendees,
    feedback,
    mayMarkAttendance: canMasterclass(access.actor, access.facts, 'markAttendance'),
    lng: await getLanguage(request),
  }
}

type Done = { key: string; name: string; position?: number }

/** The service speaks to the person registering; here a facilitator is asking about someone else. */
const facilitatorsWords = (code: string) =>
  code === 'masterclasses.errors.alreadyRegistered' ? 'masterclasses.attendees.alreadyRegistered' : code

/** Adding someone: the errors go beside the e-mail field. */
async function add(form: FormData, masterclassId: string, addedById: string) {
  const submission = parseWithZod(form, { schema: addPersonSchema })
  if (submission.status !== 'success') return { addResult: submission.reply(), errors: [], done: null }
  const member = await findMemberByEmail(submission.value.email)
  const fieldError = (code: string) => ({
    addResult: submission.reply({ fieldErrors: { email: [code] } }),
    errors: [],
    done: null,
  })
  if (!member) return fieldError('masterclasses.attendees.unknownEmail')
  try {
    const result = await addRegistration(masterclassId, member.id, addedById)
    const done: Done =
      result.status === 'confirmed'
        ? { key: 'masterclasses.attendees.addedConfirmed', name: member.name }
        : { key: 'masterclasses.attendees.addedWaitlisted', name: member.name, position: result.position }
    return { addResult: submission.reply({ resetForm: true }), errors: [], done: done as Done | null }
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error
    return fieldError(facilitatorsWords(error.code))
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, access } = await requireManager(request, context, params.id ?? '')
  const { id } = access.masterclass
  const form = await request.formData()
  const intent = form.get('intent')
  if (intent === 'add') return add(form, id, user.id)
  const userId = String(form.get('userId') ?? '')
  try {
    const name = await memberName(userId)
    if (name === null) return { addResult: null, errors: ['masterclasses.errors.unknownPerson'], done: null }
    if (intent === 'remove') {
      await cancelRegistration(id, userId)
      return { addResult: null, errors: [], done: { key: 'masterclasses.attendees.removed', name } as Done }
    }
    if (intent === 'attendance') {
      requireMasterclassCan(access, 'markAttendance')
      const value = form.get('attended')
      await markAttendance(id, userId, value === 'yes' ? true : value === 'no' ? false : null)
      return { addResult: null, errors: [], done: { key: 'masterclasses.attendees.attendanceSaved', name } as Done }
    }
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error
    return { addResult: null, errors: [facilitatorsWords(error.code)], done: null }
  }
  return redirect(`/masterclasses/${id}/attendees`)
}

export default function Attendees() {
  const { t } = useTranslation()
  const { masterclass, attendees, feedback, mayMarkAttendance, lng } = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>()
  const base = `/masterclasses/${masterclass.id}`
  const facts = (p: (typeof attendees.confirmed)[number]['user']) => [
    p.organisation?.name ?? '—',
    p.position ? labelOf(p.position, lng) : '—',
    p.phase ? labelOf(p.phase, lng) : '—',
  ]
  return (
    <section aria-labelledby="attendees-title">
      <p className="utrecht-paragraph">
        <Link className="utrecht-link" to={base}>
          {t('masterclasses.attendees.back', { title: masterclass.title })}
        </Link>
      </p>
      <h1 id="attendees-title" className="utrecht-heading-1">
        {t('masterclasses.attendees.title', { title: masterclass.title })}
      </h1>
      <FormErrors errors={data?.errors} />
      {data?.done ? (
        <StatusMessage>{t(data.done.key, { name: data.done.name, position: data.done.position })}</StatusMessage>
      ) : null}
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`${base}/attendees.csv`} download>
          {t('masterclasses.attendees.csv')}
        </a>
      </p>

      <h2 className="utrecht-heading-2">
        {t('masterclasses.attendees.confirmed', { count: attendees.confirmed.length, capacity: masterclass.capacity })}
      </h2>
      {!mayMarkAttendance ? <p className="utrecht-paragraph">{t('masterclasses.attendees.attendanceLater')}</p> : null}
      {attendees.confirmed.length === 0 ? (
        <p className="utrecht-paragraph">{t('masterclasses.attendees.noneConfirmed')}</p>
      ) : (
        <div className="peloton-table-wrapper">
          <table className="utrecht-table peloton-members">
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['name', 'organisation', 'position', 'phase', 'attendance', 'actions'].map((c) => (
                  <th key={c} scope="col" className="utrecht-table__header-cell">
                    {t(`masterclasses.attendees.${c as 'name'}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {attendees.confirmed.map((r) => (
                <tr key={r.user.id} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">
                    {r.user.name}
                  </th>
                  {facts(r.user).map((value, i) => (
                    <td key={i} className="utrecht-table__cell">
                      {value}
                    </td>
                  ))}
                  <td className="utrecht-table__cell">
                    {mayMarkAttendance ? (
                      <Form method="post" className="peloton-inline-form">
                        <input type="hidden" name="intent" value="attendance" />
                        <input type="hidden" name="userId" value={r.user.id} />
                        <label className="peloton-visually-hidden" htmlFor={`attended-${r.user.id}`}>
                          {t('masterclasses.attendees.attendanceOf', { name: r.user.name })}
                        </label>
                        <select
                          id={`attended-${r.user.id}`}
                          name="attended"
                          className="utrecht-select utrecht-select--html-select"
                          defaultValue={r.attended === true ? 'yes' : r.attended === false ? 'no' : ''}
                        >
                          <option value="">{t('masterclasses.attendees.unknown')}</option>
                          <option value="yes">{t('masterclasses.attendees.attended')}</option>
                          <option value="no">{t('masterclasses.attendees.absent')}</option>
                        </select>
                        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
                          <span aria-hidden="true">{t('masterclasses.form.save')}</span>
                          <span className="peloton-visually-hidden">
                            {t('masterclasses.attendees.saveAttendance', { name: r.user.name })}
                          </span>
                        </button>
                      </Form>
                    ) : r.attended === null ? (
                      '—'
                    ) : (
                      t(r.attended ? 'masterclasses.attendees.attended' : 'masterclasses.attendees.absent')
                    )}
                  </td>
                  <td className="utrecht-table__cell">
                    <RemoveButton userId={r.user.id} name={r.user.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="utrecht-heading-2">{t('masterclasses.attendees.waitlist', { count: attendees.waitlist.length })}</h2>
      {attendees.waitlist.length === 0 ? (
        <p className="utrecht-paragraph">{t('masterclasses.attendees.noneWaiting')}</p>
      ) : (
        <ol className="peloton-list">
          {attendees.waitlist.map((r) => (
            <li key={r.user.id} className="peloton-list__item">
              <strong>{r.user.name}</strong> · {facts(r.user).join(' · ')} ·{' '}
              <span className="peloton-muted">{formatDateTime(r.registeredAt, lng)}</span>{' '}
              <RemoveButton userId={r.user.id} name={r.user.name} />
            </li>
          ))}
        </ol>
      )}

      <AddPersonForm lastResult={data?.addResult} />

      {feedback ? (
        <section aria-labelledby="feedback-heading">
          <h2 id="feedback-heading" className="utrecht-heading-2">
            {t('masterclasses.attendees.feedbackTitle')}
          </h2>
          {feedback.count === 0 ? (
            <p className="utrecht-paragraph">{t('masterclasses.attendees.feedbackNone')}</p>
          ) : (
            <>
              <p className="utrecht-paragraph">
                {t('masterclasses.attendees.feedbackSummary', { count: feedback.count, average: feedback.average })}
              </p>
              <ul className="peloton-list">
                {feedback.comments.map((c, i) => (
                  <li key={i} className="peloton-list__item">
                    <strong>{t('masterclasses.attendees.feedbackBy', { name: c.name, rating: c.rating })}</strong>
                    {c.comment ? <p className="utrecht-paragraph">{c.comment}</p> : null}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}
    </section>
  )
}

function RemoveButton({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation()
  return (
    <Form method="post" className="peloton-inline-form">
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className="utrecht-button utrecht-button--subtle">
        {t('masterclasses.attendees.remove', { name })}
      </button>
    </Form>
  )
}

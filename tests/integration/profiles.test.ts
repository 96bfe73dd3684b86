// Profiles, the member directory, data export and account deletion.
import { beforeEach, describe, expect, it } from 'vitest'
import { validateSessionToken } from '~/auth/session.server'
import { action as profileAction, loader as profileLoader } from '~/routes/settings.profile'
import { loader as peopleLoader } from '~/routes/people._index'
import { loader as personLoader } from '~/routes/people.$id'
import { loader as dataLoader } from '~/routes/settings.data'
import { action as deleteAction } from '~/routes/settings.delete'
import { NEW_ORGANISATION } from '~/utils/validation'
import { prisma } from '~/utils/db.server'
import {
  anonymousContext,
  clearMembers,
  formRequest,
  getRequest,
  makeCommunity,
  makeLoggedInUser,
  makeOrganisation,
  makeUser,
  routeArgs,
  taxonomyId,
} from '../factories'

describe('profile', () => {
  it('saves organisation, position, phase, themes, bio and opt-in, and keeps every phase change', async () => {
    const { user, context } = await makeLoggedInUser()
    const org = await makeOrganisation({ name: 'Gemeente Zwolle', type: 'gemeente', province: 'overijssel' })
    const fields = {
      name: 'Sanne Jansen',
      organisationId: org.id,
      positionId: await taxonomyId('position', 'beleidsmedewerker'),
      phaseId: await taxonomyId('transitionPhase', 'visievorming'),
      themeIds: [await taxonomyId('theme', 'grondwater'), await taxonomyId('theme', 'bodemenergie-en-warmte')],
      bio: 'Werkt aan de omgevingsvisie.',
      matchingOptIn: 'on',
    }
    const saved = await profileAction(routeArgs(formRequest('/settings/profile', fields), context))
    expect(saved.saved).toBe(true)
    // Same phase again: no new history entry. Next phase: one more.
    await profileAction(routeArgs(formRequest('/settings/profile', fields), context))
    await profileAction(
      routeArgs(
        formRequest('/settings/profile', { ...fields, phaseId: await taxonomyId('transitionPhase', 'planvorming') }),
        context,
      ),
    )

    const row = await prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      include: { themes: true, phaseChanges: { include: { phase: true }, orderBy: { changedAt: 'asc' } } },
    })
    expect(row.name).toBe('Sanne Jansen')
    expect(row.organisationId).toBe(org.id)
    expect(row.matchingOptIn).toBe(true)
    expect(row.themes).toHaveLength(2)
    expect(row.phaseChanges.map((c) => c.phase.slug)).toEqual(['visievorming', 'planvorming'])

    const page = await profileLoader(routeArgs(getRequest('/settings/profile'), context))
    expect(page.profile.phaseChanges).toHaveLength(2)
  })

  it('adds a new organisation with its type and province', async () => {
    const { user, context } = await makeLoggedInUser()
    const result = await profileAction(
      routeArgs(
        formRequest('/settings/profile', {
          name: 'Piet',
          organisationId: NEW_ORGANISATION,
          newOrganisationName: 'Waterschap Nieuw',
          newOrganisationTypeId: await taxonomyId('organisationType', 'waterschap'),
          newOrganisationProvinceId: await taxonomyId('province', 'friesland'),
        }),
        context,
      ),
    )
    expect(result.saved).toBe(true)
    const row = await prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      include: { organisation: { include: { type: true, province: true } } },
    })
    expect(row.organisation?.name).toBe('Waterschap Nieuw')
    expect(row.organisation?.type.slug).toBe('waterschap')
    expect(row.organisation?.province.slug).toBe('friesland')
  })

  it('saves nothing when any part is invalid: unknown phase, taken organisation name, missing new-organisation fields, a too long bio', async () => {
    const { user, context } = await makeLoggedInUser({ name: 'Origineel' })
    await makeOrganisation({ name: 'Provincie Bestaat', type: 'provincie' })
    const orgsBefore = await prisma.organisation.count()
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ name: 'Nieuw', phaseId: 'no-such-phase' }, 'phaseId', 'errors.invalidChoice'],
      [
        {
          name: 'Nieuw',
          organisationId: NEW_ORGANISATION,
          newOrganisationName: 'Provincie Bestaat',
          newOrganisationTypeId: await taxonomyId('organisationType', 'provincie'),
          newOrganisationProvinceId: await taxonomyId('province', 'utrecht'),
          phaseId: await taxonomyId('transitionPhase', 'borging'),
        },
        'newOrganisationName',
        'errors.organisationNameTaken',
      ],
      [{ name: 'Nieuw', organisationId: NEW_ORGANISATION }, 'newOrganisationName', 'errors.required'],
      [{ name: 'Nieuw', bio: 'x'.repeat(1001) }, 'bio', 'errors.tooLong?max=1000'],
      [{ name: '' }, 'name', 'errors.required'],
    ]
    for (const [fields, field, code] of cases) {
      const result = await profileAction(routeArgs(formRequest('/settings/profile', fields), context))
      expect(result.saved).toBe(false)
      expect((result.result as { error: Record<string, string[]> }).error[field]).toEqual([code])
    }
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.name).toBe('Origineel')
    expect(row.phaseId).toBeNull()
    expect(await prisma.phaseChange.count({ where: { userId: user.id } })).toBe(0)
    expect(await prisma.organisation.count()).toBe(orgsBefore)
  })

  it('sends visitors to the log-in page', async () => {
    await expect(profileLoader(routeArgs(getRequest('/settings/profile'), anonymousContext))).rejects.toSatisfy(
      (r: Response) => r.status === 302 && r.headers.get('Location') === '/login?redirectTo=%2Fsettings%2Fprofile',
    )
  })
})

describe('member directory', () => {
  beforeEach(clearMembers)

  it('lists only opted-in members, with every filter and the name search', async () => {
    const gemeente = await makeOrganisation({ type: 'gemeente', province: 'zuid-holland' })
    const waterschap = await makeOrganisation({ type: 'waterschap', province: 'gelderland' })
    const a = await makeUser({
      name: 'Aafke Visser',
      optIn: true,
      organisationId: gemeente.id,
      position: 'beleidsmedewerker',
      phase: 'planvorming',
      themes: ['grondwater'],
    })
    await makeUser({
      name: 'Bart Smit',
      optIn: true,
      organisationId: waterschap.id,
      position: 'manager',
      phase: 'uitvoering',
      themes: ['drinkwater'],
    })
    await makeUser({
      name: 'Carla Verborgen',
      optIn: false,
      organisationId: gemeente.id,
      position: 'beleidsmedewerker',
      phase: 'planvorming',
    })
    const { context } = await makeLoggedInUser()

    const names = async (query: string) =>
      (await peopleLoader(routeArgs(getRequest(`/people?${query}`), context))).people.map((p) => p.name)

    expect(await names('')).toEqual(['Aafke Visser', 'Bart Smit'])
    expect(await names(`phaseId=${await taxonomyId('transitionPhase', 'planvorming')}`)).toEqual(['Aafke Visser'])
    expect(await names(`positionId=${await taxonomyId('position', 'manager')}`)).toEqual(['Bart Smit'])
    expect(await names(`themeId=${await taxonomyId('theme', 'grondwater')}`)).toEqual(['Aafke Visser'])
    expect(await names(`organisationTypeId=${await taxonomyId('organisationType', 'waterschap')}`)).toEqual(['Bart Smit'])
    expect(await names(`provinceId=${await taxonomyId('province', 'zuid-holland')}`)).toEqual(['Aafke Visser'])
    expect(await names('q=bart')).toEqual(['Bart Smit'])
    expect(await names('q=Verborgen')).toEqual([])

    // A profile that did not opt in is not found; one that did is.
    const hidden = await prisma.user.findFirstOrThrow({ where: { name: 'Carla Verborgen' } })
    await expect(personLoader(routeArgs(getRequest('/'), context, { id: hidden.id }))).rejects.toSatisfy(
      (r: Response) => r.status === 404,
    )
    expect((await personLoader(routeArgs(getRequest('/'), context, { id: a.id }))).person.name).toBe('Aafke Visser')
  })

  it('paginates, and ignores a malformed page number', async () => {
    for (let i = 0; i < 23; i++) await makeUser({ name: `Lid ${String(i).padStart(2, '0')}`, optIn: true })
    const { context } = await makeLoggedInUser()
    const first = await peopleLoader(routeArgs(getRequest('/people'), context))
    expect(first.people).toHaveLength(20)
    expect(first.pages).toBe(2)
    const second = await peopleLoader(routeArgs(getRequest('/people?page=2'), context))
    expect(second.people.map((p) => p.name)).toEqual(['Lid 20', 'Lid 21', 'Lid 22'])
    const bad = await peopleLoader(routeArgs(getRequest('/people?page=abc'), context))
    expect(bad.page).toBe(1)
  })

  it('is for members only', async () => {
    await expect(peopleLoader(routeArgs(getRequest('/people'), anonymousContext))).rejects.toSatisfy(
      (r: Response) => r.status === 302,
    )
  })
})

describe('your data', () => {
  it('downloads everything as JSON', async () => {
    const { user, context } = await makeLoggedInUser({ position: 'projectleider', phase: 'borging', themes: ['nazorg'] })
    const response = await dataLoader(routeArgs(getRequest('/settings/data'), context))
    expect(response.headers.get('Content-Disposition')).toMatch(/attachment/)
    const data = await response.json()
    expect(data.account.email).toBe(user.email)
    expect(data.profile.position).toBe('Projectleider')
    expect(data.profile.themes).toEqual(['Nazorg'])
  })

  it('deletes the account after confirmation, keeping an anonymous row', async () => {
    const { user, token, context } = await makeLoggedInUser({ optIn: true, themes: ['mijnbouw'] })
    const wrong = await deleteAction(routeArgs(formRequest('/settings/delete', { confirmEmail: 'iemand@anders.nl' }), context))
    expect((wrong as { error: Record<string, string[]> }).error.confirmEmail).toEqual(['errors.confirmMismatch'])
    expect(await validateSessionToken(token)).not.toBeNull()

    const done = await deleteAction(routeArgs(formRequest('/settings/delete', { confirmEmail: user.email }), context))
    expect((done as Response).status).toBe(302)
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row).toMatchObject({ email: null, name: '', passwordHash: null, matchingOptIn: false })
    expect(row.deletedAt).not.toBeNull()
    expect(await prisma.userTheme.count({ where: { userId: user.id } })).toBe(0)
    expect(await validateSessionToken(token)).toBeNull()
  })

  it('refuses to delete the last admin', async () => {
    const { user, context } = await makeLoggedInUser({ role: 'admin' })
    await prisma.user.updateMany({ where: { role: 'admin', id: { not: user.id } }, data: { role: 'member' } })
    const result = await deleteAction(routeArgs(formRequest('/settings/delete', { confirmEmail: user.email }), context))
    expect((result as { error: Record<string, string[]> }).error['']).toEqual(['errors.lastAdmin'])
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).deletedAt).toBeNull()
  })
})

describe('deleting an account', () => {
  it('also removes the mail sent to it and the memberships', async () => {
    const { user, context } = await makeLoggedInUser()
    const community = await makeCommunity({ members: [user.id] })
    const { queueMail } = await import('~/services/mail.server')
    await queueMail({ to: user.email, subject: 'Hallo', text: `Beste ${user.name}` })
    await deleteAction(routeArgs(formRequest('/settings/delete', { confirmEmail: user.email }), context))
    expect(await prisma.mailMessage.count({ where: { to: user.email } })).toBe(0)
    expect(await prisma.membership.count({ where: { communityId: community.id } })).toBe(0)
  })
})

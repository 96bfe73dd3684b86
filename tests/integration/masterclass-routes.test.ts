// The two resource routes the pages will post to: register and cancel, as a
// redirect with a notice (no JavaScript) or JSON (Accept: application/json).
import { describe, expect, test } from 'vitest'
import { action as cancelAction } from '~/routes/masterclasses.$id.cancel'
import { action as registerAction } from '~/routes/masterclasses.$id.register'
import { formRequest, locationOf, makeCommunity, makeLoggedInUser, makeMasterclass, routeArgs, statusOf } from '../factories'

const post = (path: string, json = false) => {
  const request = formRequest(path, {})
  if (json) request.headers.set('Accept', 'application/json')
  return request
}

describe('POST /masterclasses/:id/register and /cancel', () => {
  test('redirects back with ?notice=confirmed, then waitlisted; cancel with ?notice=cancelled', async () => {
    const m = await makeMasterclass({ capacity: 1 })
    const a = await makeLoggedInUser()
    const b = await makeLoggedInUser()
    const path = `/masterclasses/${m.id}/register`
    expect(locationOf(await registerAction(routeArgs(post(path), a.context, { id: m.id })))).toBe(
      `/masterclasses/${m.id}?notice=confirmed`,
    )
    expect(locationOf(await registerAction(routeArgs(post(path), b.context, { id: m.id })))).toBe(
      `/masterclasses/${m.id}?notice=waitlisted`,
    )
    // Twice: refused with the reason as an error key.
    expect(locationOf(await registerAction(routeArgs(post(path), b.context, { id: m.id })))).toBe(
      `/masterclasses/${m.id}?error=masterclasses.errors.alreadyRegistered`,
    )
    expect(locationOf(await cancelAction(routeArgs(post(`/masterclasses/${m.id}/cancel`), a.context, { id: m.id })))).toBe(
      `/masterclasses/${m.id}?notice=cancelled`,
    )
  })

  test('JSON on request: the status and position, or the refusal with 409', async () => {
    const m = await makeMasterclass({ capacity: 1 })
    const a = await makeLoggedInUser()
    const b = await makeLoggedInUser()
    const path = `/masterclasses/${m.id}/register`
    const first = (await registerAction(routeArgs(post(path, true), a.context, { id: m.id }))) as Response
    expect(await first.json()).toEqual({ status: 'confirmed' })
    const second = (await registerAction(routeArgs(post(path, true), b.context, { id: m.id }))) as Response
    expect(await second.json()).toEqual({ status: 'waitlisted', position: 1 })
    const cancelled = (await cancelAction(
      routeArgs(post(`/masterclasses/${m.id}/cancel`, true), a.context, { id: m.id }),
    )) as Response
    expect(await cancelled.json()).toEqual({ status: 'cancelled', promoted: 1 })
    const again = (await cancelAction(
      routeArgs(post(`/masterclasses/${m.id}/cancel`, true), a.context, { id: m.id }),
    )) as Response
    expect(again.status).toBe(409)
    expect(await again.json()).toEqual({ error: 'masterclasses.errors.notRegistered' })
  })

  test('a visitor goes to the login; what one may not see is a 404', async () => {
    const m = await makeMasterclass()
    const path = `/masterclasses/${m.id}/register`
    const thrown: unknown = await registerAction(routeArgs(post(path), undefined, { id: m.id })).catch((r: unknown) => r)
    expect(locationOf(thrown).startsWith('/login?')).toBe(true)
    const member = await makeLoggedInUser()
    const draft = await makeMasterclass({ status: 'draft' })
    expect(
      await statusOf(registerAction(routeArgs(post(`/masterclasses/${draft.id}/register`), member.context, { id: draft.id }))),
    ).toBe(404)
    const closed = await makeCommunity({ visibility: 'invite_only' })
    const hidden = await makeMasterclass({ communityId: closed.id })
    expect(
      await statusOf(registerAction(routeArgs(post(`/masterclasses/${hidden.id}/register`), member.context, { id: hidden.id }))),
    ).toBe(404)
    expect(await statusOf(registerAction(routeArgs(post('/masterclasses/nope/register'), member.context, { id: 'nope' })))).toBe(
      404,
    )
  })
})

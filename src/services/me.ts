import { useEffect, useSyncExternalStore } from 'react'
import type { Me, SignInResult } from '../../types/session'
import { ApiCallError, call, goToSignIn, signInRedirect, usesCloudTransport } from './api'
import { clearDeviceStorage, clearToken, getToken, setToken } from './session-store'

/**
 * The signed-in user, shared by every page: one request serves 首页, 我的 and the rest, and
 * a change (sign-in, persona switch, joining a village, an invitation code) shows everywhere.
 */
interface MeState {
  me: Me | null
  loading: boolean
  error: ApiCallError | null
}

export interface UseMe extends MeState {
  refresh: () => Promise<Me>
}

let state: MeState = { me: null, loading: false, error: null }
let pending: Promise<Me> | null = null
/** Bumped whenever the user changes, so an answer for the previous user is dropped. */
let generation = 0
const listeners = new Set<() => void>()

function update(next: Partial<MeState>) {
  state = { ...state, ...next }
  listeners.forEach((listener) => listener())
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

function getSnapshot() {
  return state
}

/**
 * The user as the server knows them. Over HTTP, without a kept token nobody can be signed in:
 * a first visit goes to sign-in at once instead of asking the server to say so.
 */
function askServer(): Promise<Me> {
  if (usesCloudTransport || getToken()) return call('session', 'me')
  void goToSignIn()
  return Promise.reject(new ApiCallError('UNAUTHENTICATED', '请先登录'))
}

/**
 * Loads the user from the server; also updates every page showing it. Nobody signed in is
 * answered UNAUTHENTICATED, on which api.ts sends the villager to sign-in.
 */
export function refreshMe(): Promise<Me> {
  if (pending) return pending
  const asked = generation
  update({ loading: true, error: null })
  pending = askServer()
    .then(
      (me) => {
        if (asked === generation) update({ me, loading: false })
        return me
      },
      async (caught: unknown) => {
        const error =
          caught instanceof ApiCallError
            ? caught
            : new ApiCallError('INTERNAL', '出了点问题，请重试')
        // On its way to sign-in the page stays "loading": 请先登录 shows only on a page still
        // there afterwards (PageShell's 去登录).
        if (error.code === 'UNAUTHENTICATED' && !usesCloudTransport) await signInRedirect()
        if (asked === generation) update({ loading: false, error })
        throw error
      },
    )
    .finally(() => {
      pending = null
    })
  return pending
}

/** Takes a user the server just returned (join village, invitation code) without asking again. */
export function setMe(me: Me): void {
  generation += 1
  pending = null
  update({ me, loading: false, error: null })
}

/** Keeps the session of a fresh sign-in (WeChat or demo persona). */
export function acceptSignIn(result: SignInResult): void {
  setToken(result.token)
  setMe(result.me)
}

/**
 * Ends the session on the server and on this phone. Always succeeds locally: on a shared or
 * offline phone the villager must be able to sign out; the server session then simply expires.
 */
export async function signOut(): Promise<void> {
  try {
    await call('session', 'signOut')
  } catch {
    // see above
  }
  forgetUser()
}

/**
 * Ends every session of this user, on every phone, this one included. Unlike signOut, a failure
 * is thrown, not swallowed: the villager asked for the other phones, which stay signed in.
 */
export async function signOutEverywhere(): Promise<void> {
  await call('session', 'signOutEverywhere')
  forgetUser()
}

/** Leaves the village (退出本村): the server answers with the user, now in no village. */
export async function leaveVillage(): Promise<Me> {
  const me = await call('session', 'leaveVillage')
  setMe(me)
  return me
}

/**
 * Closes the account (注销) and forgets everything this app kept on the phone (the token, the
 * rules-publish draft, settings): nothing of the closed account may stay behind on the device.
 */
export async function closeAccount(): Promise<void> {
  await call('session', 'closeAccount')
  forgetUser()
  clearDeviceStorage()
}

function forgetUser() {
  clearToken()
  generation += 1
  pending = null
  update({ me: null, loading: false, error: null })
}

/** The signed-in user for a page; loads it on first use. */
export function useMe(): UseMe {
  const snapshot = useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
  const needsLoad = !snapshot.me && !snapshot.loading && !snapshot.error
  useEffect(() => {
    // The error is kept in the store and shown by the page, so the rejection needs no handler.
    if (needsLoad) refreshMe().catch(() => undefined)
  }, [needsLoad])
  return {
    me: snapshot.me,
    // Until the first answer there is nothing to show but "loading".
    loading: snapshot.loading || needsLoad,
    error: snapshot.error,
    refresh: refreshMe,
  }
}

/** For tests: forget the user between test cases. */
export function resetMeForTests(): void {
  generation += 1
  pending = null
  state = { me: null, loading: false, error: null }
}

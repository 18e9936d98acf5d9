import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useCallback, useEffect, useState } from 'react'
import type { Me, Persona, PersonaKey } from '../../../../types/session'
import PageShell from '../../../components/page-shell'
import PersonaPicker from '../../components/persona-picker'
import VillagePicker from '../../components/village-picker'
import type { VillageChoice } from '../../components/village-picker/find-village'
import { ApiCallError, call, usesCloudTransport } from '../../../services/api'
import {
  captureLaunchVillage,
  forgetLaunchVillage,
  suggestLaunchVillage,
  type SuggestedVillage,
} from '../../../services/launch-village'
import { acceptSignIn, refreshMe, setMe } from '../../../services/me'
import { getToken } from '../../../services/session-store'
import { ariaRole } from '../../../utils/a11y'
import './index.css'

/** What the page shows; each step has one thing to do. */
type Step =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'personas'; personas: Persona[] }
  | { kind: 'wechat' }
  | { kind: 'demoOnly' }
  | ({ kind: 'village' } & SuggestedVillage)

const HOME = '/pages/home/index'

function messageOf(caught: unknown): string {
  return caught instanceof ApiCallError ? caught.message : '出了点问题，请再试一次'
}

/**
 * Sign-in, then (first time only) picking one's village. Three ways in: WeChat identity over the
 * cloud transport (nothing to tap), a demo persona (演示模式), or 微信一键登录 on the HTTP gateway.
 * `?switch=1` (from 我的 → 切换体验身份) goes straight to the persona cards.
 */
export default function SignInPage() {
  const { params } = useRouter()
  const switching = params.switch === '1'
  const [step, setStep] = useState<Step>({ kind: 'loading' })
  const [busyPersona, setBusyPersona] = useState<PersonaKey | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const [signingIn, setSigningIn] = useState(false)
  const [joining, setJoining] = useState(false)

  const enter = useCallback(async (me: Me) => {
    if (me.village) {
      void Taro.switchTab({ url: HOME })
    } else {
      setActionError(null)
      setStep({ kind: 'loading' })
      const suggested = await suggestLaunchVillage()
      // Declined by the village they picked: say so above the picker, where they choose again.
      const notice =
        me.membership === 'declined'
          ? '您上次选的村没有同意您加入。如果选错了，请重新选择；如有疑问，请找村里的工作人员。'
          : suggested.notice
      setStep({ kind: 'village', ...suggested, notice })
    }
  }, [])

  const start = useCallback(async () => {
    setStep({ kind: 'loading' })
    setActionError(null)
    if (usesCloudTransport || (getToken() && !switching)) {
      // Already signed in (WeChat vouches, or a kept token): only the village may be missing.
      try {
        await enter(await refreshMe())
        return
      } catch (caught) {
        const signedOut = caught instanceof ApiCallError && caught.code === 'UNAUTHENTICATED'
        if (usesCloudTransport || !signedOut) {
          setStep({ kind: 'error', message: messageOf(caught) })
          return
        }
        // The kept token has expired: sign in again below.
      }
    }
    try {
      setStep({ kind: 'personas', personas: await call('session', 'listPersonas') })
    } catch (caught) {
      if (caught instanceof ApiCallError && caught.code === 'FAILED_PRECONDITION') {
        // Not a demo server: real villagers sign in with WeChat, which only the mini-program has.
        setStep({ kind: process.env.TARO_ENV === 'weapp' ? 'wechat' : 'demoOnly' })
      } else {
        setStep({ kind: 'error', message: messageOf(caught) })
      }
    }
  }, [enter, switching])

  useEffect(() => {
    captureLaunchVillage(params)
    void start()
  }, [params, start])

  async function signInAsPersona(persona: PersonaKey) {
    setBusyPersona(persona)
    setActionError(null)
    try {
      const result = await call('session', 'demoSignIn', { persona })
      acceptSignIn(result)
      await enter(result.me)
    } catch (caught) {
      setActionError(messageOf(caught))
    } finally {
      setBusyPersona(null)
    }
  }

  async function signInWithWechat() {
    setSigningIn(true)
    setActionError(null)
    try {
      let code: string
      try {
        code = (await Taro.login()).code
      } catch {
        throw new ApiCallError('FAILED_PRECONDITION', '微信登录没有成功，请再点一次')
      }
      const result = await call('session', 'wxSignIn', { code })
      acceptSignIn(result)
      await enter(result.me)
    } catch (caught) {
      setActionError(messageOf(caught))
    } finally {
      setSigningIn(false)
    }
  }

  async function join(choice: VillageChoice, displayName: string) {
    setJoining(true)
    setActionError(null)
    try {
      setMe(await call('session', 'joinVillage', { villageId: choice.villageId, displayName }))
      forgetLaunchVillage()
      void Taro.switchTab({ url: HOME })
    } catch (caught) {
      setActionError(messageOf(caught))
    } finally {
      setJoining(false)
    }
  }

  const retry = () => void start()

  switch (step.kind) {
    case 'loading':
      return <PageShell loading />
    case 'error':
      return <PageShell error={step.message} onRetry={retry} />
    case 'personas':
      return (
        <PageShell title="选择体验身份（演示模式）">
          <Text className="sign-in__intro">
            这是演示版。请点一个身份进入，看看这个身份能用哪些功能。
          </Text>
          {actionError ? (
            <View className="sign-in__error vh-danger" {...ariaRole('alert')}>
              {actionError}
            </View>
          ) : null}
          <PersonaPicker
            personas={step.personas}
            busyKey={busyPersona}
            onPick={(persona) => void signInAsPersona(persona)}
          />
        </PageShell>
      )
    case 'wechat':
      return (
        <PageShell title="欢迎使用村民之家">
          <Text className="sign-in__intro">用微信身份登录，不用注册，也不用记密码。</Text>
          {actionError ? (
            <View className="sign-in__error vh-danger" {...ariaRole('alert')}>
              {actionError}
            </View>
          ) : null}
          <Button
            type="primary"
            size="large"
            block
            loading={signingIn}
            onClick={() => void signInWithWechat()}
          >
            微信一键登录
          </Button>
        </PageShell>
      )
    case 'demoOnly':
      return (
        <PageShell title="请用微信小程序">
          <View className="vh-card">
            <Text className="sign-in__intro">
              网页版只用来演示。请在微信里搜索小程序“村民之家”，用微信登录后使用。
            </Text>
          </View>
          <Button type="default" block onClick={retry}>
            重新连接
          </Button>
        </PageShell>
      )
    case 'village':
      return (
        <PageShell title="选择您所在的村">
          <Text className="sign-in__intro">选好以后，这里就只显示您村里的消息和事务。</Text>
          {step.notice ? (
            <View className="sign-in__notice" {...ariaRole('status')}>
              {step.notice}
            </View>
          ) : null}
          <VillagePicker
            suggestedVillageId={step.villageId}
            joining={joining}
            joinError={actionError}
            onJoin={(choice, displayName) => void join(choice, displayName)}
          />
        </PageShell>
      )
  }
}

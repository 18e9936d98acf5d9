import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Me } from '../../../types/session'
import type { FieldError } from '../../../types/validation'
import FieldMessage from '../../components/field-message'
import { fieldErrorOf, SIGN_IN_PAGE } from '../../services/api'
import { closeAccount, leaveVillage } from '../../services/me'

/**
 * 退出本村 and 注销账号, each after a plain question saying exactly what happens. WeChat's own
 * modal, not useConfirm: 我的 is in the main package (see sign-out-everywhere.tsx).
 */
export default function LeaveAndClose({ me }: { me: Me }) {
  const [busy, setBusy] = useState<'leave' | 'close' | null>(null)
  const [failure, setFailure] = useState<FieldError | null>(null)

  const run = async (
    which: 'leave' | 'close',
    ask: Taro.showModal.Option,
    work: () => Promise<unknown>,
  ) => {
    const { confirm } = await Taro.showModal({
      cancelText: '不了',
      confirmColor: '#b8322b',
      ...ask,
    })
    if (!confirm) return
    setBusy(which)
    setFailure(null)
    try {
      await work()
      // Back to the village picker: after leaving to join another, after closing as a new user.
      void Taro.reLaunch({ url: SIGN_IN_PAGE })
    } catch (caught) {
      setFailure(fieldErrorOf(caught, '没有办成，请再试一次'))
      setBusy(null)
    }
  }

  // Someone the village has yet to approve is not a member: for them leaving takes the
  // application back.
  const pending = me.membership === 'pending'
  const leaveLabel = pending ? '撤回入村申请' : '退出本村'
  const leave = () =>
    run(
      'leave',
      pending
        ? {
            title: leaveLabel,
            content: `撤回后${me.village?.name ?? '村里'}就看不到您的申请了；您可以再选一个村加入。确定撤回吗？`,
            confirmText: '撤回',
          }
        : {
            title: leaveLabel,
            content: `退出${me.village?.name ?? '本村'}后，您在村里的身份都会撤销，村里的消息不再发给您；您可以再选一个村加入。村里的操作记录照样保留。确定退出吗？`,
            confirmText: '退出本村',
          },
      leaveVillage,
    )

  const close = () =>
    run(
      'close',
      {
        title: '注销账号',
        content:
          '注销后，您的称呼、微信身份、登录、消息和这台手机上存的内容都会删除，不能恢复。村里的操作记录、身份记录和您发布的村规会留下，名字改为“已注销村民”。以后再用微信进来就是新用户。确定注销吗？',
        confirmText: '注销',
      },
      closeAccount,
    )

  return (
    <>
      {me.village ? (
        <Button
          className="me__action"
          type="default"
          block
          loading={busy === 'leave'}
          disabled={busy !== null}
          onClick={() => void leave()}
        >
          {leaveLabel}
        </Button>
      ) : null}
      <Button
        className="me__action"
        type="default"
        block
        loading={busy === 'close'}
        disabled={busy !== null}
        onClick={() => void close()}
      >
        注销账号
      </Button>
      <FieldMessage error={failure} field="" />
    </>
  )
}

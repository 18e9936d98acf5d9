import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { FieldError } from '../../../types/validation'
import FieldMessage from '../../components/field-message'
import { fieldErrorOf, SIGN_IN_PAGE } from '../../services/api'
import { signOutEverywhere } from '../../services/me'

/**
 * 退出所有设备: for a lost or shared phone, ends the sessions everywhere after a plain question.
 * The question is WeChat's own modal, as for 退出登录, not useConfirm: 我的 is in the main package,
 * and NutUI's Dialog would bring its code and styles there, past the main package's size budget.
 */
export default function SignOutEverywhere() {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<FieldError | null>(null)

  const run = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出所有设备',
      content: '您在所有手机上的登录都会退出，这台也一样，以后要重新登录才能使用。确定退出吗？',
      confirmText: '全部退出',
      cancelText: '不退出',
      confirmColor: '#b8322b',
    })
    if (!confirm) return
    setBusy(true)
    setFailure(null)
    try {
      await signOutEverywhere()
      void Taro.reLaunch({ url: SIGN_IN_PAGE })
    } catch (caught) {
      setFailure(fieldErrorOf(caught, '没有退出成功，请再试一次'))
      setBusy(false)
    }
  }

  return (
    <>
      <Button
        className="me__action"
        type="default"
        block
        loading={busy}
        disabled={busy}
        onClick={() => void run()}
      >
        退出所有设备
      </Button>
      <FieldMessage error={failure} field="" />
    </>
  )
}

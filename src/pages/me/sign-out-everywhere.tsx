import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { FieldError } from '../../../types/validation'
import { useConfirm } from '../../components/confirm-dialog'
import FieldMessage from '../../components/field-message'
import { fieldErrorOf } from '../../services/api'
import { signOutEverywhere } from '../../services/me'

/** 退出所有设备: for a lost or shared phone, ends the sessions everywhere after a plain question. */
export default function SignOutEverywhere() {
  const { ask, dialog } = useConfirm()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<FieldError | null>(null)

  const run = async () => {
    setBusy(true)
    setFailure(null)
    try {
      await signOutEverywhere()
      void Taro.reLaunch({ url: '/pages/sign-in/index' })
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
        onClick={() =>
          ask({
            title: '退出所有设备',
            message:
              '您在所有手机上的登录都会退出，这台也一样，以后要重新登录才能使用。确定退出吗？',
            confirmText: '全部退出',
            onConfirm: () => void run(),
          })
        }
      >
        退出所有设备
      </Button>
      <FieldMessage error={failure} field="" />
      {dialog}
    </>
  )
}

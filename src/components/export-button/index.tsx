import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { ariaRole } from '../../utils/a11y'
import { saveDocument } from '../../utils/save-document'
import './index.css'

interface ExportButtonProps {
  /** Asks the server for the document (an `.xlsx` or `.docx`, told by its file name). */
  load: () => Promise<{ fileName: string; base64: string }>
  label?: string
}

/**
 * 导出 Excel (or 会议记录): fetches a document and hands it to the phone (WeChat's document
 * viewer in the mini-program, a download on H5), saying in words whether it worked.
 */
export default function ExportButton({ load, label = '导出 Excel' }: ExportButtonProps) {
  const [state, setState] = useState<{ busy: boolean; message: string | null }>({
    busy: false,
    message: null,
  })
  const run = async () => {
    setState({ busy: true, message: null })
    try {
      await saveDocument(await load())
      setState({ busy: false, message: '已导出' })
    } catch (caught) {
      setState({ busy: false, message: (caught as Error).message || '没有导出成功，请重试' })
    }
  }
  return (
    <View className="export-button">
      <Button
        className="export-button__button"
        type="primary"
        block
        disabled={state.busy}
        loading={state.busy}
        onClick={() => void run()}
      >
        {label}
      </Button>
      {state.message ? (
        <View className="vh-text" {...ariaRole('status')}>
          {state.message}
        </View>
      ) : null}
    </View>
  )
}

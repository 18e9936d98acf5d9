import { Dialog } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'

export interface ConfirmRequest {
  title: string
  message: string
  confirmText: string
  onConfirm: () => void
}

/** One confirm dialog for a page: `ask` opens it, `dialog` is placed once in the page. */
export function useConfirm(): { ask: (request: ConfirmRequest) => void; dialog: ReactNode } {
  const [request, setRequest] = useState<ConfirmRequest | null>(null)
  const dialog = (
    <Dialog
      visible={request !== null}
      title={request?.title}
      confirmText={request?.confirmText}
      cancelText="取消"
      onConfirm={() => {
        setRequest(null)
        request?.onConfirm()
      }}
      onCancel={() => setRequest(null)}
    >
      {request?.message}
    </Dialog>
  )
  return { ask: setRequest, dialog }
}

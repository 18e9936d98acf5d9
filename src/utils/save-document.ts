import Taro from '@tarojs/taro'

/**
 * The kinds of document the server exports (会议记录 in Word, tables in Excel), each with the
 * type WeChat's document viewer opens it as and its MIME type for a download on H5.
 */
const documentMimes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const
type DocumentType = keyof typeof documentMimes

/** The document's type, read from its file name's extension (`会议记录.docx` → docx). */
export function documentTypeOf(fileName: string): DocumentType {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase()
  if (!Object.keys(documentMimes).includes(extension)) {
    throw new Error('这种文件在手机上打不开，请告诉村里管理员')
  }
  return extension as DocumentType
}

/**
 * Hands an exported document to the phone: in the mini-program a file of its own, opened in
 * WeChat's document viewer (whose menu forwards or saves it); on H5 a download.
 */
export async function saveDocument(file: { fileName: string; base64: string }): Promise<void> {
  const fileType = documentTypeOf(file.fileName)
  if (process.env.TARO_ENV !== 'weapp') {
    const link = document.createElement('a')
    link.href = `data:${documentMimes[fileType]};base64,${file.base64}`
    link.download = file.fileName
    link.click()
    return
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.fileName}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: file.base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: () => reject(new Error('手机存储空间不够，没能保存文件。请清理一下手机再试。')),
    }),
  )
  await Taro.openDocument({ filePath, fileType, showMenu: true })
}

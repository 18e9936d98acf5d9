import Taro from '@tarojs/taro'

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Hands an exported workbook to the phone: in the mini-program a file of its own, opened in
 * WeChat's document viewer (whose menu forwards or saves it); on H5 a download.
 */
export async function saveWorkbook(file: { fileName: string; base64: string }): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') {
    const link = document.createElement('a')
    link.href = `data:${xlsxMime};base64,${file.base64}`
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
      fail: () => reject(new Error('手机存储空间不够，没能保存表格。请清理一下手机再试。')),
    }),
  )
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
}

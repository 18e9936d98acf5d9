import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { newPhone, screenshot, withDemoVillage } from './support/village'

const run = withDemoVillage()

test('the admin prints the village QR code; scanning it opens the app with the village noted', async () => {
  // The gateway's QR codes link to where the H5 app is served: here, this test server.
  run.village.services.config.publicUrl = run.village.url
  const page = await run.signIn('刘志强')
  await page.goto(`${run.village.url}/#/admin/pages/index/index`)
  await page.getByText('村里的二维码').first().tap()
  await page.getByText('村码 XH5T6K').waitFor()
  await page.getByText('下载二维码图片', { exact: true }).waitFor()
  await screenshot(page, 'village-code')

  // Read off the screen, as a phone held up to the poster would: the code must be whole there.
  const shown = PNG.sync.read(await page.locator('.village-code__frame').screenshot())
  const link = jsQR(new Uint8ClampedArray(shown.data), shown.width, shown.height)?.data
  expect(link).toBe(`${run.village.url}/#/pages/home/index?v=XH5T6K`)

  // Someone scans it with a phone that never opened the app: they are asked to sign in, and the
  // village is remembered for the village picker.
  const visitor = await (await newPhone(run.browser)).newPage()
  await visitor.goto(link!)
  await visitor.getByText('选择体验身份（演示模式）').waitFor()
  const remembered = await visitor.evaluate(() => localStorage.getItem('launchVillage'))
  expect(remembered).toContain('XH5T6K')
})

import { Image, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { VillageQrCode } from '../../../../types/admin'
import PageShell from '../../../components/page-shell'
// Right after PageShell on every admin page, so the shared CSS comes in the same order everywhere.
import RoleGate from '../../../components/role-gate'
import { retryFor } from '../../../components/page-shell/retry-for'
import { useQuery } from '../../../hooks/use-query'
import { ariaRole, focusable } from '../../../utils/a11y'
import { leavePage } from '../../components/navigation'
import { downloadImage, imageSrc, KeepImageError, previewLarge, saveToAlbum } from './keep-image'
import '../../components/admin.css'
import './index.css'

/** 村里的二维码: a poster to print, whose code opens 村民之家 with the village already chosen. */
export default function VillageCodePage() {
  return (
    <RoleGate roles={['admin']} area="管理后台" className="admin-page" title="村里的二维码">
      <VillageCodeScreen />
    </RoleGate>
  )
}

function VillageCodeScreen() {
  const poster = useQuery('admin', 'villageQrCode')
  const retry = retryFor(poster.error, poster.reload)
  return (
    <PageShell
      className="admin-page"
      title="村里的二维码"
      loading={poster.loading && !poster.data}
      error={poster.error}
      onRetry={retry}
    >
      {poster.data ? <Poster poster={poster.data} /> : null}
    </PageShell>
  )
}

type Outcome = { ok: boolean; message: string } | null

function Poster({ poster }: { poster: VillageQrCode }) {
  const isWeapp = process.env.TARO_ENV === 'weapp'
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)

  const keep = async (how: () => Promise<void>, done: string | null) => {
    setBusy(true)
    setOutcome(null)
    try {
      await how()
      if (done) setOutcome({ ok: true, message: done })
    } catch (caught) {
      setOutcome({
        ok: false,
        message: caught instanceof KeepImageError ? caught.message : '没有成功，请再试一次。',
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="village-code">
      <View className="vh-card village-code__poster">
        <View className="village-code__town">{poster.townName}</View>
        <View className="village-code__name">{poster.villageName}</View>
        {/* Sized by a square frame (the image element's own font-size is 0, so em in it is 0);
            both kinds of code are square, so filling the frame keeps their shape. */}
        <View
          className="village-code__frame"
          {...ariaRole('img')}
          aria-label={`${poster.villageName}的二维码`}
        >
          <Image
            className="village-code__image"
            src={imageSrc(poster)}
            mode="scaleToFill"
            showMenuByLongpress
            // H5: the frame around it already names the code (role img); the picture itself is
            // decoration to a screen reader.
            nativeProps={isWeapp ? undefined : { alt: '' }}
          />
        </View>
        <View className="village-code__scan">
          {poster.kind === 'miniProgramCode' ? '微信扫一扫' : '用微信或手机相机扫一扫'}
          ，进入{poster.villageName}的村民之家
        </View>
        <View className="village-code__code">村码 {poster.code}</View>
      </View>

      <View className="village-code__actions">
        {isWeapp ? (
          <>
            <Button
              className="admin-button"
              type="primary"
              block
              loading={busy}
              disabled={busy}
              onClick={() =>
                void keep(
                  () => saveToAlbum(poster),
                  '已保存到手机相册。可以发到打印店，或用村委会的打印机打印。',
                )
              }
            >
              保存到手机相册
            </Button>
            <Button
              className="admin-button"
              fill="outline"
              block
              disabled={busy}
              onClick={() => void keep(() => previewLarge(poster), null)}
            >
              看大图（长按可转发给打印店）
            </Button>
          </>
        ) : (
          <Button
            className="admin-button"
            type="primary"
            block
            onClick={() =>
              void keep(async () => downloadImage(poster), '图片已下载。找到下载的图片，打印出来。')
            }
          >
            下载二维码图片
          </Button>
        )}
        {outcome ? (
          <View
            className={outcome.ok ? 'village-code__done' : 'admin-form-error'}
            {...ariaRole(outcome.ok ? 'status' : 'alert')}
          >
            {outcome.message}
          </View>
        ) : null}
      </View>

      <View className="vh-card village-code__how">
        <View className="village-code__how-title">怎么用</View>
        <View className="village-code__step">
          1. {isWeapp ? '点“保存到手机相册”' : '点“下载二维码图片”，手机上也可以长按二维码保存'}
          ，再打印出来，最好打印得比巴掌大。保存的只有二维码；想连村名一起打印，可以把上面这张海报截屏。
        </View>
        <View className="village-code__step">
          2. 贴在村委会、党群服务中心门口和村里的公告栏；也可以发到村民微信群里。
        </View>
        <View className="village-code__step">
          3. 村民用微信扫一扫，就能打开村民之家，{poster.villageName}已经替他选好了，
          第一次用的人只要填个称呼就能加入。
        </View>
        {poster.link ? (
          <View className="village-code__link">二维码里的网址：{poster.link}</View>
        ) : null}
      </View>

      <View
        className="vh-link vh-tap village-code__back"
        {...ariaRole('link')}
        {...focusable()}
        onClick={leavePage}
      >
        ‹ 回到管理后台
      </View>
    </View>
  )
}

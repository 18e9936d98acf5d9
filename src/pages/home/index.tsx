import { Text, View } from '@tarojs/components'
import { focusable, pageHeading } from '../../utils/a11y'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import PageShell from '../../components/page-shell'
import MembershipNotice from '../../components/membership-notice'
import { SIGN_IN_PAGE } from '../../services/api'
import { captureLaunchVillage } from '../../services/launch-village'
import { useMe } from '../../services/me'
import { homeTiles, openTile } from './tiles'
import './index.css'

export default function HomePage() {
  const { params } = useRouter()
  // Before useMe: a first-time villager is sent to sign-in at once, and the village named by
  // the link they opened must be remembered by then.
  useEffect(() => {
    captureLaunchVillage(params)
  }, [params])
  const { me, loading, error, refresh } = useMe()
  const village = me?.village

  useEffect(() => {
    // Signed in but no village yet: the sign-in page asks for it.
    if (me && !me.village) void Taro.reLaunch({ url: SIGN_IN_PAGE })
  }, [me])

  return (
    <PageShell loading={loading || !village} error={error} onRetry={() => void refresh()}>
      {me && village ? (
        <View className="home">
          <View className="home__header">
            <Text className="home__village">
              {village.name} · {village.townName}
            </Text>
            <Text className="home__greeting" {...pageHeading()}>
              {me.user.displayName}，您好！
            </Text>
          </View>
          <MembershipNotice me={me} />
          <View className="home__tiles">
            {homeTiles.map((tile) => (
              <View
                key={tile.url}
                className="home__tile"
                hoverClass="home__tile--pressed"
                // Reachable by keyboard, which also lets the page scroll that way on a small phone.
                {...focusable()}
                onClick={() => openTile(tile)}
              >
                <Text className="home__tile-title">{tile.title}</Text>
                <Text className="home__tile-caption">{tile.caption}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </PageShell>
  )
}

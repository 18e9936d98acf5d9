import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ariaRole, focusable } from '../../utils/a11y'

/** What we keep about a villager and why, folded away until asked for. */
const sections: { heading: string; text: string }[] = [
  {
    heading: '我们记录什么',
    text: '您的微信身份标识（openid，用来认出是您）、您自己填写的称呼、您所在的村、您在村里的编号（加入时按先后给的，用来区分同名的人）、您在村里的身份（比如村民、工作人员）、您的登录记录（只存一串校验码，到期自动失效），以及您以后在这里办的事，比如提的建议、办事预约、红白喜事报备。',
  },
  {
    heading: '为什么要记录',
    text: '知道您是哪个村的，才能给您看本村的消息；您办的事，要让村里的工作人员和议事会知道，才能帮您办。',
  },
  {
    heading: '谁能看到',
    text: '您办的事，只有本村负责这件事的工作人员或议事会成员能看到。别的村的人看不到您的任何信息。您选了一个村以后，村里的工作人员和管理员能看到您的称呼，由他们决定是否同意您加入；同意之前，您看不到理事会成员的电话。',
  },
  {
    heading: '不给别人',
    text: '您的信息不会卖给、也不会交给任何外部公司或个人。',
  },
  {
    heading: '退出本村',
    text: '在“我的”里点“退出本村”：您在这个村的身份都会撤销，村里的消息不再发给您，之后可以选别的村加入。村里的操作记录照样保留。村里唯一的管理员要先让别人当管理员才能退出。选错了村，也可以请本村管理员把您移到别的村。',
  },
  {
    heading: '注销账号（删除您的信息）',
    text: '在“我的”里点“注销账号”，马上生效，不能恢复。会删除：您的称呼、微信身份标识、登录记录、发给您的消息和还没发出的微信通知、您同意接收通知的记录，以及这台手机上本程序存的内容。会保留（村里必须留底）：操作记录、身份的授予和撤销记录、您发布的村规版本、邀请码记录，上面的名字都改为“已注销村民”加您原来的村民编号，不再显示您的称呼；红白喜事报备留下类型、日期和各项数字（理事会留底和每月统计要用），主家改为“已注销村民”，地点和您写的说明删除。注销后再用微信进来，就是一个新用户。',
  },
  {
    heading: '想更正怎么办',
    text: '称呼填错了，请告诉本村的管理员，由村里转交系统的维护人员更正。',
  },
]

export default function PrivacyNotice() {
  const [open, setOpen] = useState(false)
  return (
    <View className="vh-card me__privacy">
      <View
        className="vh-row me__privacy-toggle"
        hoverClass="vh-row--hover"
        {...ariaRole('button')}
        {...focusable()}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Text className="me__card-title">隐私说明</Text>
        <Text className="vh-row__arrow">{open ? '收起 ▲' : '展开 ▼'}</Text>
      </View>
      {open
        ? sections.map((section) => (
            <View key={section.heading} className="me__privacy-section">
              <Text className="me__privacy-heading">{section.heading}</Text>
              <Text className="me__privacy-text">{section.text}</Text>
            </View>
          ))
        : null}
    </View>
  )
}

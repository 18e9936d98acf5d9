import type { CeremonyCouncilPost } from '../../types/ceremony'
import type { PersonaKey } from '../../types/session'
import type { GrantableRole } from '../../types/roles'
import type { RulesPublishInput } from '../../types/rules'

/**
 * The demo's towns and villages. 石龙村 is the one the personas live in. Their QR codes' village
 * codes are fixed, so a demo poster printed once keeps working after `./data` is deleted.
 */
export const demoTowns = [
  { id: 'town-xianhe', name: '仙鹤镇' },
  { id: 'town-qingshan', name: '青山镇' },
]
export const demoVillages = [
  {
    id: 'village-shilong',
    code: 'XH5T6K',
    townId: 'town-xianhe',
    name: '石龙村',
    intro: '石龙村位于仙鹤镇东部，共 6 个村民小组、412 户 1536 人。',
  },
  {
    id: 'village-bailu',
    code: 'XH8W3M',
    townId: 'town-xianhe',
    name: '白鹭村',
    intro: '白鹭村位于仙鹤镇西部，临白鹭河。',
  },
  {
    id: 'village-taoyuan',
    code: 'QS4Y7P',
    townId: 'town-qingshan',
    name: '桃源村',
    intro: '桃源村是青山镇的中心村。',
  },
]

export const demoPersonas: { key: PersonaKey; displayName: string; roles: GrantableRole[] }[] = [
  { key: 'villager', displayName: '张秀英', roles: [] },
  { key: 'staff', displayName: '李明', roles: ['staff', 'villageCommittee'] },
  { key: 'councilMember', displayName: '王建国', roles: ['councilMember'] },
  { key: 'councilChair', displayName: '赵德厚', roles: ['councilChair', 'councilMember'] },
  { key: 'partyReviewer', displayName: '陈红梅', roles: ['partyReviewer'] },
  { key: 'admin', displayName: '刘志强', roles: ['admin'] },
]

/** Earlier rules, kept so "历史版本" has something to open. */
export const shilongRulesV1: Omit<RulesPublishInput, 'basedOnVersionNo'> = {
  title: '石龙村村规民约',
  adoptedOn: '2019-03-12',
  preamble: '为建设文明和谐的石龙村，经村民会议讨论通过，制定本村规民约。',
  chapters: [
    {
      title: '总则',
      articles: [
        { text: '本村规民约适用于本村全体村民，村民应当自觉遵守。' },
        { text: '村民委员会负责本村规民约的宣传和监督执行。' },
      ],
    },
    {
      title: '移风易俗',
      articles: [
        { text: '红白喜事从简办理，酒席不超过 25 桌，每桌不超过 300 元。' },
        { text: '提倡婚事新办，彩礼不超过 30000 元。' },
      ],
    },
  ],
}

export const shilongRulesV2: Omit<RulesPublishInput, 'basedOnVersionNo'> = {
  title: '石龙村村规民约（2024 年修订）',
  adoptedOn: '2024-03-15',
  preamble:
    '为推进移风易俗、建设文明乡风，根据有关法律法规和政策，结合本村实际，经村民会议讨论通过，修订本村规民约，请全体村民共同遵守。',
  chapters: [
    {
      title: '总则',
      articles: [
        { text: '本村规民约适用于本村全体村民和在本村居住的人员，大家共同遵守、互相监督。' },
        {
          text: '村民委员会负责本村规民约的宣传和执行；百姓议事会收集村民意见，村规民约的修改须经村民会议讨论通过。',
        },
      ],
    },
    {
      title: '社会治安',
      articles: [
        {
          text: '自觉遵守法律法规，不参与赌博、封建迷信活动，发现违法犯罪及时向村委会或派出所报告。',
        },
        { text: '邻里纠纷先找网格员、调解委员会调解，不聚众闹事，不越级缠访。' },
        { text: '爱护公共设施，不破坏路灯、水渠、健身器材等集体财产，损坏的照价赔偿。' },
      ],
    },
    {
      title: '村风民俗',
      articles: [
        {
          text: '红白喜事由村红白理事会指导办理，事前向红白理事会报备，酒席不超过 20 桌，每桌标准不超过 350 元。',
        },
        { text: '婚事新办，不索要高额彩礼，彩礼不超过 20000 元；婚车不超过 6 辆。' },
        { text: '丧事简办，提倡文明祭祀，不搞封建迷信，出殡不燃放大型烟花爆竹。' },
        {
          text: '升学、乔迁、满月、祝寿等事宜提倡不办酒席；确需办理的，只请直系亲属，不大操大办。',
        },
        {
          text: '人情往来礼金，亲属不超过 200 元，邻里朋友不超过 100 元，不攀比，不借机敛财。',
        },
      ],
    },
    {
      title: '邻里关系',
      articles: [
        { text: '邻里之间互谅互让、互相帮助，宅基地、通道、排水等纠纷协商解决。' },
        { text: '关爱孤寡老人、留守儿童和残疾人，积极参加志愿服务。' },
      ],
    },
    {
      title: '环境卫生',
      articles: [
        { text: '生活垃圾分类投放到指定地点，不乱倒垃圾、不乱扔杂物。' },
        { text: '房前屋后保持整洁，柴草、农具堆放整齐，不占用道路。' },
        { text: '禁止焚烧秸秆，畜禽圈养，粪污不直排河道。' },
      ],
    },
    {
      title: '婚姻家庭',
      articles: [
        { text: '婚姻自由、男女平等，反对包办买卖婚姻。' },
        { text: '子女应当赡养父母，不得虐待、遗弃老人。' },
      ],
    },
    {
      title: '附则',
      articles: [
        { text: '违反本村规民约的，由村民委员会批评教育，情节严重的依法处理。' },
        { text: '本村规民约自村民会议通过之日起施行，由村民委员会负责解释。' },
      ],
    },
  ],
}

/** 白鹭村 has rules of its own: used to show one village never sees another's. */
export const bailuRules: Omit<RulesPublishInput, 'basedOnVersionNo'> = {
  title: '白鹭村村规民约',
  adoptedOn: '2023-06-01',
  preamble: '经白鹭村村民会议讨论通过。',
  chapters: [
    {
      title: '总则',
      articles: [{ text: '保护白鹭河，不向河道倾倒垃圾，不电鱼炸鱼。' }],
    },
  ],
}

/** Most starting caps need no note; the few that do say something a villager would ask about. */
export const demoLimitNotes = {
  gifts: {
    'wedding.relative': '彩礼另有标准，见酒席标准',
    'funeral.neighborFriend': '可以送花圈、挽联代替礼金',
    'schoolAdmission.neighborFriend': '提倡只道贺，不随礼',
  },
  banquet: '酒席提倡光盘，烟酒由红白理事会推荐平价品种。',
} as const

export const demoCeremonyCouncil: {
  post: CeremonyCouncilPost
  holderName: string
  phone: string
}[] = [
  { post: 'chair', holderName: '周长林', phone: '13907310001' },
  { post: 'supervisor', holderName: '吴桂芳', phone: '13907310002' },
  { post: 'inspector', holderName: '郑国平', phone: '13907310003' },
  { post: 'coordinator', holderName: '孙玉兰', phone: '13907310004' },
  { post: 'organizer', holderName: '黄大春', phone: '13907310005' },
  { post: 'cashier', holderName: '何美华', phone: '13907310006' },
]

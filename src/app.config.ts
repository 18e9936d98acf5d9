const BRAND = '#b8322b'

export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/council/index',
    'pages/rules/index',
    'pages/service-center/index',
    'pages/me/index',
    'pages/rules-article/index',
    'pages/ceremony/index',
  ],
  subPackages: [
    {
      root: 'admin',
      pages: [
        'pages/index/index',
        'pages/rules-publish/index',
        'pages/limits/index',
        'pages/people/index',
        'pages/audit-log/index',
        'pages/outbox/index',
        'pages/village-code/index',
        'pages/pending/index',
        'pages/held-words/index',
      ],
    },
    // Sign-in and the two forms checked with the contract's schemas (picking one's village, an
    // invitation code): visited seldom, and their schemas would bring zod into the main package.
    { root: 'account', pages: ['pages/sign-in/index', 'pages/invitation/index'] },
    // Not a tab and not on the first screen: kept out of the main package, which is near its budget.
    { root: 'messages', pages: ['pages/index/index'] },
    // 红白喜事报备: the family's form, 我的报备 and the monthly summary; the council's queue apart.
    {
      root: 'ceremony-filing',
      pages: ['pages/new/index', 'pages/mine/index', 'pages/detail/index', 'pages/summary/index'],
    },
    {
      root: 'ceremony-council',
      pages: ['pages/queue/index', 'pages/filing/index', 'pages/settings/index'],
    },
    // 党群服务中心 booking for villagers: a service and its slots, the booking form, 我的预约.
    { root: 'service', pages: ['pages/service/index', 'pages/book/index', 'pages/mine/index'] },
    // 党群服务中心's staff: the desk, 回访, the center's settings, the roster, the figures.
    {
      root: 'staff',
      pages: [
        'pages/desk/index',
        'pages/walk-in/index',
        'pages/follow-ups/index',
        'pages/settings/index',
        'pages/services/index',
        'pages/roster/index',
        'pages/figures/index',
      ],
    },
    // 百姓议事会: a villager's suggestions; the council's work apart, for its members only.
    { root: 'suggest', pages: ['pages/new/index', 'pages/mine/index', 'pages/board/index'] },
    {
      root: 'council',
      pages: [
        'pages/inbox/index',
        'pages/topics/index',
        'pages/topic/index',
        'pages/meetings/index',
        'pages/meeting/index',
        'pages/schedule/index',
        'pages/resolutions/index',
        'pages/points/index',
        'pages/meeting-rules/index',
      ],
    },
  ],
  window: {
    navigationBarTitleText: '村民之家',
    // explicit 'default' also shows Taro's title bar with a back button on h5
    navigationStyle: 'default',
    navigationBarBackgroundColor: BRAND,
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f3f0',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#555555',
    selectedColor: BRAND,
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/council/index',
        text: '议事',
        iconPath: 'assets/tab/council.png',
        selectedIconPath: 'assets/tab/council-active.png',
      },
      {
        pagePath: 'pages/rules/index',
        text: '村规',
        iconPath: 'assets/tab/rules.png',
        selectedIconPath: 'assets/tab/rules-active.png',
      },
      {
        pagePath: 'pages/service-center/index',
        text: '办事',
        iconPath: 'assets/tab/service.png',
        selectedIconPath: 'assets/tab/service-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // H5 only (app.json has no such field): instant page switches, kinder to cheap phones than
  // Taro's slide. Quick backs are made safe by the patches in patches/ (see its README), not by this.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
})

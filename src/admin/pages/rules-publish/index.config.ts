export default definePageConfig({
  navigationBarTitleText: '发布新版村规',
})

export default definePageConfig({
  navigationBarTitleText: '本村二维码',
})

export default definePageConfig({
  navigationBarTitleText: '报备详情',
})

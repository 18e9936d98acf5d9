export default definePageConfig({
  navigationBarTitleText: '处理报备',
})

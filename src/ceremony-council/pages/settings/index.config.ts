export default definePageConfig({
  navigationBarTitleText: '报备期限',
})

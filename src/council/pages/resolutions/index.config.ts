export default definePageConfig({
  navigationBarTitleText: '决议办理',
})

export default definePageConfig({
  navigationBarTitleText: '议事公开栏',
})

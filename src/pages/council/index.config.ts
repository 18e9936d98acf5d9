export default definePageConfig({
  navigationBarTitleText: '百姓议事会',
})

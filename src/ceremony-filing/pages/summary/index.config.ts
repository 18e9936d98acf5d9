export default definePageConfig({
  navigationBarTitleText: '月度汇总',
})

export default definePageConfig({
  navigationBarTitleText: '红白喜事月度汇总',
})

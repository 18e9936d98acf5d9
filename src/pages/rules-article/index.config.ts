export default definePageConfig({
  navigationBarTitleText: '村规条款',
  enableShareAppMessage: true,
})

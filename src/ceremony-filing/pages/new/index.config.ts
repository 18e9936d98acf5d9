export default definePageConfig({
  navigationBarTitleText: '红白喜事报备',
})

export default definePageConfig({
  navigationBarTitleText: '礼金酒席标准',
})

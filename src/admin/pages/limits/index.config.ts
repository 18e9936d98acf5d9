export default definePageConfig({
  navigationBarTitleText: '礼金与酒席',
})

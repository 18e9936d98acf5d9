export default definePageConfig({
  navigationBarTitleText: '礼金和酒席标准',
})

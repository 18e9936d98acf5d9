export default definePageConfig({
  navigationBarTitleText: '村里的二维码',
})

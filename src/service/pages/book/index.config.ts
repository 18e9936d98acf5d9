export default definePageConfig({
  navigationBarTitleText: '填写预约',
})

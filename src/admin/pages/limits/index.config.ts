export default definePageConfig({ navigationBarTitleText: '礼金与宴席标准' })

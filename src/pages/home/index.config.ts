export default definePageConfig({ navigationBarTitleText: '村民之家' })

/**
 * The 党群服务中心's service categories and their names, apart from the schemas in
 * ./service-center so the 办事 tab (main package) shows them without zod.
 */

export const serviceCategories = [
  'certificate',
  'socialInsurance',
  'legalAid',
  'convenience',
  'other',
] as const
export type ServiceCategory = (typeof serviceCategories)[number]
export const serviceCategoryLabels: Record<ServiceCategory, string> = {
  certificate: '证明开具',
  socialInsurance: '社保医保',
  legalAid: '法律援助',
  convenience: '便民代办',
  other: '其他事项',
}

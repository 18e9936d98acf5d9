import type { GrantableRole } from './roles'

/**
 * The 党群服务中心's words the main package shows: the 办事 tab (services by category) and 我的
 * (the 服务台 entry). Kept apart from types/service-center.ts, which re-exports them, because
 * whatever module a main-package page imports is bundled into the main package with every export
 * any subpackage uses from it — there the contract's schemas.
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

/** Who works the service desk and sees every appointment of the village: staff, and admins. */
export const serviceDeskRoles = ['staff', 'admin'] as const satisfies readonly GrantableRole[]

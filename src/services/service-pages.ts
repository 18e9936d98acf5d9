/**
 * The pages of the `service` subpackage (党群服务中心 booking), by address: the 办事 tab and 我的
 * in the main package link to them without importing the subpackage's code.
 */
export const servicePages = {
  service: (serviceId: string) =>
    `/service/pages/service/index?id=${encodeURIComponent(serviceId)}`,
  book: (serviceId: string, slotStart: string) =>
    `/service/pages/book/index?serviceId=${encodeURIComponent(serviceId)}&slotStart=${encodeURIComponent(slotStart)}`,
  mine: '/service/pages/mine/index',
}

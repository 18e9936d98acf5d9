import {
  appointmentChannelLabels,
  appointmentStatusLabels,
  followUpMethodLabels,
  type DeskAppointment,
  type ExportFile,
} from '../../types/service-center'
import { formatVillageDateTime } from '../../types/village-time'

/**
 * A day's or a month's appointments and their follow-ups as an Excel workbook: one sheet each,
 * in the words staff read on the desk, base64 so both the cloud function and the gateway carry
 * it as JSON.
 */
export async function appointmentsWorkbook(
  title: string,
  appointments: DeskAppointment[],
): Promise<ExportFile> {
  // Loaded on the first export only, as the ceremony summary's: exceljs is most of the cloud
  // function bundle, and nothing else needs it at start.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const bookings = workbook.addWorksheet('预约')
  bookings.columns = [
    { header: '时间', key: 'start', width: 20 },
    { header: '服务事项', key: 'service', width: 16 },
    { header: '状态', key: 'status', width: 16 },
    { header: '来源', key: 'channel', width: 10 },
    { header: '预约人', key: 'bookedBy', width: 16 },
    { header: '联系人', key: 'contactName', width: 12 },
    { header: '电话', key: 'phone', width: 16 },
    { header: '代办对象', key: 'proxyFor', width: 12 },
    { header: '上门地址', key: 'address', width: 24 },
    { header: '说明', key: 'note', width: 24 },
    { header: '办理结果', key: 'result', width: 24 },
  ]
  for (const a of appointments) {
    bookings.addRow({
      start: formatVillageDateTime(a.start),
      service: a.serviceName,
      status: appointmentStatusLabels[a.status],
      channel: appointmentChannelLabels[a.channel],
      bookedBy: a.bookedBy,
      contactName: a.contactName,
      phone: a.contactPhone,
      proxyFor: a.proxyFor,
      address: a.homeVisit ? a.address : '',
      note: a.note,
      result: a.result,
    })
  }
  const followUps = workbook.addWorksheet('回访')
  followUps.columns = [
    { header: '预约时间', key: 'start', width: 20 },
    { header: '服务事项', key: 'service', width: 16 },
    { header: '预约人', key: 'bookedBy', width: 16 },
    { header: '回访方式', key: 'method', width: 12 },
    { header: '回访时间', key: 'at', width: 20 },
    { header: '满意度', key: 'satisfaction', width: 8 },
    { header: '备注', key: 'remarks', width: 24 },
    { header: '回访人', key: 'byName', width: 12 },
  ]
  for (const a of appointments) {
    if (!a.followUp) continue
    followUps.addRow({
      start: formatVillageDateTime(a.start),
      service: a.serviceName,
      bookedBy: a.bookedBy,
      method: followUpMethodLabels[a.followUp.method],
      at: formatVillageDateTime(a.followUp.followedUpAt),
      satisfaction: a.followUp.satisfaction,
      remarks: a.followUp.remarks,
      byName: a.followUp.byName,
    })
  }
  for (const sheet of [bookings, followUps]) sheet.getRow(1).font = { bold: true }
  const buffer = await workbook.xlsx.writeBuffer()
  return { fileName: `${title}.xlsx`, base64: Buffer.from(buffer).toString('base64') }
}

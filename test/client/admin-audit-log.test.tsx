import { act, fireEvent, render, screen } from '@testing-library/react'
import type { AuditEntry } from '../../types/admin'
import AuditLogPage from '../../src/admin/pages/audit-log'
import { auditActionLabel, describeValue } from '../../src/admin/pages/audit-log/describe'
import { call } from '../../src/services/api'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

// Signed in as the village admin.
jest.mock('../../src/services/me', () => jest.requireActual('./support/signed-in-admin'))

const mockedCall = call as jest.MockedFunction<typeof call>

function entry(index: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: `e${index}`,
    actorName: '村管理员',
    actorVillagerNo: 1,
    action: 'ceremony.updateGiftLimit',
    target: `婚嫁礼金 · 亲属 ${index}`,
    before: { ceremonyType: 'wedding', relationship: 'relative', maxAmount: 600, note: '' },
    after: { ceremonyType: 'wedding', relationship: 'relative', maxAmount: 800, note: '' },
    // newest first: a minute apart, going back in time
    createdAt: new Date(Date.UTC(2025, 0, 10, 12, 0) - index * 60000).toISOString(),
    ...overrides,
  }
}

describe('audit log wording', () => {
  it('names known actions in Chinese and shows unknown ones as they are', () => {
    expect(auditActionLabel('ceremony.updateGiftLimit')).toBe('修改礼金标准')
    expect(auditActionLabel('rules.publish')).toBe('发布村规')
    expect(auditActionLabel('council.somethingNew')).toBe('council.somethingNew')
  })

  it('turns recorded values into name：value lines', () => {
    expect(describeValue(entry(0).after)).toEqual([
      '事项：婚嫁',
      '关系：亲属',
      '礼金上限（元）：800',
      '说明：（空）',
    ])
    expect(describeValue({ roles: ['villager', 'staff'] })).toEqual(['身份：村民、工作人员'])
    expect(describeValue({ status: 'revoked' })).toEqual(['状态：已作废'])
    expect(describeValue({ extra: { depth: 2 }, list: [{ a: 1 }] })).toEqual([
      'extra.depth：2',
      'list[1].a：1',
    ])
    expect(describeValue(null)).toEqual([])
    expect(describeValue('纯文字')).toEqual(['纯文字'])
  })
})

describe('操作日志 page', () => {
  it('shows entries newest first and loads older ones with the before cursor', async () => {
    const firstPage = Array.from({ length: 20 }, (_, index) => entry(index))
    const secondPage = [entry(20, { action: 'admin.revokeRole', target: '张三' })]
    mockedCall.mockImplementation((async (_fn: string, _action: string, data?: unknown) => {
      const { before } = data as { before?: string }
      return before ? secondPage : firstPage
    }) as typeof call)

    render(<AuditLogPage />)
    expect(await screen.findByText('婚嫁礼金 · 亲属 0')).toBeTruthy()
    expect(screen.getAllByText('修改礼金标准')).toHaveLength(20)
    expect(screen.queryByText('张三')).toBeNull()

    await act(async () => {
      fireEvent.click(screen.getByText('加载更多', { selector: '.nut-button-children' }))
    })
    expect(mockedCall).toHaveBeenLastCalledWith('admin', 'auditLog', {
      limit: 20,
      before: { createdAt: firstPage[19].createdAt, id: firstPage[19].id },
    })
    expect(await screen.findByText('张三')).toBeTruthy()
    expect(screen.getByText('撤销身份')).toBeTruthy()
    expect(screen.getByText('没有更早的记录了')).toBeTruthy()
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  it('tells two actors of the same name apart by their villager numbers; 系统 has none', async () => {
    mockedCall.mockResolvedValue([
      entry(0, { actorName: '张三', actorVillagerNo: 3, target: '甲' }),
      entry(1, { actorName: '张三', actorVillagerNo: 12, target: '乙' }),
      entry(2, { actorName: '系统', actorVillagerNo: null, target: '丙' }),
    ])
    render(<AuditLogPage />)
    const actorOf = async (target: string) =>
      (await screen.findByText(target)).closest('.audit-log__entry')?.textContent ?? ''
    expect(await actorOf('甲')).toContain('张三（3号） · ')
    expect(await actorOf('乙')).toContain('张三（12号） · ')
    expect(await actorOf('丙')).toMatch(/系统 · /)
    expect(await actorOf('丙')).not.toContain('号')
  })

  it('folds the before/after values until asked', async () => {
    mockedCall.mockResolvedValue([entry(0)])
    render(<AuditLogPage />)
    await screen.findByText('婚嫁礼金 · 亲属 0')
    expect(screen.queryByText('礼金上限（元）：800')).toBeNull()
    fireEvent.click(screen.getByText('查看改动 ▾'))
    expect(screen.getByText('改之前')).toBeTruthy()
    expect(screen.getByText('礼金上限（元）：600')).toBeTruthy()
    // what changed is marked; what stayed the same is not
    expect(screen.getByText('礼金上限（元）：800').className).toContain('audit-log__line--changed')
    expect(screen.getAllByText('事项：婚嫁')[1].className).not.toContain('--changed')
  })
})

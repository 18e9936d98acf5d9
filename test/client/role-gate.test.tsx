import { render, screen } from '@testing-library/react'
import type { Me } from '../../types/session'
import RoleGate from '../../src/components/role-gate'
import { call } from '../../src/services/api'
import { resetMeForTests } from '../../src/services/me'
import { setToken } from '../../src/services/session-store'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

const mockedCall = call as jest.MockedFunction<typeof call>

function signedInAs(roles: Me['roles']) {
  mockedCall.mockResolvedValue({
    user: { id: 'u1', displayName: '李明' },
    village: { id: 'v1', name: '石龙村', townId: 't1', townName: '仙鹤镇' },
    roles,
    membership: 'approved',
    demo: true,
  } satisfies Me)
}

function renderGate() {
  render(
    <RoleGate roles={['staff', 'councilMember']} area="预约值班" title="今日预约">
      <div>预约名单</div>
    </RoleGate>,
  )
}

beforeEach(() => {
  mockedCall.mockReset()
  resetMeForTests()
  setToken('test-token')
})

describe('RoleGate', () => {
  it('shows the page to anyone holding one of the roles', async () => {
    signedInAs(['villager', 'councilMember'])
    renderGate()
    expect(await screen.findByText('预约名单')).toBeTruthy()
  })

  it('names the roles that may see the page to everyone else, and hides the page', async () => {
    signedInAs(['villager', 'admin'])
    renderGate()
    expect(await screen.findByText('只有工作人员或议事会成员可以使用预约值班')).toBeTruthy()
    expect(screen.queryByText('预约名单')).toBeNull()
    expect(screen.getByText('今日预约')).toBeTruthy()
  })

  it('shows the loading state while the user is not known yet', () => {
    mockedCall.mockReturnValue(new Promise(() => undefined))
    renderGate()
    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(screen.queryByText('预约名单')).toBeNull()
  })
})

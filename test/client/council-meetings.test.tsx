import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Meeting, MeetingSummary, Resolution } from '../../types/council-meetings'
import { earliestMeetingDay } from '../../types/council-rules'
import MeetingsPage from '../../src/council/pages/meetings'
import MeetingPage from '../../src/council/pages/meeting'
import SchedulePage from '../../src/council/pages/schedule'
import ResolutionsPage from '../../src/council/pages/resolutions'
import CouncilTabPage from '../../src/pages/council'
import { ApiCallError, call } from '../../src/services/api'
import { typeInto } from './support/native-control'
import { signedIn } from './support/signed-in-villager'

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  call: jest.fn(),
}))

const mockRouter = { params: { id: 'm1' } as Record<string, string> }
jest.mock('@tarojs/taro', () => ({
  ...jest.requireActual('@tarojs/taro'),
  __esModule: true,
  useRouter: () => mockRouter,
}))

/** The reader's own invitee row, as the server marks it: 王建国's, or the chair 赵德厚's. */
let myInviteeId = 'i2'
jest.mock('../../src/services/me', () => jest.requireActual('./support/signed-in-villager'))

const mockedCall = call as jest.MockedFunction<typeof call>

const summary: MeetingSummary = {
  id: 'm1',
  place: '村委会议室',
  startsAt: '2026-12-05T11:00:00.000Z',
  status: 'announced',
  topicTitles: ['村口路灯'],
}

const meeting = (changes: Partial<Meeting> = {}): Meeting => ({
  id: 'm1',
  place: '村委会议室',
  startsAt: '2026-12-05T11:00:00.000Z',
  status: 'announced',
  scheduledByName: '赵德厚',
  memberCount: 3,
  quorumCount: 2,
  membersPresent: 0,
  invitees: [
    { id: 'i1', name: '赵德厚', member: true, guestNote: null, checkedInAt: null },
    { id: 'i2', name: '王建国', member: true, guestNote: null, checkedInAt: null },
    { id: 'i3', name: '孙律师', member: false, guestNote: '法律顾问', checkedInAt: null },
  ].map((invitee) => ({ ...invitee, isMe: invitee.id === myInviteeId })),
  closeOuts: [],
  agenda: [
    {
      topicId: 't1',
      title: '村口路灯',
      position: 1,
      statements: [],
      votes: { for: 0, against: 0, abstain: 0 },
      cast: [],
      myVote: null,
      outcome: null,
      present: null,
      resolution: null,
    },
  ],
  openedAt: null,
  closedAt: null,
  ...changes,
})

const openMeeting = () => meeting({ status: 'open', membersPresent: 2 })

beforeEach(() => {
  signedIn.roles = ['villager', 'councilMember']
  signedIn.name = '王建国'
  myInviteeId = 'i2'
  mockedCall.mockReset()
})
afterEach(() => jest.restoreAllMocks())

describe('会议 list', () => {
  it('lists meetings and opens one', async () => {
    mockedCall.mockResolvedValue([summary] as never)
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<MeetingsPage />)
    fireEvent.click(await screen.findByText(/村委会议室/))
    expect(screen.getByText('议题：村口路灯')).toBeTruthy()
    expect(navigateTo).toHaveBeenCalledWith({ url: '/council/pages/meeting/index?id=m1' })
  })
})

describe('会议', () => {
  it('lets a member check in, with the invitees and their status', async () => {
    mockedCall.mockImplementation((async (_fn: string, action: string) => {
      if (action === 'meeting') return meeting()
      if (action === 'checkIn') {
        return meeting({
          membersPresent: 1,
          invitees: meeting().invitees.map((invitee) =>
            invitee.id === 'i2' ? { ...invitee, checkedInAt: '2026-12-05T11:00:00.000Z' } : invitee,
          ),
        })
      }
      throw new Error(action)
    }) as typeof call)
    render(<MeetingPage />)
    expect(await screen.findByText(/孙律师（法律顾问）/)).toBeTruthy()
    expect(screen.queryByText('开会')).toBeNull()
    expect(screen.queryByText('代签到')).toBeNull()
    fireEvent.click(screen.getByText('签到'))
    expect(await screen.findByText('已签到')).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('council', 'checkIn', { meetingId: 'm1' })
    expect(screen.queryByText('签到')).toBeNull()
  })

  it('offers 签到 to no one who was not invited, and 代签到 to no one but the chair', async () => {
    myInviteeId = 'none'
    mockedCall.mockResolvedValue(meeting() as never)
    render(<MeetingPage />)
    expect(await screen.findByText(/孙律师（法律顾问）/)).toBeTruthy()
    expect(screen.queryByText('签到')).toBeNull()
    expect(screen.queryByText('代签到')).toBeNull()
  })

  it('lets the chair check others in, guests too, with the quorum figure refreshed', async () => {
    signedIn.roles = ['villager', 'councilMember', 'councilChair']
    signedIn.name = '赵德厚'
    myInviteeId = 'i1'
    const checkedIn = meeting({
      membersPresent: 1,
      invitees: meeting().invitees.map((invitee) =>
        invitee.id === 'i2' ? { ...invitee, checkedInAt: '2026-12-05T11:00:00.000Z' } : invitee,
      ),
    })
    mockedCall.mockImplementation((async (_fn: string, action: string, data: unknown) => {
      if (action === 'meeting') return meeting()
      if (action === 'checkIn' && (data as { inviteeId?: string }).inviteeId === 'i2') {
        return checkedIn
      }
      throw new ApiCallError('CONFLICT', '已经签到了')
    }) as typeof call)
    render(<MeetingPage />)
    expect(await screen.findByText(/到会成员 0 \/ 3/)).toBeTruthy()
    // The chair's own row has 签到, the others 代签到 each.
    expect(screen.getByText('签到')).toBeTruthy()
    expect(screen.getAllByText('代签到')).toHaveLength(2)
    fireEvent.click(screen.getByLabelText('给王建国代签到'))
    expect(await screen.findByText(/到会成员 1 \/ 3/)).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('council', 'checkIn', {
      meetingId: 'm1',
      inviteeId: 'i2',
    })
    expect(screen.queryByLabelText('给王建国代签到')).toBeNull()
    // A refusal is said in the server's words.
    fireEvent.click(screen.getByLabelText('给孙律师代签到'))
    expect(await screen.findByText('已经签到了')).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('council', 'checkIn', {
      meetingId: 'm1',
      inviteeId: 'i3',
    })
  })

  it('shows the chair the server’s quorum message plainly when opening is refused', async () => {
    signedIn.roles = ['villager', 'councilMember', 'councilChair']
    signedIn.name = '赵德厚'
    myInviteeId = 'i1'
    mockedCall.mockImplementation((async (_fn: string, action: string) => {
      if (action === 'meeting') return meeting()
      throw new ApiCallError('FAILED_PRECONDITION', '到会成员不够 2 人，还不能开会')
    }) as typeof call)
    render(<MeetingPage />)
    fireEvent.click(await screen.findByText('开会'))
    expect(await screen.findByText('到会成员不够 2 人，还不能开会')).toBeTruthy()
  })

  it('lets a member vote once, then says 已投票', async () => {
    mockedCall.mockImplementation((async (_fn: string, action: string) => {
      if (action === 'meeting') return openMeeting()
      if (action === 'vote') {
        return meeting({
          status: 'open',
          agenda: [
            {
              ...openMeeting().agenda[0],
              myVote: 'for',
              votes: { for: 1, against: 0, abstain: 0 },
            },
          ],
        })
      }
      throw new Error(action)
    }) as typeof call)
    render(<MeetingPage />)
    fireEvent.click(await screen.findByText('同意'))
    expect(await screen.findByText('已投票：同意')).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('council', 'vote', {
      meetingId: 'm1',
      topicId: 't1',
      choice: 'for',
    })
    expect(screen.queryByText('反对')).toBeNull()
  })

  it('has the chair write a valid resolution before announcing a result', async () => {
    signedIn.roles = ['villager', 'councilMember', 'councilChair']
    signedIn.name = '赵德厚'
    myInviteeId = 'i1'
    mockedCall.mockImplementation((async (_fn: string, action: string) => {
      if (action === 'meeting') return openMeeting()
      if (action === 'resolutions') return []
      if (action === 'decideTopic') {
        return meeting({
          status: 'open',
          agenda: [{ ...openMeeting().agenda[0], outcome: 'notPassed', present: 2 }],
        })
      }
      throw new Error(action)
    }) as typeof call)
    render(<MeetingPage />)
    await screen.findByText('宣布结果')
    const field = () =>
      screen.getByText(/决议内容/, { selector: '.suggest-field__label' }).closest('.suggest-field')
    await typeInto(field, '修好三盏路灯')
    fireEvent.click(screen.getByText('宣布结果'))
    expect(await screen.findByText(/办完日期/, { selector: '.field-message' })).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('council', 'decideTopic', expect.anything())
  })

  it('has the chair close out finished resolutions with a note, then record statements in order', async () => {
    signedIn.roles = ['villager', 'councilMember', 'councilChair']
    signedIn.name = '赵德厚'
    myInviteeId = 'i1'
    const present = meeting({
      status: 'open',
      membersPresent: 2,
      invitees: meeting().invitees.map((invitee) => ({
        ...invitee,
        checkedInAt: invitee.id === 'i3' ? null : '2026-12-05T11:00:00.000Z',
      })),
    })
    let refuseCloseOut = true
    mockedCall.mockImplementation((async (_fn: string, action: string, data: unknown) => {
      if (action === 'meeting') return present
      if (action === 'resolutions') {
        return [{ id: 'r1', topicTitle: '修水渠', decision: '清淤三百米' }]
      }
      if (action === 'closeOut') {
        if (refuseCloseOut) {
          refuseCloseOut = false
          throw new ApiCallError('FAILED_PRECONDITION', '决议还没办完，不能销号')
        }
        const { note } = data as { note: string }
        return {
          ...present,
          closeOuts: [{ position: 1, resolutionId: 'r1', topicTitle: '修水渠', note, at: '' }],
        }
      }
      if (action === 'recordStatement') {
        return {
          ...present,
          agenda: [
            {
              ...present.agenda[0],
              statements: [
                {
                  position: 1,
                  inviteeId: 'i2',
                  speakerName: '王建国',
                  text: '先修小学门口',
                  at: '',
                },
              ],
            },
          ],
        }
      }
      throw new Error(action)
    }) as typeof call)
    render(<MeetingPage />)
    // The note is optional, but checked by the contract's rule before it is sent.
    const noteField = () =>
      screen
        .getByText('销号说明（可以不写）', { selector: '.suggest-field__label' })
        .closest('.suggest-field')
    await typeInto(noteField, '好'.repeat(501))
    fireEvent.click(await screen.findByText('销号'))
    expect(await screen.findByText(/^销号说明/, { selector: '.field-message' })).toBeTruthy()
    expect(mockedCall).not.toHaveBeenCalledWith('council', 'closeOut', expect.anything())
    // Sent without one, the server's refusal is shown beside the button, in its words.
    await typeInto(noteField, '')
    fireEvent.click(screen.getByText('销号'))
    const refusal = await screen.findByText('决议还没办完，不能销号')
    expect(refusal.closest('.suggest-field')).toBe(noteField())
    expect(mockedCall).toHaveBeenCalledWith('council', 'closeOut', {
      meetingId: 'm1',
      resolutionId: 'r1',
      note: '',
    })
    await typeInto(noteField, ' 已清淤完毕，村民验收 ')
    fireEvent.click(screen.getByText('销号'))
    expect(await screen.findByText('1. 修水渠：已清淤完毕，村民验收')).toBeTruthy()
    expect(mockedCall).toHaveBeenLastCalledWith('council', 'closeOut', {
      meetingId: 'm1',
      resolutionId: 'r1',
      note: '已清淤完毕，村民验收',
    })
    expect(screen.queryByText('先给办完的决议销号')).toBeNull()
    // Only those present may be recorded as speaking.
    expect(screen.queryByText('孙律师', { selector: '.choice-buttons__item' })).toBeNull()
    fireEvent.click(screen.getByText('记下发言'))
    expect(await screen.findByText(/^发言人/, { selector: '.field-message' })).toBeTruthy()
    fireEvent.click(screen.getByText('王建国', { selector: '.choice-buttons__item' }))
    const field = () =>
      screen.getByText('说了什么', { selector: '.suggest-field__label' }).closest('.suggest-field')
    await typeInto(field, '先修小学门口')
    fireEvent.click(screen.getByText('记下发言'))
    expect(await screen.findByText('1. 王建国：先修小学门口')).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('council', 'recordStatement', {
      meetingId: 'm1',
      topicId: 't1',
      inviteeId: 'i2',
      text: '先修小学门口',
    })
  })

  it('lists who voted how, in order, once a topic is decided, not while its vote is on', async () => {
    const decided = {
      ...openMeeting().agenda[0],
      outcome: 'passed' as const,
      votes: { for: 1, against: 1, abstain: 0 },
      cast: [
        { name: '赵德厚（1号）', choice: 'for' as const },
        { name: '王建国（2号）', choice: 'against' as const },
      ],
    }
    const voting = {
      ...openMeeting().agenda[0],
      topicId: 't2',
      title: '广场音响',
      position: 2,
      votes: { for: 0, against: 0, abstain: 1 },
      cast: [{ name: '李四（3号）', choice: 'abstain' as const }],
    }
    mockedCall.mockResolvedValue(meeting({ status: 'open', agenda: [decided, voting] }) as never)
    render(<MeetingPage />)
    const lines = await screen.findAllByText(/^(赵德厚|王建国)（\d号）：/)
    expect(lines.map((line) => line.textContent)).toEqual([
      '赵德厚（1号）：同意',
      '王建国（2号）：反对',
    ])
    expect(screen.getAllByText('谁投了什么（按投票先后）')).toHaveLength(1)
    expect(screen.queryByText(/李四/)).toBeNull()
  })

  it('shows the frozen minutes and exports them once closed', async () => {
    mockedCall.mockImplementation((async (_fn: string, action: string) => {
      if (action === 'meeting') {
        return meeting({
          status: 'closed',
          agenda: [
            {
              ...openMeeting().agenda[0],
              outcome: 'passed',
              votes: { for: 1, against: 0, abstain: 1 },
              cast: [
                { name: '王建国（2号）', choice: 'for' },
                { name: '赵德厚（1号）', choice: 'abstain' },
              ],
              statements: [
                {
                  position: 1,
                  inviteeId: 'i2',
                  speakerName: '王建国',
                  text: '先修小学门口',
                  at: '2026-12-05T11:10:00.000Z',
                },
              ],
            },
          ],
        })
      }
      if (action === 'exportMinutes') return { fileName: 'minutes.docx', base64: 'AA==' }
      throw new Error(action)
    }) as typeof call)
    render(<MeetingPage />)
    expect(await screen.findByText('1. 王建国：先修小学门口')).toBeTruthy()
    expect(screen.queryByText('同意')).toBeNull()
    expect(screen.getByText('王建国（2号）：同意')).toBeTruthy()
    expect(screen.getByText('赵德厚（1号）：弃权')).toBeTruthy()
    expect(screen.getByText('导出会议记录')).toBeTruthy()
  })

  describe('导出会议记录, a Word document', () => {
    const minutes = { fileName: '议事会议记录-2026年12月5日.docx', base64: 'UEsDBA==' }
    beforeEach(() => {
      mockedCall.mockImplementation((async (_fn: string, action: string) => {
        if (action === 'meeting') return meeting({ status: 'closed' })
        if (action === 'exportMinutes') return minutes
        throw new Error(action)
      }) as typeof call)
    })
    const exportMinutes = async () => {
      render(<MeetingPage />)
      const button = await screen.findByText('导出会议记录')
      await act(async () => {
        fireEvent.click(button)
      })
    }

    it('downloads on H5 as a .docx, with Word’s type', async () => {
      const clicked: HTMLAnchorElement[] = []
      jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
        this: HTMLAnchorElement,
      ) {
        clicked.push(this)
      })
      await exportMinutes()
      expect(clicked.map((link) => [link.download, link.href])).toEqual([
        [
          minutes.fileName,
          `data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,${minutes.base64}`,
        ],
      ])
      expect(screen.getByText('已导出')).toBeTruthy()
    })

    it('opens in WeChat’s document viewer as docx in the mini-program', async () => {
      const platform = process.env.TARO_ENV
      const TaroApi = Taro as unknown as Record<string, unknown>
      const saved = { ...TaroApi }
      const written: string[] = []
      const openDocument = jest.fn().mockResolvedValue({ errMsg: 'openDocument:ok' })
      Object.assign(TaroApi, {
        env: { USER_DATA_PATH: 'wxfile://usr' },
        getFileSystemManager: () => ({
          writeFile(options: { filePath: string; success: () => void }) {
            written.push(options.filePath)
            options.success()
          },
        }),
        openDocument,
      })
      process.env.TARO_ENV = 'weapp'
      try {
        await exportMinutes()
      } finally {
        process.env.TARO_ENV = platform
        Object.assign(TaroApi, saved)
      }
      const filePath = `wxfile://usr/${minutes.fileName}`
      expect(written).toEqual([filePath])
      expect(openDocument).toHaveBeenCalledWith({ filePath, fileType: 'docx', showMenu: true })
      expect(screen.getByText('已导出')).toBeTruthy()
    })
  })
})

describe('安排会议', () => {
  const fieldOf = (label: string) => () =>
    screen.getByText(label, { selector: '.suggest-field__label' }).closest('.suggest-field')

  it('sends the picked approved topics, place, village time and guests; shows refusals', async () => {
    signedIn.roles = ['villager', 'councilMember', 'councilChair']
    signedIn.name = '赵德厚'
    let refused = true
    mockedCall.mockImplementation((async (_fn: string, action: string) => {
      if (action === 'meetingRules') return { noticeDays: 2 }
      if (action === 'topics') {
        return [
          { id: 't1', title: '村口路灯', status: 'approved' },
          { id: 't2', title: '广场音响', status: 'draft' },
        ]
      }
      if (action === 'scheduleMeeting') {
        if (refused) {
          refused = false
          throw new ApiCallError('FAILED_PRECONDITION', '要提前 3 天通知，最早 12 月 4 日开会')
        }
        return meeting()
      }
      throw new Error(action)
    }) as typeof call)
    const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' })
    render(<SchedulePage />)
    expect(await screen.findByText(/村口路灯/)).toBeTruthy()
    expect(screen.queryByText(/广场音响/)).toBeNull()
    fireEvent.click(screen.getByText('通知开会'))
    expect(await screen.findByText(/日期/, { selector: '.field-message' })).toBeTruthy()
    // Taro's Picker opens at the first day the notice allows and answers 确定 with the day.
    const dayPicker = fieldOf('开会日期')()?.querySelector('taro-picker-core')
    expect(dayPicker?.getAttribute('start')).toBe(earliestMeetingDay(new Date(), 2))
    fireEvent(dayPicker!, new CustomEvent('change', { detail: { value: '2026-12-05' } }))
    expect(await screen.findByLabelText('开会日期：2026年12月5日')).toBeTruthy()
    const timePicker = fieldOf('开会时间')()?.querySelector('taro-picker-core')
    fireEvent(timePicker!, new CustomEvent('change', { detail: { value: '20:00' } }))
    expect(await screen.findByLabelText('开会时间：20:00')).toBeTruthy()
    fireEvent.click(screen.getByText('通知开会'))
    expect(await screen.findByText(/^议题/, { selector: '.field-message' })).toBeTruthy()
    fireEvent.click(screen.getByText(/村口路灯/))
    // The guest's name is the first of the guest inputs.
    await typeInto(fieldOf('列席的客人（可以不加）'), '孙律师')
    fireEvent.click(screen.getByText('添加客人'))
    expect(screen.getByText('孙律师')).toBeTruthy()
    fireEvent.click(screen.getByText('通知开会'))
    expect(await screen.findByText('要提前 3 天通知，最早 12 月 4 日开会')).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('council', 'scheduleMeeting', {
      topicIds: ['t1'],
      place: '村委会议室',
      // 20:00 in the village (UTC+8)
      startsAt: '2026-12-05T12:00:00.000Z',
      guests: [{ name: '孙律师', note: '' }],
    })
    fireEvent.click(screen.getByText('通知开会'))
    await screen.findByText('通知开会')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(redirectTo).toHaveBeenCalledWith({ url: '/council/pages/meeting/index?id=m1' })
  })
})

describe('决议办理', () => {
  const resolution: Resolution = {
    id: 'r1',
    topicId: 't1',
    topicTitle: '村口路灯',
    meetingId: 'm1',
    decision: '修好三盏路灯',
    executor: '村两委',
    dueOn: '2026-12-20',
    status: 'inProgress',
    overdue: true,
    progress: [],
    closeOut: null,
    createdAt: '2026-12-05T12:00:00.000Z',
  }

  it('is on the 议事 tab for 村两委', () => {
    signedIn.roles = ['villager', 'villageCommittee']
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' })
    render(<CouncilTabPage />)
    expect(screen.queryByText('议事会收件箱')).toBeNull()
    fireEvent.click(screen.getByText('决议办理'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/council/pages/resolutions/index' })
  })

  it('lets 村两委 report progress, finished or not', async () => {
    signedIn.roles = ['villager', 'villageCommittee']
    signedIn.name = '李明'
    mockedCall.mockImplementation((async (_fn: string, action: string) => {
      if (action === 'resolutions') return [resolution]
      if (action === 'reportProgress') {
        return {
          ...resolution,
          status: 'finished',
          progress: [
            {
              text: '路灯已换好',
              finished: true,
              byName: '李明',
              at: '2026-12-10T02:00:00.000Z',
              photos: [],
            },
          ],
        }
      }
      throw new Error(action)
    }) as typeof call)
    render(<ResolutionsPage />)
    expect(await screen.findByText(/已超期/)).toBeTruthy()
    fireEvent.click(screen.getByText('提交进展'))
    expect(await screen.findByText('请选：还在办，还是已办完')).toBeTruthy()
    fireEvent.click(screen.getByText('已办完'))
    fireEvent.click(screen.getByText('提交进展'))
    expect(await screen.findByText(/^进展/, { selector: '.field-message' })).toBeTruthy()
    await typeInto(
      () =>
        screen
          .getByText('报告进展', { selector: '.suggest-field__label' })
          .closest('.suggest-field'),
      '路灯已换好',
    )
    fireEvent.click(screen.getByText('提交进展'))
    expect(await screen.findByText(/李明：路灯已换好（已办完）/)).toBeTruthy()
    expect(mockedCall).toHaveBeenCalledWith('council', 'reportProgress', {
      resolutionId: 'r1',
      text: '路灯已换好',
      finished: true,
      photoIds: [],
    })
    expect(screen.queryByText('提交进展')).toBeNull()
  })

  it('shows a council member the progress without the form', async () => {
    mockedCall.mockResolvedValue([resolution] as never)
    render(<ResolutionsPage />)
    expect(await screen.findByText('决议：修好三盏路灯')).toBeTruthy()
    expect(screen.queryByText('提交进展')).toBeNull()
  })
})

import {
  agendaItemRefusal,
  checkInRefusal,
  meetingStatusRefusal,
  noticeRefusal,
  openRefusal,
  resolutionRefusal,
  speakerRefusal,
  tallyText,
  undecidedRefusal,
  voterRefusal,
} from '../../cloud/domain/council-meetings'
import { tallyVotes } from '../../cloud/domain/council-meeting-views'
import {
  closeOutRefusal,
  closeOutsFirstRefusal,
  progressRefusal,
} from '../../cloud/domain/council-resolutions'
import { defaultCouncilSettings } from '../../types/council-rules'

// What a meeting's steps are refused with, as plain functions of what the store read.
const refusal = (error: { code: string; message: string; field?: string } | null) =>
  error && { code: error.code, message: error.message, field: error.field }

describe('announcing a meeting', () => {
  // 23:30 on 1 March in the village (15:30 UTC).
  const lateEvening = new Date('2026-03-01T15:30:00.000Z')

  it('gives the notice in village days and names the earliest day', () => {
    expect(noticeRefusal(lateEvening, '2026-03-02T23:00:00.000Z', 2)).toBeNull()
    expect(refusal(noticeRefusal(lateEvening, '2026-03-02T15:00:00.000Z', 2))).toEqual({
      code: 'FAILED_PRECONDITION',
      message: '会议要提前2天通知，最早定在2026年3月3日',
      field: 'startsAt',
    })
  })
})

describe('opening a meeting', () => {
  const { quorum } = defaultCouncilSettings
  const meeting = { startsAt: '2026-03-05T11:00:00.000Z', memberCount: 9 }

  it('waits for its day in the village, whatever the quorum', () => {
    // 07:00 on 5 March in the village is still 4 March in UTC.
    expect(openRefusal(meeting, 6, quorum, new Date('2026-03-04T23:00:00.000Z'))).toBeNull()
    expect(refusal(openRefusal(meeting, 9, quorum, new Date('2026-03-04T15:00:00.000Z')))).toEqual({
      code: 'FAILED_PRECONDITION',
      message: '会议定在2026年3月5日，当天才能开会',
      field: undefined,
    })
  })

  it('needs the quorum present and says how many are missing', () => {
    const onTheDay = new Date('2026-03-05T10:00:00.000Z')
    expect(openRefusal(meeting, 6, quorum, onTheDay)).toBeNull()
    expect(openRefusal(meeting, 5, quorum, onTheDay)?.message).toBe(
      '到会成员5人，至少要6人才能开会，还差1人',
    )
    // A later day is fine too: a meeting that could not open on time opens when it can.
    expect(openRefusal(meeting, 6, quorum, new Date('2026-03-09T10:00:00.000Z'))).toBeNull()
  })
})

describe('attendance and the record', () => {
  it('checks each invitee in once', () => {
    expect(checkInRefusal({ checkedInAt: null }, false)).toBeNull()
    expect(checkInRefusal({ checkedInAt: '2026-03-05T10:00:00.000Z' }, true)?.code).toBe('CONFLICT')
    expect(checkInRefusal(undefined, false)?.code).toBe('PERMISSION_DENIED')
    expect(checkInRefusal(undefined, true)?.code).toBe('NOT_FOUND')
  })

  it('records statements only of someone checked in', () => {
    expect(speakerRefusal({ checkedInAt: '2026-03-05T10:00:00.000Z' })).toBeNull()
    expect(refusal(speakerRefusal({ checkedInAt: null }))).toEqual({
      code: 'FAILED_PRECONDITION',
      message: '没有签到的人不能记录发言',
      field: 'inviteeId',
    })
    expect(speakerRefusal(undefined)?.code).toBe('NOT_FOUND')
  })

  it('takes statements and votes only on a topic still being voted on', () => {
    expect(agendaItemRefusal({ title: '修路', outcome: null })).toBeNull()
    expect(agendaItemRefusal({ title: '修路', outcome: 'passed' })?.message).toBe(
      '议题“修路”已经表决结束',
    )
    expect(agendaItemRefusal(undefined)?.code).toBe('NOT_FOUND')
  })
})

describe('voting', () => {
  it('is for members invited and checked in', () => {
    expect(voterRefusal({ checkedInAt: '2026-03-05T10:00:00.000Z' })).toBeNull()
    expect(voterRefusal({ checkedInAt: null })?.message).toBe('请先签到再表决')
    expect(voterRefusal(undefined)?.code).toBe('PERMISSION_DENIED')
  })

  it('counts each choice', () => {
    const votes = tallyVotes([
      { choice: 'for' },
      { choice: 'against' },
      { choice: 'for' },
      { choice: 'abstain' },
    ])
    expect(votes).toEqual({ for: 2, against: 1, abstain: 1 })
    expect(tallyVotes([])).toEqual({ for: 0, against: 0, abstain: 0 })
    expect(tallyText(5, votes)).toBe('到会成员5人，同意2票、反对1票、弃权1票')
  })
})

describe('a meeting’s status', () => {
  it('says where the meeting stands when a step does not fit it', () => {
    expect(meetingStatusRefusal('announced').message).toBe('会议还没有开始')
    expect(meetingStatusRefusal('open').message).toBe('会议已经开始了')
  })

  it('freezes the minutes once closed', () => {
    expect(meetingStatusRefusal('closed')).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: '会议已经结束，记录不能再改',
    })
  })
})

describe('deciding a topic and closing the meeting', () => {
  const now = new Date('2026-03-05T12:00:00.000Z')
  const resolution = { dueOn: '2026-03-05' }

  it('asks a passed topic for its resolution, due today or later', () => {
    expect(resolutionRefusal(false, undefined, now)).toBeNull()
    expect(resolutionRefusal(true, resolution, now)).toBeNull()
    expect(resolutionRefusal(true, undefined, now)?.field).toBe('resolution')
    expect(refusal(resolutionRefusal(true, { dueOn: '2026-03-04' }, now))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: '完成日期不能早于今天',
      field: 'resolution.dueOn',
    })
  })

  it('closes the meeting only with every topic decided', () => {
    expect(undecidedRefusal([])).toBeNull()
    expect(undecidedRefusal(['修路', '路灯'])?.message).toBe('还有议题没有表决：修路、路灯')
  })
})

describe('resolutions', () => {
  it('are closed out only when finished, each once', () => {
    expect(closeOutRefusal('inProgress').message).toBe('决议还没办完，不能销号')
    expect(closeOutRefusal('closedOut').message).toBe('这项决议已经销号了')
    expect(closeOutRefusal(undefined).code).toBe('NOT_FOUND')
  })

  it('take progress only while in progress', () => {
    expect(progressRefusal('finished').message).toBe('决议已经办完，等议事会议销号')
    expect(progressRefusal('closedOut').message).toBe('决议已经销号了')
    expect(progressRefusal(undefined).code).toBe('NOT_FOUND')
  })

  it('that are finished are closed out before any topic is taken up', () => {
    expect(closeOutsFirstRefusal(0)).toBeNull()
    expect(closeOutsFirstRefusal(2)?.message).toBe(
      '还有2项已办完的决议没有销号：请先逐项销号，再讨论议题',
    )
  })
})

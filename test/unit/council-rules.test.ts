import {
  closeOutAllowed,
  defaultCouncilSettings,
  earliestMeetingDay,
  noticeRespected,
  passThresholdAllowed,
  quorumAllowed,
  quorumCount,
  quorumReached,
  rejectionEndsTopic,
  resolutionOverdue,
  shareLabel,
  topicMoveAllowed,
  topicPasses,
  votesToPass,
} from '../../types/council-rules'

const { quorum, passThreshold } = defaultCouncilSettings

describe('quorum', () => {
  it('is two thirds of the members by default, rounded up, in whole numbers', () => {
    expect(quorumCount(9, quorum)).toBe(6)
    expect(quorumCount(10, quorum)).toBe(7)
    expect(quorumCount(3, quorum)).toBe(2)
    expect(quorumCount(1, quorum)).toBe(1)
    // 0.67 × 9 would ask for 7: the share is kept as a fraction for that reason.
    expect(quorumCount(300, quorum)).toBe(200)
  })

  it('opens a meeting only with enough members present', () => {
    expect(quorumReached(5, 9, quorum)).toBe(false)
    expect(quorumReached(6, 9, quorum)).toBe(true)
    expect(quorumReached(0, 0, quorum)).toBe(false)
  })

  it('may be set higher, never below half', () => {
    expect(quorumAllowed({ numerator: 3, denominator: 4 })).toBe(true)
    expect(quorumAllowed({ numerator: 1, denominator: 2 })).toBe(true)
    expect(quorumAllowed({ numerator: 2, denominator: 5 })).toBe(false)
    expect(quorumAllowed({ numerator: 3, denominator: 2 })).toBe(false)
    expect(quorumAllowed({ numerator: 1, denominator: 0 })).toBe(false)
    expect(quorumAllowed({ numerator: 1.5, denominator: 2 })).toBe(false)
  })
})

describe('passing a topic', () => {
  it('needs more than half of those present voting for', () => {
    expect(topicPasses({ for: 4, against: 2, abstain: 1 }, 7, passThreshold)).toBe(true)
    // Exactly half is not more than half.
    expect(topicPasses({ for: 3, against: 3, abstain: 0 }, 6, passThreshold)).toBe(false)
    // Abstentions and members who did not vote count against passing.
    expect(topicPasses({ for: 3, against: 0, abstain: 3 }, 7, passThreshold)).toBe(false)
    expect(topicPasses({ for: 0, against: 0, abstain: 0 }, 0, passThreshold)).toBe(false)
  })

  it('a village may ask for more, never for less than half', () => {
    const twoThirds = { numerator: 2, denominator: 3 }
    expect(passThresholdAllowed(twoThirds)).toBe(true)
    expect(passThresholdAllowed({ numerator: 1, denominator: 3 })).toBe(false)
    // More than everyone present can never be won.
    expect(passThresholdAllowed({ numerator: 1, denominator: 1 })).toBe(false)
    expect(topicPasses({ for: 6, against: 3, abstain: 0 }, 9, twoThirds)).toBe(false)
    expect(topicPasses({ for: 7, against: 2, abstain: 0 }, 9, twoThirds)).toBe(true)
  })
})

describe('a share in words', () => {
  it('reads as a cadre says it, in lowest terms', () => {
    expect(shareLabel({ numerator: 2, denominator: 3 })).toBe('三分之二')
    expect(shareLabel({ numerator: 4, denominator: 6 })).toBe('三分之二')
    expect(shareLabel({ numerator: 2, denominator: 4 })).toBe('一半')
    expect(shareLabel({ numerator: 7, denominator: 10 })).toBe('十分之七')
    expect(shareLabel({ numerator: 51, denominator: 100 })).toBe('一百分之五十一')
    expect(shareLabel({ numerator: 11, denominator: 23 })).toBe('二十三分之十一')
    expect(shareLabel({ numerator: 5, denominator: 5 })).toBe('全体')
  })

  it('tells how many votes for pass a topic', () => {
    expect(votesToPass(9, passThreshold)).toBe(5)
    expect(votesToPass(6, passThreshold)).toBe(4)
    expect(votesToPass(9, { numerator: 2, denominator: 3 })).toBe(7)
    for (const present of [1, 6, 7, 9, 31]) {
      const needed = votesToPass(present, passThreshold)
      expect(topicPasses({ for: needed, against: 0, abstain: 0 }, present, passThreshold)).toBe(
        true,
      )
      expect(topicPasses({ for: needed - 1, against: 0, abstain: 0 }, present, passThreshold)).toBe(
        false,
      )
    }
  })
})

describe('the notice period, in village days', () => {
  it('counts days of the village calendar, not hours', () => {
    // 23:30 in the village on 1 March (15:30 UTC): the next village day starts 30 minutes later.
    const lateEvening = '2026-03-01T15:30:00.000Z'
    expect(earliestMeetingDay(lateEvening, 2)).toBe('2026-03-03')
    // 23:00 on 2 March in the village (15:00 UTC) is a day too soon; 07:00 on 3 March is not.
    expect(noticeRespected(lateEvening, '2026-03-02T15:00:00.000Z', 2)).toBe(false)
    expect(noticeRespected(lateEvening, '2026-03-02T23:00:00.000Z', 2)).toBe(true)
    // 08:00 on 3 March in the village is 00:00 UTC: still the right village day.
    expect(noticeRespected(lateEvening, '2026-03-03T00:00:00.000Z', 2)).toBe(true)
  })

  it('crosses a month end', () => {
    expect(earliestMeetingDay('2026-02-27T02:00:00.000Z', 3)).toBe('2026-03-02')
  })
})

describe('topics and pre-review', () => {
  it('moves only along the process', () => {
    expect(topicMoveAllowed('draft', 'submitted')).toBe(true)
    expect(topicMoveAllowed('submitted', 'approved')).toBe(true)
    expect(topicMoveAllowed('draft', 'approved')).toBe(false)
    expect(topicMoveAllowed('rejected', 'submitted')).toBe(false)
    expect(topicMoveAllowed('passed', 'scheduled')).toBe(false)
    expect(topicMoveAllowed('approved', 'passed')).toBe(false)
  })

  it('only insufficient preparation can be reworked', () => {
    expect(rejectionEndsTopic('insufficientPreparation')).toBe(false)
    expect(rejectionEndsTopic('coveredByLaw')).toBe(true)
    expect(rejectionEndsTopic('coveredByRules')).toBe(true)
  })
})

describe('resolutions', () => {
  it('are closed out only when finished, at an open meeting', () => {
    expect(closeOutAllowed('finished', 'open')).toBe(true)
    expect(closeOutAllowed('inProgress', 'open')).toBe(false)
    expect(closeOutAllowed('finished', 'announced')).toBe(false)
    expect(closeOutAllowed('finished', 'closed')).toBe(false)
    expect(closeOutAllowed('closedOut', 'open')).toBe(false)
  })

  it('are overdue the village day after their due day, unless finished', () => {
    const due = { status: 'inProgress' as const, dueOn: '2026-03-01' }
    // 23:59 on the due day in the village.
    expect(resolutionOverdue(due, '2026-03-01T15:59:00.000Z')).toBe(false)
    expect(resolutionOverdue(due, '2026-03-01T16:00:00.000Z')).toBe(true)
    expect(resolutionOverdue({ ...due, status: 'finished' }, '2026-04-01T00:00:00.000Z')).toBe(
      false,
    )
  })
})

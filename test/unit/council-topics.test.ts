import {
  articleRefusal,
  mergeRefusal,
  preReviewMove,
  preReviewStep,
  submitRefusal,
} from '../../cloud/domain/council-topics'
import { topicMoveAllowed } from '../../types/council-rules'

const topicId = '00000000-0000-4000-8000-000000000001'

describe('merging suggestions into a topic', () => {
  it('is open until the topic is decided or rejected', () => {
    for (const status of ['draft', 'submitted', 'approved', 'scheduled'] as const) {
      expect(mergeRefusal(status)).toBeNull()
    }
    expect(mergeRefusal('rejected')?.message).toBe('议题已经不上会，不能再并入建议')
    expect(mergeRefusal('passed')?.code).toBe('FAILED_PRECONDITION')
    expect(mergeRefusal('notPassed')?.code).toBe('FAILED_PRECONDITION')
  })
})

describe('submitting a topic for 会前预审', () => {
  const ready = { background: '村东头的路坑洼不平', materials: [{ item: '现场照片', ready: true }] }

  it('needs every material ready, and names those that are not', () => {
    expect(submitRefusal(ready)).toBeNull()
    const missing = submitRefusal({
      ...ready,
      materials: [
        { item: '现场照片', ready: true },
        { item: '费用测算', ready: false },
        { item: '征求意见表', ready: false },
      ],
    })
    expect(missing?.message).toBe('材料还没备齐：费用测算、征求意见表')
  })

  it('needs the background written', () => {
    const refusal = submitRefusal({ ...ready, background: '' })
    expect(refusal && { message: refusal.message, field: refusal.field }).toEqual({
      message: '请先写明议题的背景情况',
      field: 'background',
    })
  })
})

describe('会前预审', () => {
  it('moves the topic on, back to rework, or to its end, along the process', () => {
    expect(preReviewMove('approved')).toBe('approved')
    expect(preReviewMove('insufficientPreparation')).toBe('draft')
    expect(preReviewMove('coveredByLaw')).toBe('rejected')
    expect(preReviewMove('coveredByRules')).toBe('rejected')
    for (const outcome of [
      'approved',
      'insufficientPreparation',
      'coveredByLaw',
      'coveredByRules',
    ] as const) {
      expect(topicMoveAllowed('submitted', preReviewMove(outcome))).toBe(true)
    }
  })

  it('settles a topic by the rules only with an article of the current rules', () => {
    expect(articleRefusal('coveredByRules', { id: 'a1' })).toBeNull()
    const refusal = articleRefusal('coveredByRules', undefined)
    expect(refusal && [refusal.code, refusal.field]).toEqual(['INVALID_ARGUMENT', 'articleId'])
    expect(articleRefusal('coveredByLaw', null)).toBeNull()
  })

  it('tells the authors the reason, with the law or the article', () => {
    expect(preReviewStep({ topicId, outcome: 'approved', note: '' }, null)).toEqual({
      kind: 'approved',
      text: '议题通过会前预审，等待安排议事会议',
    })
    expect(
      preReviewStep({ topicId, outcome: 'insufficientPreparation', note: '补上费用测算' }, null),
    ).toEqual({ kind: 'sentBack', text: '会前预审：准备不充分，议事会补充后再提交。补上费用测算' })
    expect(preReviewStep({ topicId, outcome: 'coveredByLaw', law: '土地管理法' }, null).text).toBe(
      '会前预审：法律政策已有规定（土地管理法），不再上会讨论',
    )
    expect(preReviewStep({ topicId, outcome: 'coveredByRules', articleId: 'a1' }, 6)).toEqual({
      kind: 'notDeliberated',
      text: '会前预审：村规民约第6条已有约定，不再上会讨论',
    })
  })
})

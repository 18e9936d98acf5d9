import { ratingRefusal } from '../../cloud/domain/council-suggestions'

describe('rating the outcome of a suggestion', () => {
  it('is its author’s, once the resolution is closed out', () => {
    const closedOut = { filedBy: 'u1', resolutionStatus: 'closedOut' as const }
    expect(ratingRefusal(closedOut, 'u1')).toBeNull()
    expect(ratingRefusal(closedOut, 'u2')?.code).toBe('PERMISSION_DENIED')
    expect(ratingRefusal({ filedBy: 'u1', resolutionStatus: 'finished' }, 'u1')?.message).toBe(
      '决议销号以后才能评价',
    )
    expect(ratingRefusal({ filedBy: 'u1', resolutionStatus: null }, 'u1')?.code).toBe(
      'FAILED_PRECONDITION',
    )
  })
})

import { act, render, screen } from '@testing-library/react'
import { useQuery } from '../../src/hooks/use-query'
import { call } from '../../src/services/api'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn() }
})
const mockedCall = call as jest.MockedFunction<typeof call>

function Advice({ ceremonyType }: { ceremonyType: 'wedding' | 'funeral' }) {
  const query = useQuery('ceremony', 'giftAdvice', { ceremonyType, relationship: 'relative' })
  return <div>{query.data ? `cap ${query.data.giftLimit.maxAmount}` : 'loading'}</div>
}

test('an answer that arrives after a newer request is dropped (weak 4G)', async () => {
  const resolvers: ((value: unknown) => void)[] = []
  mockedCall.mockImplementation(
    () => new Promise((resolve) => resolvers.push(resolve as (value: unknown) => void)) as never,
  )
  const { rerender } = render(<Advice ceremonyType="wedding" />)
  rerender(<Advice ceremonyType="funeral" />)
  expect(resolvers).toHaveLength(2)
  // The funeral answer comes first, then the stale wedding one.
  await act(async () => resolvers[1]({ giftLimit: { maxAmount: 100 } }))
  await act(async () => resolvers[0]({ giftLimit: { maxAmount: 200 } }))
  expect(screen.getByText('cap 100')).toBeTruthy()
  expect(screen.queryByText('cap 200')).toBeNull()
})

import { startJobTimer } from '../../cloud/jobs'

beforeEach(() => jest.useFakeTimers())
afterEach(() => jest.useRealTimers())

test('runs on every tick, never two runs at once, and not after stop', async () => {
  let running = 0
  let most = 0
  let runs = 0
  let finish: () => void = () => {}
  const run = () => {
    runs += 1
    running += 1
    most = Math.max(most, running)
    return new Promise<void>((resolve) => {
      finish = () => {
        running -= 1
        resolve()
      }
    })
  }
  const stop = startJobTimer(run, 1000)
  jest.advanceTimersByTime(1000)
  expect(runs).toBe(1)
  // Still running at the next two ticks: not started again.
  jest.advanceTimersByTime(2000)
  expect(runs).toBe(1)
  finish()
  await Promise.resolve()
  await Promise.resolve()
  jest.advanceTimersByTime(1000)
  expect(runs).toBe(2)
  finish()
  stop()
  jest.advanceTimersByTime(5000)
  expect(runs).toBe(2)
  expect(most).toBe(1)
})

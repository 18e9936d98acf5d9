import '../../src/utils/no-eval'
import * as z from 'zod'

test('zod, loaded after it, builds and parses schemas without probing for eval', () => {
  const probe = jest.spyOn(globalThis, 'Function')
  expect(z.config().jitless).toBe(true)
  const schema = z.strictObject({ name: z.string() })
  expect(schema.parse({ name: '张秀英' })).toEqual({ name: '张秀英' })
  expect(probe).not.toHaveBeenCalled()
})

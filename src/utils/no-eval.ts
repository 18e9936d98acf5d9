import type { core } from 'zod'

// Neither place the client runs allows eval: the gateway's Content-Security-Policy has no
// 'unsafe-eval', and WeChat's engine refuses `new Function`. zod would still probe for it with
// `new Function('')` when it builds its first object schema; the probe's error is caught, but a
// browser reports it as a CSP violation all the same. jitless skips the probe (and the compiled
// parsers it would have enabled). app.tsx runs this before any page chunk builds a schema.
//
// Set where zod keeps its settings for every copy of it in the page (`globalThis`), rather than
// through `z.config`: importing zod here would put it in the first-load bundle and the weapp main
// package, where no schema is needed (test/client/no-eval.test.ts checks zod reads it).
const holder = globalThis as { __zod_globalConfig?: core.$ZodConfig }
holder.__zod_globalConfig = Object.assign(holder.__zod_globalConfig ?? {}, { jitless: true })

import { config } from 'zod/v4/core'

// Neither place the client runs allows eval: the gateway's Content-Security-Policy has no
// 'unsafe-eval', and WeChat's engine refuses `new Function`. zod would still probe for it with
// `new Function('')` when it builds its first object schema; the probe's error is caught, but a
// browser reports it as a CSP violation all the same. jitless skips the probe (and the compiled
// parsers it would have enabled). app.tsx imports this before any page chunk builds a schema.
config({ jitless: true })

import { createHash } from 'node:crypto'

const sha256 = (source: string) =>
  `'sha256-${createHash('sha256').update(source).digest('base64')}'`

/**
 * Headers on every answer of the gateway, HTML and API alike.
 *
 * The policy fits what the Taro H5 build actually does (read from dist/h5, checked by the e2e
 * suite, which fails on any violation): scripts only from our own files; styles also inline,
 * because Taro's components and NutUI insert <style> elements and set style attributes; images
 * and fonts also as data: URLs (Taro's loading icons and icon font are inlined); calls only to
 * this origin. No 'unsafe-eval': the bundles' `new Function` probes are guarded and fall back
 * (and src/utils/no-eval.ts keeps zod from probing at all).
 *
 * Taro's H5 tab bar items are `<a href="javascript:;">`, so every tab tap would run that empty
 * script and be refused. 'unsafe-hashes' with its hash allows exactly this no-op and nothing else.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-hashes' ${sha256('javascript:;')}`,
  "style-src 'self' 'unsafe-inline'",
  // blob: the photo a villager picks, read into an image to be compressed before its upload.
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  // frame-ancestors above, and this for browsers that predate it (old Android WebViews).
  'x-frame-options': 'DENY',
  // The app links nowhere else; a token or invitation code in a URL must not leak onwards.
  'referrer-policy': 'no-referrer',
}

/**
 * Weak village 4G: give a request time, but don't leave a villager staring forever. Also the
 * limit of the first page's early call (config/first-page-chunks-plugin.ts), read at build time.
 */
export const requestTimeoutMs = 15000

/**
 * Where the H5 app keeps the session token (Taro storage, i.e. localStorage as `{"data": …}`).
 * Also read before any script of the app runs, by config/first-page-chunks-plugin.ts.
 */
export const tokenStorageKey = 'sessionToken'

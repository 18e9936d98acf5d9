/**
 * Takes away the loading view of src/index.html once a page has rendered. H5 only: the
 * mini-program has no index.html (and WeChat shows its own loading screen).
 */
export function removeBootView(): void {
  if (process.env.TARO_ENV !== 'h5') return
  document.getElementById('vh-boot')?.remove()
}

// Plain JavaScript: webpack requires its loaders itself, outside the TypeScript the config is read with.
const postcss = require('postcss')

/**
 * A webpack loader for Taro's H5 component styles (taro-components.css): takes out the `weui`
 * icon font, 6 KB inlined into app.js that only Taro's own Checkbox, Radio and Icon draw with.
 * The app uses none of them (NutUI's are its own), so the font was bytes every first visit
 * waited for (issue 8). The rest of the file, the page's base styles, stays as it is.
 *
 * @param {string} css
 * @returns {string}
 */
module.exports = function dropWeuiFont(css) {
  const root = postcss.parse(css)
  root.walkAtRules('font-face', (rule) => {
    rule.walkDecls('font-family', (declaration) => {
      if (declaration.value.replace(/["']/g, '') === 'weui') rule.remove()
    })
  })
  return root.toString()
}

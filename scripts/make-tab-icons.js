#!/usr/bin/env node
// Draws the tab bar icons (81x81 RGBA PNG, grey and brand red) into src/assets/tab/.
// No dependencies: shapes are rasterised with 4x4 supersampling and encoded with zlib.
// Run: node scripts/make-tab-icons.js
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

const SIZE = 81
const SS = 4
const OUT = path.join(__dirname, '..', 'src', 'assets', 'tab')
const COLORS = { normal: [0x6b, 0x6b, 0x6b], active: [0xb8, 0x32, 0x2b] }

// Shapes in a 0..1 unit square; each returns true when the point is inside the ink.
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const inTriangle = (x, y, ax, ay, bx, by, cx, cy) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry)
  const d1 = s(x, y, ax, ay, bx, by)
  const d2 = s(x, y, bx, by, cx, cy)
  const d3 = s(x, y, cx, cy, ax, ay)
  const neg = d1 < 0 || d2 < 0 || d3 < 0
  const pos = d1 > 0 || d2 > 0 || d3 > 0
  return !(neg && pos)
}

const ICONS = {
  // a house: roof, walls, a door cut out
  home: (x, y) => {
    const roof = inTriangle(x, y, 0.5, 0.1, 0.08, 0.5, 0.92, 0.5)
    const walls = inRect(x, y, 0.2, 0.46, 0.8, 0.88)
    const door = inRect(x, y, 0.42, 0.62, 0.58, 0.88)
    return (roof || walls) && !door
  },
  // a sheet of rules: outlined page with three lines
  rules: (x, y) => {
    const outer = inRect(x, y, 0.2, 0.1, 0.8, 0.9)
    const inner = inRect(x, y, 0.27, 0.17, 0.73, 0.83)
    const lines = [0.32, 0.48, 0.64].some((ly) => inRect(x, y, 0.34, ly, 0.66, ly + 0.06))
    return (outer && !inner) || lines
  },
  // a speech bubble with a tail and three dots: 议事, people talking a matter over
  council: (x, y) => {
    const bubble =
      inRect(x, y, 0.1, 0.2, 0.9, 0.66) ||
      inRect(x, y, 0.18, 0.12, 0.82, 0.74) ||
      [
        [0.18, 0.2],
        [0.82, 0.2],
        [0.18, 0.66],
        [0.82, 0.66],
      ].some(([cx, cy]) => inCircle(x, y, cx, cy, 0.08))
    const tail = inTriangle(x, y, 0.28, 0.7, 0.46, 0.7, 0.24, 0.92)
    const dots = [0.32, 0.5, 0.68].some((cx) => inCircle(x, y, cx, 0.43, 0.065))
    return (bubble || tail) && !dots
  },
  // a person: head and shoulders
  me: (x, y) => {
    const head = inCircle(x, y, 0.5, 0.32, 0.18)
    const body = inCircle(x, y, 0.5, 0.98, 0.38) && y <= 0.9
    return head || body
  },
}

function crcTable() {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
}
const CRC = crcTable()
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

function png(shape, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
  for (let py = 0; py < SIZE; py++) {
    const row = py * (SIZE * 4 + 1)
    raw[row] = 0 // filter: none
    for (let px = 0; px < SIZE; px++) {
      let hits = 0
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          if (shape((px + (sx + 0.5) / SS) / SIZE, (py + (sy + 0.5) / SS) / SIZE)) hits++
        }
      }
      const o = row + 1 + px * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round((255 * hits) / (SS * SS))
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

fs.mkdirSync(OUT, { recursive: true })
for (const [name, shape] of Object.entries(ICONS)) {
  fs.writeFileSync(path.join(OUT, `${name}.png`), png(shape, COLORS.normal))
  fs.writeFileSync(path.join(OUT, `${name}-active.png`), png(shape, COLORS.active))
}
console.log(`wrote ${Object.keys(ICONS).length * 2} icons to ${path.relative(process.cwd(), OUT)}`)

import { randomInt } from 'node:crypto'

/** No 0/O, 1/I/L: the codes are read aloud and typed by hand on small phones. */
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** A one-time invitation code: 8 characters, stored without the dash shown to people. */
export function newInvitationCode(): string {
  return Array.from({ length: 8 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('')
}

/** As shown and read aloud: ABCD-2345. */
export function formatInvitationCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

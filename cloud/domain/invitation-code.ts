import { randomInt } from 'node:crypto'

/** No 0/O, 1/I/L: the codes are read aloud and typed by hand on small phones. */
export const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** `length` random characters from `codeAlphabet` (crypto random: a code must not be guessable). */
export function randomCode(length: number): string {
  return Array.from({ length }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('')
}

/** A one-time invitation code: 8 characters, stored without the dash shown to people. */
export function newInvitationCode(): string {
  return randomCode(8)
}

/** As shown and read aloud: ABCD-2345. */
export function formatInvitationCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

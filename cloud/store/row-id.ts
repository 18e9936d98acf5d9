import { v7 } from 'uuid'

/**
 * The id of a new row: a UUID whose first bits are the time it was made (version 7), so that
 * rows written one after another sit side by side in their primary key's index, and in the
 * indexes that carry the id (an appointment's events), instead of each landing on a random page.
 * A booking writes five such rows; with random ids each dirtied a page of its own, which SQLite
 * then wrote to its log at every commit (the largest cost of a booking there, issue 10). The time
 * it shows is the row's own creation time, which the row keeps anyway; the rest is random, so an
 * id is still not guessed. Secrets (session tokens, claim tokens) stay fully random.
 */
export const newRowId = (): string => v7()

import type { Db } from '../store/db'

/** Words that hold a suggestion for a member to read first, in demo mode, until an admin edits them. */
export const defaultHeldWords = ['傻逼', '去死', '杀了']

/** The village's list (`council_settings`), or the default one while its admin has saved none. */
export async function loadHeldWords(db: Db, villageId: string): Promise<string[]> {
  const row = await db
    .selectFrom('councilSettings')
    .select('heldWordsJson')
    .where('villageId', '=', villageId)
    .executeTakeFirst()
  return row ? (JSON.parse(row.heldWordsJson) as string[]) : defaultHeldWords
}

export async function saveHeldWords(
  trx: Db,
  villageId: string,
  words: string[],
  at: string,
): Promise<void> {
  const row = { heldWordsJson: JSON.stringify(words), updatedAt: at }
  await trx
    .insertInto('councilSettings')
    .values({ villageId, ...row })
    .onConflict((oc) => oc.column('villageId').doUpdateSet(row))
    .execute()
}

/** Whether a text contains any of the words. */
export function containsHeldWord(text: string, words: readonly string[]): boolean {
  return words.some((word) => text.includes(word))
}

import type { RulesPublishInput, RulesVersion, RulesVersionSummary } from '../../types/rules'
import type { Db } from '../store/db'
import { runPreload, type Preload } from '../core/context'
import { newRowId } from '../store/row-id'

type VersionRow = {
  id: string
  versionNo: number
  title: string
  adoptedOn: string
  publishedAt: string
  preamble: string
}

export async function latestVersionNo(db: Db, villageId: string): Promise<number | null> {
  const row = await db
    .selectFrom('rulesVersions')
    .select((eb) => eb.fn.max('versionNo').as('latest'))
    .where('villageId', '=', villageId)
    .executeTakeFirst()
  return row?.latest == null ? null : Number(row.latest)
}

function summarize(row: VersionRow, latest: number | null): RulesVersionSummary {
  return {
    id: row.id,
    versionNo: Number(row.versionNo),
    title: row.title,
    adoptedOn: row.adoptedOn,
    publishedAt: row.publishedAt,
    current: Number(row.versionNo) === latest,
  }
}

const versionColumns = ['id', 'versionNo', 'title', 'adoptedOn', 'publishedAt', 'preamble'] as const

/** All versions of a village's rules, newest first. */
export async function listVersions(db: Db, villageId: string): Promise<RulesVersionSummary[]> {
  const rows = await db
    .selectFrom('rulesVersions')
    .select(versionColumns)
    .where('villageId', '=', villageId)
    .orderBy('versionNo', 'desc')
    .execute()
  const latest = rows.length ? Number(rows[0].versionNo) : null
  return rows.map((row) => summarize(row, latest))
}

/** `current` is set per call, from the village's latest number. */
type StoredVersion = { villageId: string; version: RulesVersion }

/**
 * Published versions by id, per store. A published version never changes (a new one is
 * published instead), so its chapters and articles are read once per process; which version is
 * current, and who may read it, is still asked of the store on every call. Bounded, oldest out
 * first: a county's villages hold a few versions each.
 */
const publishedVersions = new WeakMap<Db, Map<string, StoredVersion>>()
const maxCachedVersions = 1000

/** The version with this id, from the cache or read once (its row too, unless given). */
async function storedVersion(
  db: Db,
  villageId: string,
  versionId: string,
  known?: VersionRow,
): Promise<StoredVersion | null> {
  let cache = publishedVersions.get(db)
  if (!cache) publishedVersions.set(db, (cache = new Map()))
  const cached = cache.get(versionId)
  if (cached) return cached
  const [row, chapters, articles] = await Promise.all([
    known ??
      db
        .selectFrom('rulesVersions')
        .select(versionColumns)
        .where('id', '=', versionId)
        .where('villageId', '=', villageId)
        .executeTakeFirst(),
    db
      .selectFrom('rulesChapters')
      .select(['id', 'number', 'title'])
      .where('versionId', '=', versionId)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('rulesArticles')
      .select(['id', 'chapterId', 'number', 'text'])
      .where('versionId', '=', versionId)
      .orderBy('number')
      .execute(),
  ])
  if (!row) return null
  const stored = {
    villageId,
    version: {
      ...summarize(row, null),
      preamble: row.preamble,
      chapters: chapters.map((chapter) => ({
        id: chapter.id,
        number: Number(chapter.number),
        title: chapter.title,
        articles: articles
          .filter((article) => article.chapterId === chapter.id)
          .map(({ id, number, text }) => ({ id, number: Number(number), text })),
      })),
    },
  }
  if (cache.size >= maxCachedVersions) cache.delete(cache.keys().next().value as string)
  cache.set(versionId, stored)
  return stored
}

/**
 * The id of the village's current version (its highest number): the query `rules.current` sends
 * with the caller's identity, and `loadVersion` on its own. Only the id: everything else of a
 * published version is fixed, and kept by id (a JSON copy of its row cost each call about 30 µs
 * in PostgreSQL and as much again in the gateway).
 */
export const currentVersionPreload: Preload<string | null> = {
  name: 'current rules version id',
  select: (db, villageId) =>
    db
      .selectFrom('rulesVersions')
      .select('id')
      .where('villageId', '=', villageId)
      .orderBy('versionNo', 'desc')
      .limit(1),
  read: (value) => (typeof value === 'string' ? value : null),
}

/** The current version from its id (see `currentVersionPreload`); the rest from the cache. */
export async function currentVersion(
  db: Db,
  villageId: string,
  versionId: string | null,
): Promise<RulesVersion | null> {
  if (!versionId) return null
  const stored = await storedVersion(db, villageId, versionId)
  // The id was found in the caller's village; the cached entry must be that village's too.
  if (!stored || stored.villageId !== villageId) return null
  return { ...stored.version, current: true }
}

/**
 * One version of the village with its chapters and articles; `versionId` null means the
 * current one. One small query per call (the version's row and the village's latest number,
 * by index); the text comes from the per-process cache once read.
 */
export async function loadVersion(
  db: Db,
  villageId: string,
  versionId: string | null,
): Promise<RulesVersion | null> {
  if (!versionId) {
    return currentVersion(db, villageId, await runPreload(db, villageId, currentVersionPreload))
  }
  const row = await db
    .selectFrom('rulesVersions')
    .where('villageId', '=', villageId)
    .select(versionColumns)
    .select((eb) =>
      eb
        .selectFrom('rulesVersions as newest')
        .select((inner) => inner.fn.max('newest.versionNo').as('latest'))
        .where('newest.villageId', '=', villageId)
        .as('latest'),
    )
    .where('id', '=', versionId)
    .executeTakeFirst()
  if (!row) return null
  const stored = await storedVersion(db, villageId, row.id, row)
  if (!stored || stored.villageId !== villageId) return null
  return { ...stored.version, current: Number(row.versionNo) === Number(row.latest) }
}

/** A version's answer is fixed by its id and whether it is current: its HTTP entity tag. */
export const versionTag = (version: RulesVersion | null) =>
  version ? `"rules-${version.id}${version.current ? '' : '-old'}"` : null

/**
 * Writes the version after the one it was based on, with its chapters and articles (numbered
 * through the whole version). The number comes from `basedOnVersionNo`, never from a second look
 * at the latest version: under READ COMMITTED that look could already see a rival publish and
 * number past it. So the unique (village, version number) pair makes a concurrent publish fail
 * rather than fork the history. Run it inside a transaction.
 */
export async function insertRulesVersion(
  db: Db,
  villageId: string,
  input: Required<RulesPublishInput>,
  publishedBy: string | null,
  publishedAt: string,
): Promise<RulesVersionSummary & { articleCount: number }> {
  const versionNo = input.basedOnVersionNo + 1
  const versionId = newRowId()
  await db
    .insertInto('rulesVersions')
    .values({
      id: versionId,
      villageId,
      versionNo,
      title: input.title,
      adoptedOn: input.adoptedOn,
      preamble: input.preamble,
      publishedAt,
      publishedBy,
    })
    .execute()
  let articleNumber = 0
  for (const [index, chapter] of input.chapters.entries()) {
    const chapterId = newRowId()
    await db
      .insertInto('rulesChapters')
      .values({ id: chapterId, versionId, number: index + 1, title: chapter.title })
      .execute()
    await db
      .insertInto('rulesArticles')
      .values(
        chapter.articles.map((article) => ({
          id: newRowId(),
          versionId,
          chapterId,
          number: (articleNumber += 1),
          text: article.text,
        })),
      )
      .execute()
  }
  return {
    id: versionId,
    versionNo,
    title: input.title,
    adoptedOn: input.adoptedOn,
    publishedAt,
    current: true,
    articleCount: articleNumber,
  }
}

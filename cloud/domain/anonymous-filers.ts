import type { AuditAction } from '../../types/audit'
import type { Db } from '../store/db'
import { earlierPhotoTarget, photoTarget } from './photos'

/** How the 操作日志 names a suggestion its entries are about. */
export const suggestionTarget = (title: string) => `建议“${title}”`

/** The entries a suggestion's filer writes by acting on it, themselves the actor. */
const filerActions: readonly AuditAction[] = ['council.fileSuggestion', 'council.rateSuggestion']
/** Uploading a photo that then went with the suggestion: its time would point at the filer too. */
const photoActions: readonly AuditAction[] = ['photos.upload', 'photos.register']

interface AuditRow {
  id: string
  action: AuditAction
  actorId: string | null
  target: string
}

/**
 * Which of these audit entries are a filer acting on a suggestion they filed without their name
 * (showName off), or uploading a photo that went with it. Only council roles may see who filed it, so a reader without one is shown these
 * entries without their actor; the entry itself keeps the truth. An entry names its suggestion by
 * filer and title (a title never changes); should one filer have given two suggestions the same
 * title, one of them anonymous, both are hidden: the rule errs on the side of the filer.
 */
export async function anonymousFilerEntries(
  db: Db,
  villageId: string,
  rows: readonly AuditRow[],
): Promise<Set<string>> {
  const candidates = rows.filter(
    (row) => row.actorId !== null && [...filerActions, ...photoActions].includes(row.action),
  )
  const filers = [...new Set(candidates.map((row) => row.actorId as string))]
  if (filers.length === 0) return new Set()
  const [anonymous, photos] = await Promise.all([
    db
      .selectFrom('suggestions')
      .select(['filedBy', 'title'])
      .where('villageId', '=', villageId)
      .where('showName', '=', 0)
      .where('filedBy', 'in', filers)
      .execute(),
    db
      .selectFrom('photos')
      .innerJoin('suggestions', 'suggestions.id', 'photos.subjectId')
      .select(['photos.ownerId', 'photos.id'])
      .where('photos.villageId', '=', villageId)
      .where('photos.subjectKind', '=', 'suggestion')
      .where('suggestions.showName', '=', 0)
      .where('photos.ownerId', 'in', filers)
      .execute(),
  ])
  const hidden = new Set([
    ...anonymous.map((row) => `${row.filedBy}\n${suggestionTarget(row.title)}`),
    ...photos.flatMap((row) =>
      [photoTarget(row.id), earlierPhotoTarget(row.id)].map(
        (target) => `${row.ownerId}\n${target}`,
      ),
    ),
  ])
  return new Set(
    candidates.filter((row) => hidden.has(`${row.actorId}\n${row.target}`)).map((row) => row.id),
  )
}

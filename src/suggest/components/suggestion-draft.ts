import Taro from '@tarojs/taro'
import { suggestionCategories, type SuggestionCategory } from '../../../types/council'
import { maxPhotosPerItem, type Photo } from '../../../types/photos'

/**
 * A suggestion as typed, kept on the phone at every keystroke: it survives closing the app and
 * a lost network, and is gone once the council has it.
 */
export interface SuggestionDraft {
  title: string
  body: string
  category: SuggestionCategory | null
  /** Whether my name may be shown publicly; not shown unless the villager says so. */
  showName: boolean
  /** Uploaded already (each upload is its own request): the draft keeps which ones go with it. */
  photos: Photo[]
  /**
   * Taken on the first send and kept until one is answered: a send whose answer was lost (weak
   * 4G, the app closed) and the send after it are one request, so the suggestion is filed once.
   * If the first did arrive, the server answers with what it filed then.
   */
  requestId: string | null
}

export const emptyDraft: SuggestionDraft = {
  title: '',
  body: '',
  category: null,
  showName: false,
  photos: [],
  requestId: null,
}

/** One draft per person: a phone shared in the family keeps each one's own. */
const keyOf = (userId: string) => `suggestionDraft:${userId}`

export function loadDraft(userId: string): SuggestionDraft {
  let stored: unknown
  try {
    stored = Taro.getStorageSync(keyOf(userId))
  } catch {
    return emptyDraft
  }
  if (!stored || typeof stored !== 'object') return emptyDraft
  const draft = stored as Partial<SuggestionDraft>
  // Whatever an older version of the app left there, only well-formed fields come back.
  return {
    title: typeof draft.title === 'string' ? draft.title : '',
    body: typeof draft.body === 'string' ? draft.body : '',
    category: suggestionCategories.find((category) => category === draft.category) ?? null,
    showName: draft.showName === true,
    photos: Array.isArray(draft.photos)
      ? draft.photos
          .filter((photo): photo is Photo => typeof photo?.id === 'string')
          .slice(0, maxPhotosPerItem)
      : [],
    requestId: typeof draft.requestId === 'string' ? draft.requestId : null,
  }
}

export function saveDraft(userId: string, draft: SuggestionDraft): void {
  try {
    Taro.setStorageSync(keyOf(userId), draft)
  } catch {
    // A full phone: the form still works, only the draft is not kept.
  }
}

export function clearDraft(userId: string): void {
  Taro.removeStorageSync(keyOf(userId))
}

/** Whether the villager has typed anything worth telling them it was kept. */
export function draftStarted(draft: SuggestionDraft): boolean {
  return Boolean(draft.title.trim() || draft.body.trim() || draft.category)
}

/** The payload, for the contract's schema to judge. */
export function toSuggestionInput(draft: SuggestionDraft) {
  return {
    title: draft.title,
    body: draft.body,
    category: draft.category ?? undefined,
    showName: draft.showName,
    photoIds: draft.photos.map((photo) => photo.id),
  }
}

/** What the form calls its fields, in the messages of the schema and the server. */
export const draftLabels: Record<string, string> = {
  title: '标题',
  body: '内容',
  category: '类别',
  showName: '是否公开名字',
  photoIds: '照片',
}

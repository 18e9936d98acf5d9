import type { CeremonyType } from '../../../types/ceremony'
import type { FilingForm } from '../../../types/ceremony-filing'
import {
  figureApplies,
  limitKinds,
  limitMarks,
  type FilingDeadline,
  type LimitKind,
} from '../../../types/ceremony-filing-rules'
import { addVillageDays, villageDayOf } from '../../../types/village-time'
import { parseWholeNumber } from '../../admin/components/numbers'

/** The family's form as typed: figures stay text until sent, so a half-typed one is kept. */
export interface FilingDraft {
  ceremonyType: CeremonyType | null
  ceremonyDate: string | null
  place: string
  hostName: string
  figures: Record<LimitKind, string>
  explanation: string
}

export const emptyDraft: FilingDraft = {
  ceremonyType: null,
  ceremonyDate: null,
  place: '',
  hostName: '',
  figures: {
    tables: '',
    costPerTable: '',
    cigarettePrice: '',
    liquorPrice: '',
    cars: '',
    bridePrice: '',
  },
  explanation: '',
}

/** The figures typed so far that are whole numbers: what the live marks judge. */
export function typedFigures(draft: FilingDraft): Partial<Record<LimitKind, number>> {
  const figures: Partial<Record<LimitKind, number>> = {}
  for (const kind of limitKinds) {
    const value = parseWholeNumber(draft.figures[kind])
    if (value !== undefined && !Number.isNaN(value)) figures[kind] = value
  }
  return figures
}

/** The marks of the draft, with the very function the server files with. */
export function draftMarks(draft: FilingDraft, form: FilingForm) {
  if (!draft.ceremonyType) return []
  return limitMarks(draft.ceremonyType, typedFigures(draft), form.banquetLimit, form.articles)
}

export function deadlineOf(form: FilingForm, ceremonyType: CeremonyType): FilingDeadline {
  return form.deadlines.find((rule) => rule.ceremonyType === ceremonyType) as FilingDeadline
}

/** The first day a ceremony of this type can still be filed for, as of `now`. */
export function earliestDay(rule: FilingDeadline, now: Date): string {
  return addVillageDays(villageDayOf(now), rule.noticeDays)
}

/** The payload, for the contract's schema to judge (a box left empty is `undefined`). */
export function toFilingInput(draft: FilingDraft) {
  const number = (kind: LimitKind) => parseWholeNumber(draft.figures[kind])
  const wedding = draft.ceremonyType !== null && figureApplies('bridePrice', draft.ceremonyType)
  return {
    ceremonyType: draft.ceremonyType ?? undefined,
    ceremonyDate: draft.ceremonyDate ?? undefined,
    place: draft.place,
    hostName: draft.hostName,
    tables: number('tables'),
    costPerTable: number('costPerTable'),
    cigarettePrice: number('cigarettePrice'),
    liquorPrice: number('liquorPrice'),
    cars: number('cars'),
    // Left empty, or not a wedding: no bride price.
    bridePrice: wedding ? (number('bridePrice') ?? null) : null,
    explanation: draft.explanation,
  }
}

/** What people call the form's fields, in the messages of the schema and the server. */
export const draftLabels: Record<string, string> = {
  ceremonyType: '事项',
  ceremonyDate: '日期',
  place: '地点',
  hostName: '主家',
  tables: '酒席桌数',
  costPerTable: '每桌标准',
  cigarettePrice: '香烟每包',
  liquorPrice: '酒每瓶',
  cars: '用车',
  bridePrice: '彩礼',
  explanation: '情况说明',
}

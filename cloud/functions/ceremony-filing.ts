import { handlesFilings, type CeremonyFiling } from '../../types/ceremony-filing'
import { filingTimeProblem, limitMarks } from '../../types/ceremony-filing-rules'
import { ceremonyTypeLabels } from '../../types/ceremony'
import { villageDayOf } from '../../types/village-time'
import { change } from '../core/change'
import { forVillager, limited, type VillagerContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError } from '../core/errors'
import { limitArticlesFor } from '../domain/ceremony-filing'
import {
  listMine,
  loadDeadlines,
  loadFiling,
  takeFilingNumber,
  type FilingReader,
} from '../domain/ceremony-filing-store'
import { loadBanquetLimit } from '../domain/ceremony-store'
import { loadVersion } from '../domain/rules-store'
import type { Db } from '../store/db'
import { newRowId } from '../store/row-id'

export function readerOf(ctx: VillagerContext): FilingReader {
  return {
    userId: ctx.user.id,
    villageId: ctx.user.villageId,
    council: handlesFilings(ctx.user.roles),
  }
}

/** The limits, the articles behind them and the deadlines, as the form and the server use them. */
async function loadFilingForm(db: Db, villageId: string) {
  const [banquetLimit, version, deadlines] = await Promise.all([
    loadBanquetLimit(db, villageId),
    loadVersion(db, villageId, null),
    loadDeadlines(db, villageId),
  ])
  return { banquetLimit, articles: limitArticlesFor(version), deadlines }
}

/** What a family does: file a ceremony, and follow its filings. */
export const filingFamilyHandlers: Pick<
  FunctionHandlers<'ceremonyFiling'>,
  'form' | 'file' | 'mine' | 'get'
> = {
  form: forVillager((ctx) => loadFilingForm(ctx.services.db, ctx.user.villageId)),

  // A family files a handful of ceremonies in a lifetime: a cap keeps a script from flooding
  // the council's queue and the village's numbers.
  file: limited(
    [{ per: 'caller', counts: 'attempts', max: 20, windowSeconds: 86400 }],
    change('villager', 'ceremonyFiling.file', async (ctx, trx, input) => {
      const { villageId } = ctx.user
      const now = ctx.services.now()
      const at = now.toISOString()
      const form = await loadFilingForm(trx, villageId)
      const deadline = form.deadlines.find((rule) => rule.ceremonyType === input.ceremonyType)
      const late = deadline && filingTimeProblem(input.ceremonyDate, deadline, now)
      if (late) throw new AppError('INVALID_ARGUMENT', late, 'ceremonyDate')
      const marks = limitMarks(input.ceremonyType, input, form.banquetLimit, form.articles)
      if (marks.length > 0 && !input.explanation) {
        throw new AppError(
          'INVALID_ARGUMENT',
          '有数字超过了本村的标准，请在“情况说明”里写明原因',
          'explanation',
        )
      }
      const year = Number(villageDayOf(now).slice(0, 4))
      const filingNo = await takeFilingNumber(trx, villageId, year)
      const id = newRowId()
      await trx
        .insertInto('ceremonyFilings')
        .values({
          id,
          villageId,
          filingYear: year,
          filingNo,
          filedBy: ctx.user.id,
          ceremonyType: input.ceremonyType,
          ceremonyDate: input.ceremonyDate,
          place: input.place,
          hostName: input.hostName,
          tables: input.tables,
          costPerTable: input.costPerTable,
          cigarettePrice: input.cigarettePrice,
          liquorPrice: input.liquorPrice,
          cars: input.cars,
          bridePrice: input.bridePrice,
          explanation: input.explanation,
          marksJson: JSON.stringify(marks),
          markCount: marks.length,
          status: 'submitted',
          councilRemark: null,
          inspectorId: null,
          checkedOn: null,
          checkSeen: null,
          limitsKept: null,
          checkedBy: null,
          filedAt: at,
          updatedAt: at,
        })
        .execute()
      const filing: CeremonyFiling = await loadFiling(trx, readerOf(ctx), id)
      return {
        result: filing,
        audit: {
          target: `${ceremonyTypeLabels[filing.ceremonyType]}报备 ${filing.filingNumber}`,
          before: null,
          after: {
            status: filing.status,
            ceremonyDate: filing.ceremonyDate,
            overLimits: marks.map((mark) => mark.kind),
          },
        },
      }
    }),
  ),

  mine: forVillager((ctx) => listMine(ctx.services.db, { ...readerOf(ctx), council: false })),

  get: forVillager((ctx, { filingId }) => loadFiling(ctx.services.db, readerOf(ctx), filingId)),
}

import { councilRoles } from '../../types/council'
import type { Meeting } from '../../types/council-meetings'
import { topicPasses, voteChoiceLabels } from '../../types/council-rules'
import { formatVillageDate, formatVillageDateTime } from '../../types/village-time'
import { change, type Changed } from '../core/change'
import { forRoles, type VillagerContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, refuse } from '../core/errors'
import {
  castVote,
  checkIn,
  closeMeeting,
  councilMemberIds,
  createMeeting,
  holdMeeting,
  markMeetingOpen,
  membersPresent,
  noticeRefusal,
  openAgendaItem,
  openRefusal,
  putOnAgenda,
  recordOutcome,
  recordStatement,
  resolutionRefusal,
  saveCouncilRules,
  shareMeeting,
  tallyText,
  undecidedRefusal,
  undecidedTitles,
  votesOn,
  votingRoles,
} from '../domain/council-meetings'
import { listMeetings, loadCouncilRules, loadMeeting } from '../domain/council-meeting-views'
import { exportMinutes } from '../domain/council-minutes'
import {
  closeOutResolution,
  createResolution,
  requireCloseOutsDone,
} from '../domain/council-resolutions'
import { moveTopic, tellTopicAuthors } from '../domain/council-topics'
import { writeMessages } from '../domain/messages'
import type { Db } from '../store/db'

const chair = ['councilChair'] as const

const meetingTarget = (meeting: Pick<Meeting, 'startsAt'>) =>
  `${formatVillageDateTime(meeting.startsAt)}的议事会议`

const readerOf = (ctx: VillagerContext) => ({ userId: ctx.user.id, villageId: ctx.user.villageId })

/** The meeting as the caller now reads it, and the audit entry of the change made to it. */
async function answer(
  ctx: VillagerContext,
  trx: Db,
  meetingId: string,
  after: Record<string, unknown>,
): Promise<Changed<Meeting>> {
  const meeting = await loadMeeting(trx, readerOf(ctx), meetingId, ctx.services.now())
  return { result: meeting, audit: { target: meetingTarget(meeting), before: null, after } }
}

/** 乡村夜话: announced with notice, opened with a quorum, minuted, closed and frozen. */
export const meetingHandlers: Pick<
  FunctionHandlers<'council'>,
  | 'meetingRules'
  | 'saveMeetingRules'
  | 'scheduleMeeting'
  | 'meetings'
  | 'meeting'
  | 'checkIn'
  | 'openMeeting'
  | 'closeOut'
  | 'recordStatement'
  | 'vote'
  | 'decideTopic'
  | 'closeMeeting'
  | 'exportMinutes'
> = {
  meetingRules: forRoles(councilRoles, (ctx) =>
    loadCouncilRules(ctx.services.db, ctx.user.villageId),
  ),

  saveMeetingRules: change(chair, 'council.saveMeetingRules', async (ctx, trx, input) => {
    // The quorum and threshold floors are the contract's schema, checked before this runs.
    const before = await loadCouncilRules(trx, ctx.user.villageId)
    await saveCouncilRules(trx, ctx.user.villageId, input, ctx.services.now().toISOString())
    return { result: input, audit: { target: '议事规则', before, after: input } }
  }),

  scheduleMeeting: change(chair, 'council.scheduleMeeting', async (ctx, trx, input) => {
    const now = ctx.services.now()
    const at = now.toISOString()
    const { villageId } = ctx.user
    const rules = await loadCouncilRules(trx, villageId)
    refuse(noticeRefusal(now, input.startsAt, rules.noticeDays))
    const members = await councilMemberIds(trx, villageId)
    if (members.length === 0) throw new AppError('FAILED_PRECONDITION', '本村还没有议事会成员')
    const id = await createMeeting(trx, {
      villageId,
      place: input.place,
      startsAt: input.startsAt,
      scheduledBy: ctx.user.id,
      memberIds: members,
      guests: input.guests,
      at,
    })
    const when = `${formatVillageDateTime(input.startsAt)}，${input.place}`
    const titles: string[] = []
    for (const [index, topicId] of [...new Set(input.topicIds)].entries()) {
      await moveTopic(
        trx,
        villageId,
        topicId,
        ['approved'],
        'scheduled',
        at,
        '只有通过会前预审、还没排会的议题才能上会',
      )
      const title = await putOnAgenda(trx, id, topicId, index + 1)
      titles.push(title)
      await tellTopicAuthors(
        trx,
        ctx.services.config,
        { id: topicId, villageId, title },
        {
          kind: 'onAgenda',
          text: `议题将在议事会议上讨论：${when}`,
          title: '议题已排上议事会议',
          actorId: ctx.user.id,
          at,
        },
      )
    }
    await writeMessages(trx, ctx.services.config, at, {
      villageId,
      to: { userIds: members },
      kind: 'council',
      title: '议事会议通知',
      body: `${when}。议题：${titles.join('、')}`,
      link: `/council/pages/meeting/index?id=${encodeURIComponent(id)}`,
    })
    return answer(ctx, trx, id, { topics: titles, guests: input.guests.length })
  }),

  meetings: forRoles(councilRoles, (ctx, { status }) =>
    listMeetings(ctx.services.db, ctx.user.villageId, status),
  ),

  meeting: forRoles(councilRoles, (ctx, { meetingId }) =>
    loadMeeting(ctx.services.db, readerOf(ctx), meetingId, ctx.services.now()),
  ),

  checkIn: change(councilRoles, 'council.checkIn', async (ctx, trx, { meetingId, inviteeId }) => {
    await holdMeeting(trx, ctx.user.villageId, meetingId, ['announced', 'open'])
    if (inviteeId !== undefined && !ctx.user.roles.includes('councilChair')) {
      throw new AppError('PERMISSION_DENIED', '只有理事长可以替别人签到')
    }
    const name = await checkIn(
      trx,
      meetingId,
      inviteeId === undefined ? { userId: ctx.user.id } : { inviteeId },
      ctx.services.now().toISOString(),
    )
    return answer(ctx, trx, meetingId, { checkedIn: name })
  }),

  openMeeting: change(chair, 'council.openMeeting', async (ctx, trx, { meetingId }) => {
    const now = ctx.services.now()
    const held = await holdMeeting(trx, ctx.user.villageId, meetingId, ['announced'])
    const members = Number(held.memberCount)
    const rules = await loadCouncilRules(trx, ctx.user.villageId)
    const present = await membersPresent(trx, meetingId)
    refuse(
      openRefusal({ startsAt: held.startsAt, memberCount: members }, present, rules.quorum, now),
    )
    await markMeetingOpen(trx, meetingId, now.toISOString())
    return answer(ctx, trx, meetingId, { status: 'open', present, members })
  }),

  closeOut: change(chair, 'council.closeOut', async (ctx, trx, input) => {
    const at = ctx.services.now().toISOString()
    const { villageId } = ctx.user
    await holdMeeting(trx, villageId, input.meetingId, ['open'])
    const topic = await closeOutResolution(trx, {
      villageId,
      resolutionId: input.resolutionId,
      meetingId: input.meetingId,
      note: input.note,
      closedBy: ctx.user.id,
      at,
    })
    await tellTopicAuthors(
      trx,
      ctx.services.config,
      { ...topic, villageId },
      {
        kind: 'closedOut',
        text: `决议已在议事会议上销号${input.note ? `：${input.note}` : ''}。欢迎您评价办理结果`,
        title: '决议已销号',
        actorId: ctx.user.id,
        at,
      },
    )
    return answer(ctx, trx, input.meetingId, { closedOut: topic.title })
  }),

  recordStatement: change(chair, 'council.recordStatement', async (ctx, trx, input) => {
    const { villageId } = ctx.user
    await holdMeeting(trx, villageId, input.meetingId, ['open'])
    await requireCloseOutsDone(trx, villageId)
    const item = await openAgendaItem(trx, input.meetingId, input.topicId)
    await recordStatement(trx, {
      meetingId: input.meetingId,
      topicId: input.topicId,
      inviteeId: input.inviteeId,
      text: input.text,
      recordedBy: ctx.user.id,
      at: ctx.services.now().toISOString(),
    })
    return answer(ctx, trx, input.meetingId, { statementOn: item.title })
  }),

  vote: change(votingRoles, 'council.vote', async (ctx, trx, input) => {
    const { villageId } = ctx.user
    // Shared first: a vote and the end of this topic's vote (or of the meeting) are ordered.
    await shareMeeting(trx, ctx.services.engine, villageId, input.meetingId)
    await requireCloseOutsDone(trx, villageId)
    const item = await openAgendaItem(trx, input.meetingId, input.topicId)
    await castVote(trx, {
      meetingId: input.meetingId,
      topicId: input.topicId,
      memberId: ctx.user.id,
      choice: input.choice,
      at: ctx.services.now().toISOString(),
    })
    return answer(ctx, trx, input.meetingId, {
      topic: item.title,
      choice: voteChoiceLabels[input.choice],
    })
  }),

  decideTopic: change(chair, 'council.decideTopic', async (ctx, trx, input) => {
    const now = ctx.services.now()
    const at = now.toISOString()
    const { villageId } = ctx.user
    const { meetingId, topicId, resolution } = input
    await holdMeeting(trx, villageId, meetingId, ['open'])
    await requireCloseOutsDone(trx, villageId)
    const item = await openAgendaItem(trx, meetingId, topicId)
    const [rules, votes, present] = await Promise.all([
      loadCouncilRules(trx, villageId),
      votesOn(trx, meetingId, topicId),
      membersPresent(trx, meetingId),
    ])
    const passed = topicPasses(votes, present, rules.passThreshold)
    refuse(resolutionRefusal(passed, resolution, now))
    await recordOutcome(trx, { meetingId, topicId, passed, votes, present, at })
    await moveTopic(trx, villageId, topicId, ['scheduled'], passed ? 'passed' : 'notPassed', at)
    const tally = tallyText(present, votes)
    if (passed && resolution) {
      await createResolution(trx, { ...resolution, villageId, topicId, meetingId, at })
    }
    await tellTopicAuthors(
      trx,
      ctx.services.config,
      { id: topicId, villageId, title: item.title },
      passed && resolution
        ? {
            kind: 'passed',
            text: `议事会议表决通过（${tally}）。决议：${resolution.decision}。由${resolution.executor}办理，${formatVillageDate(resolution.dueOn)}前完成`,
            title: '议题表决通过',
            actorId: ctx.user.id,
            at,
          }
        : {
            kind: 'notPassed',
            text: `议事会议表决未通过（${tally}）`,
            title: '议题表决未通过',
            actorId: ctx.user.id,
            at,
          },
    )
    return answer(ctx, trx, meetingId, { topic: item.title, passed, ...votes })
  }),

  closeMeeting: change(chair, 'council.closeMeeting', async (ctx, trx, { meetingId }) => {
    const { villageId } = ctx.user
    await holdMeeting(trx, villageId, meetingId, ['open'])
    refuse(undecidedRefusal(await undecidedTitles(trx, meetingId)))
    await closeMeeting(trx, villageId, meetingId, ctx.services.now())
    return answer(ctx, trx, meetingId, { status: 'closed' })
  }),

  exportMinutes: forRoles(councilRoles, (ctx, { meetingId }) =>
    exportMinutes(ctx.services.db, readerOf(ctx), meetingId, ctx.services.now()),
  ),
}

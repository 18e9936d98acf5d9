import { randomUUID } from 'node:crypto'
import { councilRoles } from '../../types/council'
import type { Meeting } from '../../types/council-meetings'
import {
  earliestMeetingDay,
  quorumCount,
  quorumReached,
  topicPasses,
  voteChoiceLabels,
} from '../../types/council-rules'
import { formatVillageDate, formatVillageDateTime, villageDayOf } from '../../types/village-time'
import { change, type Changed } from '../core/change'
import { forRoles, type VillagerContext } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, notFound } from '../core/errors'
import {
  closeOutsWaiting,
  councilMemberIds,
  holdMeeting,
  listMeetings,
  loadCouncilRules,
  loadMeeting,
  minutesToFreeze,
  shareMeeting,
  votingRoles,
} from '../domain/council-meetings'
import { minutesDocument } from '../domain/council-minutes'
import { moveTopic, tellTopicAuthors } from '../domain/council-topics'
import { writeMessages } from '../domain/messages'
import type { Db } from '../store/db'

const chair = ['councilChair'] as const

const meetingTarget = (meeting: Pick<Meeting, 'startsAt'>) =>
  `${formatVillageDateTime(meeting.startsAt)}的议事会议`

/** The meeting as the caller now reads it, and the audit entry of the change made to it. */
async function answer(
  ctx: VillagerContext,
  trx: Db,
  meetingId: string,
  after: Record<string, unknown>,
): Promise<Changed<Meeting>> {
  const meeting = await loadMeeting(
    trx,
    { userId: ctx.user.id, villageId: ctx.user.villageId },
    meetingId,
    ctx.services.now(),
  )
  return { result: meeting, audit: { target: meetingTarget(meeting), before: null, after } }
}

/** Statements, votes and decisions wait until every finished resolution is closed out. */
async function closeOutsFirst(trx: Db, villageId: string) {
  const waiting = await closeOutsWaiting(trx, villageId)
  if (waiting > 0) {
    throw new AppError(
      'FAILED_PRECONDITION',
      `还有${waiting}项已办完的决议没有销号：请先逐项销号，再讨论议题`,
    )
  }
}

/** A topic of this meeting whose vote is still on. */
async function openAgendaItem(trx: Db, meetingId: string, topicId: string) {
  const item = await trx
    .selectFrom('councilAgenda')
    .innerJoin('councilTopics', 'councilTopics.id', 'councilAgenda.topicId')
    .select(['councilAgenda.outcome', 'councilTopics.title', 'councilTopics.villageId'])
    .where('councilAgenda.meetingId', '=', meetingId)
    .where('councilAgenda.topicId', '=', topicId)
    .executeTakeFirst()
  if (!item) throw notFound('会议上的这个议题')
  if (item.outcome !== null) {
    throw new AppError('FAILED_PRECONDITION', `议题“${item.title}”已经表决结束`)
  }
  return item
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
    const row = {
      noticeDays: input.noticeDays,
      quorumNumerator: input.quorum.numerator,
      quorumDenominator: input.quorum.denominator,
      passNumerator: input.passThreshold.numerator,
      passDenominator: input.passThreshold.denominator,
      pointsAttending: input.points.attending,
      pointsSpeaking: input.points.speaking,
      pointsTopicPassed: input.points.topicPassed,
      updatedAt: ctx.services.now().toISOString(),
    }
    await trx
      .insertInto('councilRules')
      .values({ villageId: ctx.user.villageId, ...row })
      .onConflict((oc) => oc.column('villageId').doUpdateSet(row))
      .execute()
    return { result: input, audit: { target: '议事规则', before, after: input } }
  }),

  scheduleMeeting: change(chair, 'council.scheduleMeeting', async (ctx, trx, input) => {
    const now = ctx.services.now()
    const at = now.toISOString()
    const { villageId } = ctx.user
    const rules = await loadCouncilRules(trx, villageId)
    const earliest = earliestMeetingDay(now, rules.noticeDays)
    if (villageDayOf(input.startsAt) < earliest) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `会议要提前${rules.noticeDays}天通知，最早定在${formatVillageDate(earliest)}`,
        'startsAt',
      )
    }
    const members = await councilMemberIds(trx, villageId)
    if (members.length === 0) throw new AppError('FAILED_PRECONDITION', '本村还没有议事会成员')
    const id = randomUUID()
    await trx
      .insertInto('councilMeetings')
      .values({
        id,
        villageId,
        place: input.place,
        startsAt: new Date(input.startsAt).toISOString(),
        status: 'announced',
        memberCount: members.length,
        revision: 0,
        scheduledBy: ctx.user.id,
        createdAt: at,
        openedAt: null,
        closedAt: null,
        minutesJson: null,
      })
      .execute()
    const when = `${formatVillageDateTime(input.startsAt)}，${input.place}`
    const topicIds = [...new Set(input.topicIds)]
    const titles: string[] = []
    for (const [index, topicId] of topicIds.entries()) {
      await moveTopic(
        trx,
        villageId,
        topicId,
        ['approved'],
        'scheduled',
        at,
        '只有通过会前预审、还没排会的议题才能上会',
      )
      await trx
        .insertInto('councilAgenda')
        .values({
          meetingId: id,
          topicId,
          position: index + 1,
          outcome: null,
          votesFor: null,
          votesAgainst: null,
          votesAbstain: null,
          present: null,
          decidedAt: null,
        })
        .execute()
      const topic = await trx
        .selectFrom('councilTopics')
        .select('title')
        .where('id', '=', topicId)
        .executeTakeFirstOrThrow()
      titles.push(topic.title)
      await tellTopicAuthors(
        trx,
        ctx.services.config,
        { id: topicId, villageId, title: topic.title },
        {
          kind: 'onAgenda',
          text: `议题将在议事会议上讨论：${when}`,
          title: '议题已排上议事会议',
          actorId: ctx.user.id,
          at,
        },
      )
    }
    await trx
      .insertInto('councilInvitees')
      .values([
        ...members.map((userId) => ({
          id: randomUUID(),
          meetingId: id,
          userId,
          guestName: null,
          guestNote: null,
          member: 1 as const,
          checkedInAt: null,
        })),
        ...input.guests.map((guest) => ({
          id: randomUUID(),
          meetingId: id,
          userId: null,
          guestName: guest.name,
          guestNote: guest.note,
          member: 0 as const,
          checkedInAt: null,
        })),
      ])
      .execute()
    await writeMessages(trx, ctx.services.config, at, {
      villageId,
      to: { userIds: members },
      kind: 'council',
      title: '议事会议通知',
      body: `${when}。议题：${titles.join('、')}`,
      link: null,
    })
    return answer(ctx, trx, id, { topics: titles, guests: input.guests.length })
  }),

  meetings: forRoles(councilRoles, (ctx, { status }) =>
    listMeetings(ctx.services.db, ctx.user.villageId, status),
  ),

  meeting: forRoles(councilRoles, (ctx, { meetingId }) =>
    loadMeeting(
      ctx.services.db,
      { userId: ctx.user.id, villageId: ctx.user.villageId },
      meetingId,
      ctx.services.now(),
    ),
  ),

  checkIn: change(councilRoles, 'council.checkIn', async (ctx, trx, { meetingId, inviteeId }) => {
    await holdMeeting(trx, ctx.user.villageId, meetingId, ['announced', 'open'])
    const forSomeoneElse = inviteeId !== undefined
    if (forSomeoneElse && !ctx.user.roles.includes('councilChair')) {
      throw new AppError('PERMISSION_DENIED', '只有理事长可以替别人签到')
    }
    const invitee = await trx
      .selectFrom('councilInvitees')
      .leftJoin('users', 'users.id', 'councilInvitees.userId')
      .select([
        'councilInvitees.id',
        'councilInvitees.checkedInAt',
        'councilInvitees.guestName',
        'users.displayName',
        'users.villagerNo',
      ])
      .where('councilInvitees.meetingId', '=', meetingId)
      .where(
        forSomeoneElse ? 'councilInvitees.id' : 'councilInvitees.userId',
        '=',
        forSomeoneElse ? inviteeId : ctx.user.id,
      )
      .executeTakeFirst()
    if (!invitee) {
      throw forSomeoneElse
        ? notFound('这位参会人')
        : new AppError('PERMISSION_DENIED', '您不在这次会议的邀请名单里')
    }
    if (invitee.checkedInAt !== null) throw new AppError('CONFLICT', '已经签到了')
    await trx
      .updateTable('councilInvitees')
      .set({ checkedInAt: ctx.services.now().toISOString() })
      .where('id', '=', invitee.id)
      .execute()
    const name = invitee.displayName ?? invitee.guestName
    return answer(ctx, trx, meetingId, { checkedIn: name })
  }),

  openMeeting: change(chair, 'council.openMeeting', async (ctx, trx, { meetingId }) => {
    const now = ctx.services.now()
    const held = await holdMeeting(trx, ctx.user.villageId, meetingId, ['announced'])
    const day = villageDayOf(held.startsAt)
    if (villageDayOf(now) < day) {
      throw new AppError('FAILED_PRECONDITION', `会议定在${formatVillageDate(day)}，当天才能开会`)
    }
    const rules = await loadCouncilRules(trx, ctx.user.villageId)
    const present = await trx
      .selectFrom('councilInvitees')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('meetingId', '=', meetingId)
      .where('member', '=', 1)
      .where('checkedInAt', 'is not', null)
      .executeTakeFirstOrThrow()
    const members = Number(held.memberCount)
    const count = Number(present.count)
    if (!quorumReached(count, members, rules.quorum)) {
      const needed = quorumCount(members, rules.quorum)
      throw new AppError(
        'FAILED_PRECONDITION',
        `到会成员${count}人，至少要${needed}人才能开会，还差${needed - count}人`,
      )
    }
    await trx
      .updateTable('councilMeetings')
      .set({ status: 'open', openedAt: now.toISOString() })
      .where('id', '=', meetingId)
      .execute()
    return answer(ctx, trx, meetingId, { status: 'open', present: count, members })
  }),

  closeOut: change(chair, 'council.closeOut', async (ctx, trx, input) => {
    const at = ctx.services.now().toISOString()
    const { villageId } = ctx.user
    await holdMeeting(trx, villageId, input.meetingId, ['open'])
    const moved = await trx
      .updateTable('councilResolutions')
      .set({ status: 'closedOut', closedOutAt: at, updatedAt: at })
      .where('id', '=', input.resolutionId)
      .where('villageId', '=', villageId)
      .where('status', '=', 'finished')
      .returning('topicId')
      .executeTakeFirst()
    if (!moved) {
      const exists = await trx
        .selectFrom('councilResolutions')
        .select('status')
        .where('id', '=', input.resolutionId)
        .where('villageId', '=', villageId)
        .executeTakeFirst()
      if (!exists) throw notFound('这项决议')
      throw new AppError(
        'FAILED_PRECONDITION',
        exists.status === 'closedOut' ? '这项决议已经销号了' : '决议还没办完，不能销号',
      )
    }
    const done = await trx
      .selectFrom('councilCloseOuts')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('meetingId', '=', input.meetingId)
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('councilCloseOuts')
      .values({
        resolutionId: input.resolutionId,
        meetingId: input.meetingId,
        position: Number(done.count) + 1,
        note: input.note,
        closedBy: ctx.user.id,
        createdAt: at,
      })
      .execute()
    const topic = await trx
      .selectFrom('councilTopics')
      .select(['id', 'title'])
      .where('id', '=', moved.topicId)
      .executeTakeFirstOrThrow()
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
    await closeOutsFirst(trx, villageId)
    const item = await openAgendaItem(trx, input.meetingId, input.topicId)
    const speaker = await trx
      .selectFrom('councilInvitees')
      .select(['id', 'checkedInAt'])
      .where('id', '=', input.inviteeId)
      .where('meetingId', '=', input.meetingId)
      .executeTakeFirst()
    if (!speaker) throw notFound('这位参会人')
    if (speaker.checkedInAt === null) {
      throw new AppError('FAILED_PRECONDITION', '没有签到的人不能记录发言', 'inviteeId')
    }
    const last = await trx
      .selectFrom('councilStatements')
      .select((eb) => eb.fn.max('position').as('last'))
      .where('meetingId', '=', input.meetingId)
      .where('topicId', '=', input.topicId)
      .executeTakeFirst()
    await trx
      .insertInto('councilStatements')
      .values({
        id: randomUUID(),
        meetingId: input.meetingId,
        topicId: input.topicId,
        inviteeId: input.inviteeId,
        position: Number(last?.last ?? 0) + 1,
        text: input.text,
        recordedBy: ctx.user.id,
        createdAt: ctx.services.now().toISOString(),
      })
      .execute()
    return answer(ctx, trx, input.meetingId, { statementOn: item.title })
  }),

  vote: change(votingRoles, 'council.vote', async (ctx, trx, input) => {
    const { villageId } = ctx.user
    // Shared first: a vote and the end of this topic's vote (or of the meeting) are ordered.
    await shareMeeting(trx, ctx.services.engine, villageId, input.meetingId)
    await closeOutsFirst(trx, villageId)
    const item = await openAgendaItem(trx, input.meetingId, input.topicId)
    const voter = await trx
      .selectFrom('councilInvitees')
      .select('checkedInAt')
      .where('meetingId', '=', input.meetingId)
      .where('userId', '=', ctx.user.id)
      .where('member', '=', 1)
      .executeTakeFirst()
    if (!voter) throw new AppError('PERMISSION_DENIED', '您不是这次会议的表决成员')
    if (voter.checkedInAt === null) throw new AppError('FAILED_PRECONDITION', '请先签到再表决')
    // The unique key holds one vote per member per topic, whatever phones race.
    const cast = await trx
      .insertInto('councilVotes')
      .values({
        id: randomUUID(),
        meetingId: input.meetingId,
        topicId: input.topicId,
        memberId: ctx.user.id,
        choice: input.choice,
        createdAt: ctx.services.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['meetingId', 'topicId', 'memberId']).doNothing())
      .executeTakeFirst()
    if (Number(cast.numInsertedOrUpdatedRows ?? 0) === 0) {
      throw new AppError('CONFLICT', '您已经对这个议题投过票了，每人只能投一次')
    }
    return answer(ctx, trx, input.meetingId, {
      topic: item.title,
      choice: voteChoiceLabels[input.choice],
    })
  }),

  decideTopic: change(chair, 'council.decideTopic', async (ctx, trx, input) => {
    const now = ctx.services.now()
    const at = now.toISOString()
    const { villageId } = ctx.user
    await holdMeeting(trx, villageId, input.meetingId, ['open'])
    await closeOutsFirst(trx, villageId)
    const item = await openAgendaItem(trx, input.meetingId, input.topicId)
    const [rules, votes, present] = await Promise.all([
      loadCouncilRules(trx, villageId),
      trx
        .selectFrom('councilVotes')
        .select(['choice'])
        .where('meetingId', '=', input.meetingId)
        .where('topicId', '=', input.topicId)
        .execute(),
      trx
        .selectFrom('councilInvitees')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('meetingId', '=', input.meetingId)
        .where('member', '=', 1)
        .where('checkedInAt', 'is not', null)
        .executeTakeFirstOrThrow(),
    ])
    const count = {
      for: votes.filter((vote) => vote.choice === 'for').length,
      against: votes.filter((vote) => vote.choice === 'against').length,
      abstain: votes.filter((vote) => vote.choice === 'abstain').length,
    }
    const presentCount = Number(present.count)
    const passed = topicPasses(count, presentCount, rules.passThreshold)
    const resolution = input.resolution
    if (passed && !resolution) {
      throw new AppError(
        'INVALID_ARGUMENT',
        '议题表决通过了，请填写决议内容、执行人和完成日期',
        'resolution',
      )
    }
    if (passed && resolution && resolution.dueOn < villageDayOf(now)) {
      throw new AppError('INVALID_ARGUMENT', '完成日期不能早于今天', 'resolution.dueOn')
    }
    await trx
      .updateTable('councilAgenda')
      .set({
        outcome: passed ? 'passed' : 'notPassed',
        votesFor: count.for,
        votesAgainst: count.against,
        votesAbstain: count.abstain,
        present: presentCount,
        decidedAt: at,
      })
      .where('meetingId', '=', input.meetingId)
      .where('topicId', '=', input.topicId)
      .execute()
    await moveTopic(
      trx,
      villageId,
      input.topicId,
      ['scheduled'],
      passed ? 'passed' : 'notPassed',
      at,
    )
    const tally = `到会成员${presentCount}人，同意${count.for}票、反对${count.against}票、弃权${count.abstain}票`
    if (passed && resolution) {
      await trx
        .insertInto('councilResolutions')
        .values({
          id: randomUUID(),
          villageId,
          topicId: input.topicId,
          meetingId: input.meetingId,
          decision: resolution.decision,
          executor: resolution.executor,
          dueOn: resolution.dueOn,
          status: 'inProgress',
          finishedAt: null,
          closedOutAt: null,
          createdAt: at,
          updatedAt: at,
        })
        .execute()
    }
    await tellTopicAuthors(
      trx,
      ctx.services.config,
      { id: input.topicId, villageId, title: item.title },
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
    return answer(ctx, trx, input.meetingId, { topic: item.title, passed, ...count })
  }),

  closeMeeting: change(chair, 'council.closeMeeting', async (ctx, trx, { meetingId }) => {
    const now = ctx.services.now()
    const { villageId } = ctx.user
    await holdMeeting(trx, villageId, meetingId, ['open'])
    const undecided = await trx
      .selectFrom('councilAgenda')
      .innerJoin('councilTopics', 'councilTopics.id', 'councilAgenda.topicId')
      .select('councilTopics.title')
      .where('councilAgenda.meetingId', '=', meetingId)
      .where('councilAgenda.outcome', 'is', null)
      .execute()
    if (undecided.length > 0) {
      throw new AppError(
        'FAILED_PRECONDITION',
        `还有议题没有表决：${undecided.map((row) => row.title).join('、')}`,
      )
    }
    const closedAt = now.toISOString()
    const minutes = await minutesToFreeze(trx, villageId, meetingId, now)
    await trx
      .updateTable('councilMeetings')
      .set({
        status: 'closed',
        closedAt,
        minutesJson: JSON.stringify({ ...minutes, status: 'closed', closedAt }),
      })
      .where('id', '=', meetingId)
      .execute()
    return answer(ctx, trx, meetingId, { status: 'closed' })
  }),

  exportMinutes: forRoles(councilRoles, async (ctx, { meetingId }) => {
    const meeting = await loadMeeting(
      ctx.services.db,
      { userId: ctx.user.id, villageId: ctx.user.villageId },
      meetingId,
      ctx.services.now(),
    )
    const village = await ctx.services.db
      .selectFrom('villages')
      .select('name')
      .where('id', '=', ctx.user.villageId)
      .executeTakeFirstOrThrow()
    return minutesDocument(village.name, meeting)
  }),
}

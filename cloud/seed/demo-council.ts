import type { SuggestionCategory, SuggestionStepKind } from '../../types/council'
import { addVillageDays, villageDayOf } from '../../types/village-time'
import { addMember } from '../core/identity'
import { closeMeeting, putOnAgenda } from '../domain/council-meetings'
import { recordStep } from '../domain/council-suggestions'
import type { Db } from '../store/db'
import { newRowId } from '../store/row-id'

const hour = 3_600_000
const day = 24 * hour

/** The demo personas of the council, by key, as seeded. */
export interface CouncilPeople {
  villager: string
  councilMember: string
  councilChair: string
  partyReviewer: string
  villageCommittee: string
}

/**
 * The demo village's 百姓议事会, so every council screen has something to show: three more
 * members; suggestions in the inbox, in topics, answered; a topic not deliberated because the
 * rules already cover it (with the article); a meeting held ten days ago with its attendance,
 * statements, votes and a resolution in progress (frozen minutes); and a meeting announced for
 * three days from now with an approved topic on it.
 */
export async function seedDemoCouncil(db: Db, villageId: string, people: CouncilPeople, now: Date) {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString()
  const others: string[] = []
  for (const name of ['孙立新', '周桂兰', '吴国强']) {
    others.push(
      await addMember(
        db,
        { villageId, displayName: name, demoPersona: null, roles: ['councilMember'] },
        ago(60 * day),
      ),
    )
  }
  const neighbour = await addMember(
    db,
    { villageId, displayName: '张大山', demoPersona: null, roles: [] },
    ago(60 * day),
  )
  const members = [people.councilChair, people.councilMember, ...others]

  async function suggestion(
    filedBy: string,
    title: string,
    body: string,
    category: SuggestionCategory,
    filedAt: string,
    showName = true,
  ) {
    const id = newRowId()
    await db
      .insertInto('suggestions')
      .values({
        id,
        villageId,
        filedBy,
        title,
        body,
        category,
        showName: showName ? 1 : 0,
        status: 'received',
        contentCheck: 'passed',
        filedAt,
        updatedAt: filedAt,
      })
      .execute()
    await step(id, 'filed', '建议已提交，议事会成员会尽快处理', null, filedAt)
    return id
  }
  const step = (
    suggestionId: string,
    kind: SuggestionStepKind,
    text: string,
    actorId: string | null,
    at: string,
    articleId: string | null = null,
  ) => recordStep(db, { villageId, suggestionId, kind, text, actorId, at, articleId })

  async function topic(
    suggestionIds: string[],
    title: string,
    background: string,
    status: 'approved' | 'rejected' | 'scheduled' | 'passed',
    madeAt: string,
  ) {
    const id = newRowId()
    await db
      .insertInto('councilTopics')
      .values({
        id,
        villageId,
        title,
        background,
        options: '',
        materialsJson: JSON.stringify([{ item: '现场照片', ready: true }]),
        status,
        createdBy: people.councilMember,
        createdAt: madeAt,
        updatedAt: madeAt,
      })
      .execute()
    for (const suggestionId of suggestionIds) {
      await db
        .updateTable('suggestions')
        .set({ status: 'inTopic', topicId: id, updatedAt: madeAt })
        .where('id', '=', suggestionId)
        .execute()
      await step(suggestionId, 'inTopic', `已列为议题“${title}”`, people.councilMember, madeAt)
    }
    return id
  }
  async function approve(topicId: string, suggestionIds: string[], at: string) {
    await db
      .insertInto('councilPreReviews')
      .values({
        id: newRowId(),
        villageId,
        topicId,
        outcome: 'approved',
        note: '',
        law: null,
        articleId: null,
        reviewedBy: people.partyReviewer,
        createdAt: at,
      })
      .execute()
    for (const id of suggestionIds) {
      await step(id, 'approved', '议题通过会前预审，等待安排议事会议', people.partyReviewer, at)
    }
  }

  // In the inbox, and answered.
  await suggestion(
    people.villager,
    '村里垃圾桶太少',
    '三组到五组只有两个垃圾桶，经常满出来，夏天味道很大。',
    'villageAppearance',
    ago(1 * day),
  )
  const answered = await suggestion(
    neighbour,
    '文化礼堂晚上能不能开灯',
    '晚上想在文化礼堂跳广场舞，门口太黑。',
    'livelihood',
    ago(20 * day),
  )
  await db
    .updateTable('suggestions')
    .set({ status: 'answered' })
    .where('id', '=', answered)
    .execute()
  await step(
    answered,
    'answered',
    '已安排每晚 7 点到 9 点开门口的灯。',
    people.councilMember,
    ago(19 * day),
  )

  // Not deliberated: the current rules already cap the bride price.
  const brideSuggestion = await suggestion(
    neighbour,
    '彩礼太高了',
    '现在说亲要十几万彩礼，年轻人结不起婚，村里能不能管一管。',
    'ceremonies',
    ago(25 * day),
    false,
  )
  const brideTopic = await topic(
    [brideSuggestion],
    '彩礼过高',
    '村民反映彩礼偏高',
    'rejected',
    ago(24 * day),
  )
  const article = await db
    .selectFrom('rulesArticles')
    .innerJoin('rulesVersions', 'rulesVersions.id', 'rulesArticles.versionId')
    .select(['rulesArticles.id', 'rulesArticles.number'])
    .where('rulesVersions.villageId', '=', villageId)
    .where('rulesArticles.text', 'like', '%彩礼不超过 20000 元%')
    .orderBy('rulesVersions.versionNo', 'desc')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('councilPreReviews')
    .values({
      id: newRowId(),
      villageId,
      topicId: brideTopic,
      outcome: 'coveredByRules',
      note: '',
      law: null,
      articleId: article.id,
      reviewedBy: people.partyReviewer,
      createdAt: ago(22 * day),
    })
    .execute()
  await step(
    brideSuggestion,
    'notDeliberated',
    `会前预审：村规民约第${Number(article.number)}条已有约定，不再上会讨论`,
    people.partyReviewer,
    ago(22 * day),
    article.id,
  )

  // Held ten days ago: the street lights passed and are being mended.
  const lights = await suggestion(
    people.villager,
    '村口路灯坏了',
    '村口到小学那段路的三盏路灯坏了一个多月，晚上接孩子看不清路。',
    'roadsAndTraffic',
    ago(30 * day),
  )
  const lightsTopic = await topic(
    [lights],
    '村口路灯维修',
    '村口到小学路段三盏路灯损坏',
    'passed',
    ago(28 * day),
  )
  await approve(lightsTopic, [lights], ago(26 * day))
  const heldAt = ago(10 * day)
  const meetingId = newRowId()
  await db
    .insertInto('councilMeetings')
    .values({
      id: meetingId,
      villageId,
      place: '村委会议室',
      startsAt: heldAt,
      status: 'open',
      memberCount: members.length,
      revision: 0,
      scheduledBy: people.councilChair,
      createdAt: ago(13 * day),
      openedAt: heldAt,
      closedAt: null,
      minutesJson: null,
    })
    .execute()
  await step(
    lights,
    'onAgenda',
    '议题将在议事会议上讨论：村委会议室',
    people.councilChair,
    ago(13 * day),
  )
  const invitees = members.map((userId, index) => ({
    id: newRowId(),
    meetingId,
    userId,
    guestName: null,
    guestNote: null,
    member: 1 as const,
    // One member could not come.
    checkedInAt: index < members.length - 1 ? heldAt : null,
  }))
  const guest = {
    id: newRowId(),
    meetingId,
    userId: null,
    guestName: '王律师',
    guestNote: '法律顾问',
    member: 0 as const,
    checkedInAt: heldAt,
  }
  await db
    .insertInto('councilInvitees')
    .values([...invitees, guest])
    .execute()
  const present = invitees.filter((invitee) => invitee.checkedInAt !== null)
  await db
    .insertInto('councilAgenda')
    .values({
      meetingId,
      topicId: lightsTopic,
      position: 1,
      outcome: 'passed',
      votesFor: present.length,
      votesAgainst: 0,
      votesAbstain: 0,
      present: present.length,
      decidedAt: heldAt,
    })
    .execute()
  const said = [
    [present[1].id, '晚上接孩子的人多，路灯要尽快修。'],
    [guest.id, '路灯属于村集体设施，维修费用可以从村集体收入里列支。'],
    [present[0].id, '建议一次换成太阳能路灯，省电费。'],
  ] as const
  for (const [index, [inviteeId, text]] of said.entries()) {
    await db
      .insertInto('councilStatements')
      .values({
        id: newRowId(),
        meetingId,
        topicId: lightsTopic,
        inviteeId,
        position: index + 1,
        text,
        recordedBy: people.councilChair,
        createdAt: heldAt,
      })
      .execute()
  }
  await db
    .insertInto('councilVotes')
    .values(
      present.map((invitee) => ({
        id: newRowId(),
        meetingId,
        topicId: lightsTopic,
        memberId: invitee.userId,
        choice: 'for' as const,
        createdAt: heldAt,
      })),
    )
    .execute()
  const resolutionId = newRowId()
  const dueOn = addVillageDays(villageDayOf(now), 20)
  await db
    .insertInto('councilResolutions')
    .values({
      id: resolutionId,
      villageId,
      topicId: lightsTopic,
      meetingId,
      decision: '更换村口至小学路段路灯 3 盏，改为太阳能路灯',
      executor: '村两委',
      dueOn,
      status: 'inProgress',
      finishedAt: null,
      closedOutAt: null,
      createdAt: heldAt,
      updatedAt: ago(3 * day),
    })
    .execute()
  await step(
    lights,
    'passed',
    `议事会议表决通过（到会成员${present.length}人，同意${present.length}票）。决议：更换村口至小学路段路灯 3 盏，改为太阳能路灯。由村两委办理`,
    people.councilChair,
    heldAt,
  )
  await db
    .insertInto('councilProgress')
    .values({
      id: newRowId(),
      resolutionId,
      text: '已买好 3 盏太阳能路灯，等电工安装',
      finished: 0,
      reportedBy: people.villageCommittee,
      createdAt: ago(3 * day),
    })
    .execute()
  await step(
    lights,
    'progress',
    '办理进展：已买好 3 盏太阳能路灯，等电工安装',
    people.villageCommittee,
    ago(3 * day),
  )
  // Closed, and its minutes frozen as the meeting would have left them.
  await closeMeeting(db, villageId, meetingId, new Date(Date.parse(heldAt) + 2 * hour))

  // Announced for three days from now, 19:30 village time: the river clean-up.
  const river = await suggestion(
    neighbour,
    '河道里垃圾多',
    '村前小河里塑料袋和瓶子很多，下雨天堵住涵洞。',
    'villageAppearance',
    ago(8 * day),
  )
  const riverTopic = await topic(
    [river],
    '村前小河清理',
    '河道垃圾堵塞涵洞',
    'scheduled',
    ago(7 * day),
  )
  await approve(riverTopic, [river], ago(5 * day))
  const nextId = newRowId()
  const startsAt = `${addVillageDays(villageDayOf(now), 3)}T11:30:00.000Z`
  await db
    .insertInto('councilMeetings')
    .values({
      id: nextId,
      villageId,
      place: '文化礼堂',
      startsAt,
      status: 'announced',
      memberCount: members.length,
      revision: 0,
      scheduledBy: people.councilChair,
      createdAt: ago(2 * hour),
      openedAt: null,
      closedAt: null,
      minutesJson: null,
    })
    .execute()
  await putOnAgenda(db, nextId, riverTopic, 1)
  await db
    .insertInto('councilInvitees')
    .values(
      members.map((userId) => ({
        id: newRowId(),
        meetingId: nextId,
        userId,
        guestName: null,
        guestNote: null,
        member: 1 as const,
        checkedInAt: null,
      })),
    )
    .execute()
  await step(
    river,
    'onAgenda',
    '议题将在议事会议上讨论：文化礼堂',
    people.councilChair,
    ago(2 * hour),
  )
}

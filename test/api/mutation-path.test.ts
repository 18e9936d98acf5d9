import { randomUUID } from 'node:crypto'
import { contract, type ActionInput } from '../../types/contract'
import { addVillageDays, villageDayOf } from '../../types/village-time'
import { change, changeAsSystem } from '../../cloud/core/change'
import { asVillager, createSession, resolveUser, userForOpenid } from '../../cloud/core/identity'
import { bailu, engines, expectError, shilong, startTestApp, type TestApp } from './support/harness'

/** Every action the contract declares with `change`, as `function.action`. */
const changingActions = Object.entries(contract).flatMap(([fn, actions]) =>
  Object.entries(actions)
    .filter(([, spec]) => spec.changes)
    .map(([name]) => `${fn}.${name}`),
)

/** Someone who has just joined 石龙村, which approves its members: their user id. */
async function pendingMember(app: TestApp): Promise<string> {
  const user = await userForOpenid(app.services, `openid-${randomUUID()}`)
  const token = await createSession(app.services, user.id)
  await app.call(token, 'session', 'joinVillage', { villageId: shilong, displayName: '新来的' })
  return user.id
}

/** A wedding filed by a new family of 石龙村, taken by a council member up to `steps`. */
async function filing(app: TestApp, steps: ('acknowledge' | 'recordCheck')[] = []) {
  const family = await app.newMember(shilong)
  const council = await app.newMember(shilong, ['ceremonyCouncilMember'])
  const { id } = await app.call(family, 'ceremonyFiling', 'file', {
    ceremonyType: 'wedding',
    ceremonyDate: addVillageDays(villageDayOf(new Date()), 10),
    place: '文化礼堂',
    hostName: '张三',
    tables: 10,
    costPerTable: 300,
    cigarettePrice: 10,
    liquorPrice: 30,
    cars: 2,
  })
  const check = { checkedOn: villageDayOf(new Date()), seen: '按标准办', limitsKept: true }
  for (const step of steps) {
    const data = step === 'recordCheck' ? { filingId: id, ...check } : { filingId: id }
    await app.call(council, 'ceremonyFiling', step, data)
  }
  return { council, filingId: id, check }
}

const residence = `${shilong}-service-residence`

/** A fresh villager's booking of the residence certificate in the first free slot. */
async function booking(app: TestApp, index = 0) {
  const token = await app.newMember(shilong, [], '预约的村民')
  const days = await app.call(token, 'serviceCenter', 'availability', { serviceId: residence })
  const slots = days.flatMap((day) => day.slots).filter((slot) => slot.placesLeft > 0)
  const appointment = await app.call(token, 'serviceCenter', 'book', {
    serviceId: residence,
    slotStart: slots[index].start,
    contactName: '预约的村民',
    contactPhone: '13912345678',
  })
  return { token, appointment, slots }
}

/** A booking taken by staff up to `steps` (in order), and a staff token. */
async function atDesk(app: TestApp, steps: ('checkIn' | 'finish')[] = []) {
  const staff = await app.signIn('staff')
  const { token, appointment, slots } = await booking(app)
  for (const step of steps) {
    const data = { appointmentId: appointment.id, result: '已办好' }
    await app.call(
      staff,
      'serviceDesk',
      step,
      step === 'finish' ? data : { appointmentId: data.appointmentId },
    )
  }
  return { staff, token, appointmentId: appointment.id, slots }
}

/** For each changing action: a permitted caller and valid data, in 石龙村. */
const samples: Record<string, (app: TestApp) => Promise<{ token: string; data: unknown }>> = {
  'admin.createInvitation': async (app) => ({
    token: await app.signIn('admin'),
    data: { role: 'staff', validDays: 7 },
  }),
  'admin.revokeInvitation': async (app) => {
    const token = await app.signIn('admin')
    const invitation = await app.call(token, 'admin', 'createInvitation', {
      role: 'staff',
      validDays: 7,
    })
    return { token, data: { invitationId: invitation.id } }
  },
  'admin.revokeRole': async (app) => {
    const member = await app.newMember(shilong, ['staff'], '将卸任的工作人员')
    const { user } = await app.call(member, 'session', 'me')
    return { token: await app.signIn('admin'), data: { userId: user.id, role: 'staff' } }
  },
  'admin.saveHeldWords': async (app) => ({
    token: await app.signIn('admin'),
    data: { words: ['傻逼', '去死', '杀了', '滚蛋'] },
  }),
  'admin.moveMember': async (app) => {
    const member = await app.newMember(shilong, ['staff'], '走错村的人')
    const { user } = await app.call(member, 'session', 'me')
    return { token: await app.signIn('admin'), data: { userId: user.id, villageId: bailu } }
  },
  'session.leaveVillage': async (app) => ({
    token: await app.newMember(shilong, ['staff'], '要走的人'),
    data: undefined,
  }),
  'session.closeAccount': async (app) => ({
    token: await app.newMember(shilong, [], '要注销的人'),
    data: undefined,
  }),
  'ceremony.updateGiftLimit': async (app) => ({
    token: await app.signIn('admin'),
    data: { ceremonyType: 'funeral', relationship: 'relative', maxAmount: 150 },
  }),
  'ceremony.updateBanquetLimit': async (app) => ({
    token: await app.signIn('admin'),
    data: {
      maxTables: 15,
      maxCostPerTable: 300,
      maxCigarettePrice: 15,
      maxLiquorPrice: 50,
      maxCars: 6,
      maxBridePrice: 20000,
    },
  }),
  'rules.publish': async (app) => {
    const token = await app.signIn('admin')
    const versions = await app.call(token, 'rules', 'versions')
    return {
      token,
      data: {
        basedOnVersionNo: Math.max(0, ...versions.map((version) => version.versionNo)),
        title: '石龙村村规民约',
        adoptedOn: '2025-06-01',
        chapters: [{ title: '总则', articles: [{ text: '村民之间互相帮助。' }] }],
      },
    }
  },
  'session.joinVillage': async (app) => {
    const user = await userForOpenid(app.services, `openid-${randomUUID()}`)
    return {
      token: await createSession(app.services, user.id),
      data: { villageId: shilong, displayName: '新来的村民' },
    }
  },
  'membership.approve': async (app) => ({
    token: await app.signIn('staff'),
    data: { userId: await pendingMember(app) },
  }),
  'membership.decline': async (app) => ({
    token: await app.signIn('admin'),
    data: { userId: await pendingMember(app) },
  }),
  'membership.setJoinPolicy': async (app) => ({
    token: await app.signIn('admin'),
    data: { joinPolicy: 'open' },
  }),
  'session.redeemInvitation': async (app) => {
    const admin = await app.signIn('admin')
    const invitation = await app.call(admin, 'admin', 'createInvitation', {
      role: 'partyReviewer',
      validDays: 7,
    })
    return { token: await app.newMember(shilong), data: { code: invitation.code } }
  },
  'ceremonyFiling.file': async (app) => ({
    token: await app.newMember(shilong),
    data: {
      ceremonyType: 'funeral',
      ceremonyDate: villageDayOf(new Date()),
      place: '村东头',
      hostName: '李四',
      tables: 8,
      costPerTable: 200,
      cigarettePrice: 10,
      liquorPrice: 20,
      cars: 0,
    },
  }),
  'ceremonyFiling.acknowledge': async (app) => {
    const { council, filingId } = await filing(app)
    return { token: council, data: { filingId } }
  },
  'ceremonyFiling.adviseChange': async (app) => {
    const { council, filingId } = await filing(app)
    return { token: council, data: { filingId, advice: '请减少桌数' } }
  },
  'ceremonyFiling.assignInspector': async (app) => {
    const { council, filingId } = await filing(app)
    const userId = (await app.call(council, 'session', 'me')).user.id
    return { token: council, data: { filingId, userId } }
  },
  'ceremonyFiling.recordCheck': async (app) => {
    const { council, filingId, check } = await filing(app, ['acknowledge'])
    return { token: council, data: { filingId, ...check } }
  },
  'ceremonyFiling.close': async (app) => {
    const { council, filingId } = await filing(app, ['acknowledge', 'recordCheck'])
    return { token: council, data: { filingId } }
  },
  'ceremonyFiling.updateDeadline': async (app) => ({
    token: await app.signIn('admin'),
    data: { ceremonyType: 'wedding', noticeDays: 5, lateHours: 0 },
  }),
  'council.fileSuggestion': async (app) => ({
    token: await app.newMember(shilong),
    data: suggestion(),
  }),
  'council.release': async (app) => {
    const { id } = await app.call(await app.newMember(shilong), 'council', 'fileSuggestion', {
      ...suggestion(),
      // On the demo village's word list: held for a member.
      body: '让他去死',
    })
    return { token: await app.signIn('councilMember'), data: { suggestionId: id } }
  },
  'council.answer': async (app) => {
    const { id } = await app.call(
      await app.newMember(shilong),
      'council',
      'fileSuggestion',
      suggestion(),
    )
    return { token: await app.signIn('councilMember'), data: { suggestionId: id, answer: '好的' } }
  },
  'council.decline': async (app) => {
    const { id } = await app.call(
      await app.newMember(shilong),
      'council',
      'fileSuggestion',
      suggestion(),
    )
    return {
      token: await app.signIn('councilChair'),
      data: { suggestionId: id, reason: '不归村里管' },
    }
  },
  'council.createTopic': async (app) => ({
    token: await app.signIn('councilMember'),
    data: { suggestionIds: [await suggestionFiled(app)], title: '修路' },
  }),
  'council.addToTopic': async (app) => {
    const { token, topicId } = await topicMade(app)
    return { token, data: { topicId, suggestionIds: [await suggestionFiled(app)] } }
  },
  'council.editTopic': async (app) => {
    const { token, topicId } = await topicMade(app)
    return { token, data: { topicId, title: '修村口的路', background: '下雨天全是泥' } }
  },
  'council.submitTopic': async (app) => {
    const { token, topicId } = await topicMade(app)
    return { token, data: { topicId } }
  },
  'council.preReview': async (app) => {
    const { token, topicId } = await topicMade(app)
    await app.call(token, 'council', 'submitTopic', { topicId })
    return { token: await app.signIn('partyReviewer'), data: { topicId, outcome: 'approved' } }
  },
  'council.saveMeetingRules': async (app) => {
    const token = await app.signIn('councilChair')
    const rules = await app.call(token, 'council', 'meetingRules')
    return { token, data: { ...rules, noticeDays: 3 } }
  },
  'council.scheduleMeeting': async (app) => ({
    token: await app.signIn('councilChair'),
    data: {
      topicIds: [await topicApproved(app)],
      place: '村委会议室',
      startsAt: new Date(Date.now() + 4 * 86_400_000).toISOString(),
    },
  }),
  'council.checkIn': async (app) => ({
    token: await app.signIn('councilMember'),
    data: { meetingId: await meetingToday(app) },
  }),
  'council.openMeeting': async (app) => {
    const meetingId = await meetingToday(app)
    const token = await app.signIn('councilChair')
    const meeting = await app.call(token, 'council', 'meeting', { meetingId })
    for (const invitee of meeting.invitees.filter((one) => one.member)) {
      await app.call(token, 'council', 'checkIn', { meetingId, inviteeId: invitee.id })
    }
    return { token, data: { meetingId } }
  },
  'council.recordStatement': async (app) => {
    const { token, meetingId, topicId, speakerId } = await meetingOpen(app)
    return { token, data: { meetingId, topicId, inviteeId: speakerId, text: '我同意' } }
  },
  'council.vote': async (app) => {
    const { meetingId, topicId } = await meetingOpen(app)
    return { token: await app.signIn('councilMember'), data: { meetingId, topicId, choice: 'for' } }
  },
  'council.decideTopic': async (app) => {
    const { token, meetingId, topicId } = await meetingOpen(app)
    return { token, data: { meetingId, topicId } }
  },
  'council.closeMeeting': async (app) => {
    const { token, meetingId, topicId } = await meetingOpen(app)
    await app.call(token, 'council', 'decideTopic', { meetingId, topicId })
    return { token, data: { meetingId } }
  },
  'council.closeOut': async (app) => {
    const { token, meetingId, topicId } = await meetingOpen(app)
    const at = new Date().toISOString()
    const resolutionId = randomUUID()
    // A resolution of an earlier meeting that 两委 have finished, as the records would hold it.
    await app.services.db
      .insertInto('councilResolutions')
      .values({
        id: resolutionId,
        villageId: shilong,
        topicId,
        meetingId,
        decision: '修好村口的路',
        executor: '村两委',
        dueOn: '2099-01-01',
        status: 'finished',
        finishedAt: at,
        closedOutAt: null,
        createdAt: at,
        updatedAt: at,
      })
      .execute()
    return { token, data: { meetingId, resolutionId, note: '已验收' } }
  },
  'council.reportProgress': async (app) => ({
    token: await app.newMember(shilong, ['villageCommittee'], '村两委干部'),
    data: {
      resolutionId: (await resolutionOf(app, 'inProgress')).resolutionId,
      text: '已开工',
      finished: false,
    },
  }),
  'council.rateSuggestion': async (app) => {
    const { author, suggestionId } = await resolutionOf(app, 'closedOut')
    return { token: author, data: { suggestionId, rating: 'mostlySatisfied', comment: '还行' } }
  },
  'photos.register': async (app) => {
    const token = await app.newMember(shilong, [], '传照片的人')
    const { user } = await app.call(token, 'session', 'me')
    const openid = `o${randomUUID().slice(0, 8)}`
    await app.services.db.updateTable('users').set({ openid }).where('id', '=', user.id).execute()
    return {
      token,
      data: {
        fileId: `cloud://env-1.bucket/photos/${openid}/a.jpg`,
        size: 2048,
        mime: 'image/jpeg',
      },
    }
  },
  'photos.release': async (app) => {
    // A photo WeChat held for review, sent with a suggestion.
    const author = await app.newMember(shilong, [], '传照片的人')
    const { user } = await app.call(author, 'session', 'me')
    const filed = await app.call(author, 'council', 'fileSuggestion', {
      title: '修路',
      body: '村口的路坏了。',
      category: 'roadsAndTraffic',
      showName: false,
    })
    const photoId = randomUUID()
    await app.services.db
      .insertInto('photos')
      .values({
        id: photoId,
        villageId: shilong,
        ownerId: user.id,
        storageKey: null,
        fileId: `cloud://env-1.bucket/photos/o/${photoId}.jpg`,
        size: 2048,
        mime: 'image/jpeg',
        checkStatus: 'review',
        checkLabel: 20001,
        traceId: null,
        subjectKind: 'suggestion',
        subjectId: filed.id,
        createdAt: new Date().toISOString(),
        checkedAt: null,
      })
      .execute()
    return { token: await app.signIn('councilMember'), data: { photoId } }
  },
  'serviceCenter.book': async (app) => {
    const token = await app.newMember(shilong, [], '预约的村民')
    const days = await app.call(token, 'serviceCenter', 'availability', { serviceId: residence })
    const slot = days.flatMap((day) => day.slots).find((s) => s.placesLeft > 0)
    return {
      token,
      data: {
        serviceId: residence,
        slotStart: slot?.start,
        contactName: '张三',
        contactPhone: '13912345678',
      },
    }
  },
  'serviceCenter.cancel': async (app) => {
    const { token, appointment } = await booking(app)
    return { token, data: { appointmentId: appointment.id, reason: '有事' } }
  },
  'serviceCenter.rate': async (app) => {
    const { token, appointmentId } = await atDesk(app, ['checkIn', 'finish'])
    return { token, data: { appointmentId, score: 5 } }
  },
  'serviceDesk.confirm': async (app) => {
    const staff = await app.signIn('staff')
    const token = await app.newMember(shilong, [], '预约的村民')
    const serviceId = `${shilong}-service-insurance`
    const days = await app.call(token, 'serviceCenter', 'availability', { serviceId })
    const slot = days.flatMap((day) => day.slots).find((s) => s.placesLeft > 0)
    if (!slot) throw new Error('no free slot')
    const pending = await app.call(token, 'serviceCenter', 'book', {
      serviceId,
      slotStart: slot.start,
      contactName: '张三',
      contactPhone: '13912345678',
    })
    return { token: staff, data: { appointmentId: pending.id } }
  },
  'serviceDesk.reject': async (app) => {
    const { data } = await samples['serviceDesk.confirm'](app)
    return { token: await app.signIn('staff'), data: { ...(data as object), reason: '材料不全' } }
  },
  'serviceDesk.move': async (app) => {
    const { staff, appointmentId, slots } = await atDesk(app)
    return { token: staff, data: { appointmentId, slotStart: slots[1].start, reason: '人太多' } }
  },
  'serviceDesk.checkIn': async (app) => {
    const { staff, appointmentId } = await atDesk(app)
    return { token: staff, data: { appointmentId } }
  },
  'serviceDesk.finish': async (app) => {
    const { staff, appointmentId } = await atDesk(app, ['checkIn'])
    return { token: staff, data: { appointmentId, result: '已办好' } }
  },
  'serviceDesk.markNoShow': async (app) => {
    const { staff, appointmentId } = await atDesk(app)
    return { token: staff, data: { appointmentId } }
  },
  'serviceDesk.registerWalkIn': async (app) => {
    const { slots } = await booking(app)
    return {
      token: await app.signIn('staff'),
      data: {
        serviceId: residence,
        slotStart: slots[1].start,
        contactName: '李爷爷',
        channel: 'walkIn',
      },
    }
  },
  'serviceDesk.recordFollowUp': async (app) => {
    const { staff, appointmentId } = await atDesk(app, ['checkIn', 'finish'])
    return {
      token: staff,
      data: {
        appointmentId,
        method: 'phone',
        followedUpAt: new Date().toISOString(),
        satisfaction: 5,
      },
    }
  },
  'serviceDesk.liftBlock': async (app) => {
    const token = await app.newMember(shilong, [], '爽约的村民')
    const { user } = await app.call(token, 'session', 'me')
    const at = new Date().toISOString()
    await app.services.db
      .insertInto('appointmentBlocks')
      .values({
        id: randomUUID(),
        villageId: shilong,
        userId: user.id,
        blockedUntil: new Date(Date.now() + 86_400_000).toISOString(),
        noShows: 2,
        liftedAt: null,
        liftedBy: null,
        createdAt: at,
      })
      .execute()
    return { token: await app.signIn('staff'), data: { userId: user.id } }
  },
  'serviceDesk.saveSettings': async (app) => {
    const token = await app.signIn('staff')
    const settings = await app.call(token, 'serviceDesk', 'settings')
    return { token, data: { ...settings, bookingWindowDays: 14 } }
  },
  'serviceDesk.saveService': async (app) => ({
    token: await app.signIn('staff'),
    data: {
      name: '老年证办理',
      category: 'certificate',
      description: '',
      requiredMaterials: ['身份证'],
      durationMinutes: 15,
      needsConfirmation: false,
      homeVisit: false,
      proxyService: false,
      slotMinutes: 30,
      capacity: 2,
      active: true,
    },
  }),
  'serviceDesk.savePlan': async (app) => {
    const token = await app.signIn('staff')
    return { token, data: { days: await app.call(token, 'serviceDesk', 'plan') } }
  },
  'serviceDesk.addClosedDate': async (app) => ({
    token: await app.signIn('staff'),
    data: { day: '2027-01-01', reason: '元旦' },
  }),
  'serviceDesk.removeClosedDate': async (app) => {
    const token = await app.signIn('staff')
    await app.call(token, 'serviceDesk', 'addClosedDate', { day: '2027-02-01', reason: '春节' })
    return { token, data: { day: '2027-02-01' } }
  },
  'serviceDesk.saveRoster': async (app) => ({
    token: await app.signIn('staff'),
    data: {
      weekStart: '2027-01-04',
      entries: [{ day: '2027-01-05', name: '李书记', post: '书记', phone: '13800001001' }],
    },
  }),
}

/** A fresh suggestion of 石龙村, as the council's inbox has it: its id. */
async function suggestionFiled(app: TestApp): Promise<string> {
  return (await app.call(await app.newMember(shilong), 'council', 'fileSuggestion', suggestion()))
    .id
}

/** A draft topic made of one fresh suggestion, ready to submit, and the member who made it. */
async function topicMade(app: TestApp, suggestionId?: string) {
  const token = await app.signIn('councilMember')
  const topic = await app.call(token, 'council', 'createTopic', {
    suggestionIds: [suggestionId ?? (await suggestionFiled(app))],
    title: '修路',
    background: '下雨天全是泥',
  })
  return { token, topicId: topic.id }
}

/** A topic through 会前预审, ready for a meeting: its id. */
async function topicApproved(app: TestApp): Promise<string> {
  const { token, topicId } = await topicMade(app)
  await app.call(token, 'council', 'submitTopic', { topicId })
  await app.call(await app.signIn('partyReviewer'), 'council', 'preReview', {
    topicId,
    outcome: 'approved',
  })
  return topicId
}

/** A meeting of one approved topic, announced with notice and then moved to today. */
async function meetingToday(app: TestApp, topicId?: string): Promise<string> {
  const meeting = await app.call(await app.signIn('councilChair'), 'council', 'scheduleMeeting', {
    topicIds: [topicId ?? (await topicApproved(app))],
    place: '村委会议室',
    startsAt: new Date(Date.now() + 4 * 86_400_000).toISOString(),
  })
  await app.services.db
    .updateTable('councilMeetings')
    .set({ startsAt: new Date().toISOString() })
    .where('id', '=', meeting.id)
    .execute()
  return meeting.id
}

/** That meeting opened with every member present: the chair's token, its topic, a speaker. */
async function meetingOpen(app: TestApp) {
  const topicId = await topicApproved(app)
  const meetingId = await meetingToday(app, topicId)
  const token = await app.signIn('councilChair')
  const meeting = await app.call(token, 'council', 'meeting', { meetingId })
  const members = meeting.invitees.filter((one) => one.member)
  for (const invitee of members) {
    await app.call(token, 'council', 'checkIn', { meetingId, inviteeId: invitee.id })
  }
  await app.call(token, 'council', 'openMeeting', { meetingId })
  return { token, meetingId, topicId, speakerId: members[0].id }
}

/**
 * A resolution of a fresh villager's suggestion, as the records hold it after a meeting (made
 * here directly: the meeting's own steps have their samples above), in the given status.
 */
async function resolutionOf(app: TestApp, status: 'inProgress' | 'closedOut') {
  const author = await app.newMember(shilong)
  const { id: suggestionId } = await app.call(author, 'council', 'fileSuggestion', suggestion())
  const { token, topicId } = await topicMade(app, suggestionId)
  const meetingId = await meetingToday(app, await topicApproved(app))
  const at = new Date().toISOString()
  const resolutionId = randomUUID()
  await app.services.db
    .insertInto('councilResolutions')
    .values({
      id: resolutionId,
      villageId: shilong,
      topicId,
      meetingId,
      decision: '修好村口的路',
      executor: '村两委',
      dueOn: '2099-01-01',
      status,
      finishedAt: status === 'closedOut' ? at : null,
      closedOutAt: status === 'closedOut' ? at : null,
      createdAt: at,
      updatedAt: at,
    })
    .execute()
  return { token, author, suggestionId, resolutionId }
}

function suggestion(): ActionInput<'council', 'fileSuggestion'> {
  return {
    title: '修一修村口的路',
    body: '下雨天全是泥。',
    category: 'roadsAndTraffic',
    showName: true,
  }
}

async function auditRows(app: TestApp) {
  return app.services.db
    .selectFrom('auditLog')
    .selectAll()
    .where('villageId', '=', shilong)
    .orderBy('createdAt')
    .execute()
}

const invitationCount = async (app: TestApp) =>
  Number(
    (
      await app.services.db
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow()
    ).count,
  )

describe.each(engines)('the one mutation path on %s', (engine) => {
  let app: TestApp
  let admin: string
  beforeAll(async () => {
    app = await startTestApp(engine)
    admin = await app.signIn('admin')
  })
  afterAll(() => app.close())

  test('the contract declares its changing actions, and each has a sample below', () => {
    expect(changingActions.length).toBeGreaterThanOrEqual(8)
    expect(Object.keys(samples).sort()).toEqual([...changingActions].sort())
  })

  test.each(changingActions)('%s writes exactly one audit entry, by its caller', async (name) => {
    const [fn, action] = name.split('.')
    const { token, data } = await samples[name](app)
    const caller = (await app.call(token, 'session', 'me')).user.id
    const before = await auditRows(app)
    const reply = await app.post(fn, { action, data, requestId: randomUUID() }, token)
    expect(reply.body).toMatchObject({ ok: true })
    const added = (await auditRows(app)).filter((row) => !before.some((old) => old.id === row.id))
    expect(added).toHaveLength(1)
    expect(added[0]).toMatchObject({ action: name, actorKind: 'user', actorId: caller })
  })

  test('the same request sent again is answered with the first answer and changes nothing more', async () => {
    const requestId = randomUUID()
    const body = { action: 'createInvitation', data: { role: 'staff', validDays: 3 }, requestId }
    const invitations = await invitationCount(app)
    const audit = (await auditRows(app)).length
    const first = await app.post('admin', body, admin)
    const second = await app.post('admin', body, admin)
    expect(first.body.ok).toBe(true)
    expect(second.body).toEqual(first.body)
    expect(await invitationCount(app)).toBe(invitations + 1)
    expect(await auditRows(app)).toHaveLength(audit + 1)
  })

  test('a request id reused for another action is refused and changes nothing', async () => {
    const requestId = randomUUID()
    await app.post(
      'ceremony',
      { action: 'updateBanquetLimit', data: banquet(12), requestId },
      admin,
    )
    const invitations = await invitationCount(app)
    const reply = await app.post(
      'admin',
      { action: 'createInvitation', data: { role: 'staff', validDays: 3 }, requestId },
      admin,
    )
    expect(expectError(reply, 'INVALID_ARGUMENT', 400).field).toBe('requestId')
    expect(await invitationCount(app)).toBe(invitations)
  })

  test('request ids are per caller: two people may send the same id', async () => {
    const requestId = 'same-id-for-two-people'
    const otherAdmin = await app.newMember(shilong, ['admin'], '另一位管理员')
    const body = { action: 'createInvitation', data: { role: 'staff', validDays: 3 }, requestId }
    const invitations = await invitationCount(app)
    const [mine, theirs] = [
      await app.post('admin', body, admin),
      await app.post('admin', body, otherAdmin),
    ]
    expect(mine.body.ok && theirs.body.ok).toBe(true)
    expect(mine.body).not.toEqual(theirs.body)
    expect(await invitationCount(app)).toBe(invitations + 2)
  })

  test('an error answer is not kept: the same id then does the work', async () => {
    const requestId = randomUUID()
    const missing = await app.post(
      'admin',
      { action: 'revokeInvitation', data: { invitationId: 'no-such-code' }, requestId },
      admin,
    )
    expectError(missing, 'NOT_FOUND')
    const invitation = await app.call(admin, 'admin', 'createInvitation', {
      role: 'staff',
      validDays: 3,
    })
    const retried = await app.post(
      'admin',
      { action: 'revokeInvitation', data: { invitationId: invitation.id }, requestId },
      admin,
    )
    expect(retried.body).toMatchObject({ ok: true, data: { status: 'revoked' } })
  })

  test('copies of one request arriving at the same moment are done once, all answered alike', async () => {
    const requestId = randomUUID()
    const body = { action: 'createInvitation', data: { role: 'staff', validDays: 5 }, requestId }
    const invitations = await invitationCount(app)
    const audit = (await auditRows(app)).length
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => app.post('admin', body, admin)),
    )
    for (const reply of replies) expect(reply.body).toEqual(replies[0].body)
    expect(replies[0].body.ok).toBe(true)
    expect(await invitationCount(app)).toBe(invitations + 1)
    expect(await auditRows(app)).toHaveLength(audit + 1)
  })

  test('a copy arriving while the first is still being done waits for it, then gets its answer', async () => {
    const requestId = randomUUID()
    const userId = (await app.call(admin, 'session', 'me')).user.id
    // Counted first: on SQLite, the held transaction below keeps the one connection to itself.
    const invitations = await invitationCount(app)
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let claimed = () => {}
    const claim = new Promise<void>((resolve) => (claimed = resolve))
    // The first copy: it has claimed the id and is still at work when the second arrives.
    const first = app.services.db.transaction().execute(async (trx) => {
      const operation = 'admin.createInvitation'
      const createdAt = new Date().toISOString()
      await trx
        .insertInto('requestReplays')
        .values({ userId, requestId, operation, answerJson: null, createdAt })
        .execute()
      claimed()
      await held
      await trx
        .updateTable('requestReplays')
        .set({ answerJson: JSON.stringify({ answeredBy: 'the first copy' }) })
        .where('requestId', '=', requestId)
        .execute()
    })
    await claim
    const second = app.post(
      'admin',
      { action: 'createInvitation', data: { role: 'staff', validDays: 3 }, requestId },
      admin,
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    release()
    await first
    expect((await second).body).toEqual({ ok: true, data: { answeredBy: 'the first copy' } })
    expect(await invitationCount(app)).toBe(invitations)
  })

  test('a code redeemed by two copies of one request grants the role once; both copies succeed', async () => {
    const { token, data } = await samples['session.redeemInvitation'](app)
    const body = { action: 'redeemInvitation', data, requestId: randomUUID() }
    const replies = await Promise.all([
      app.post('session', body, token),
      app.post('session', body, token),
    ])
    expect(replies[0].body).toMatchObject({
      ok: true,
      data: { roles: ['villager', 'partyReviewer'] },
    })
    expect(replies[1].body).toEqual(replies[0].body)
  })

  test('a change that writes no audit entry fails loudly and leaves nothing behind', async () => {
    const user = await resolveUser(app.services, { kind: 'token', token: admin })
    const villager = user && asVillager(user)
    if (!villager) throw new Error('the demo admin is a villager of 石龙村')
    const townId = `town-${randomUUID()}`
    const careless = change(['admin'], 'admin.createInvitation', async (_ctx, trx) => {
      await trx.insertInto('towns').values({ id: townId, name: '无审计镇' }).execute()
      return { result: null } as never
    })
    const ctx = {
      services: app.services,
      via: 'http' as const,
      token: admin,
      user: villager,
      address: null,
    }
    await expect(
      careless.handle({ ...ctx, requestId: null, operation: 'admin.createInvitation' }, {}),
    ).rejects.toThrow('without an audit entry')
    const town = await app.services.db
      .selectFrom('towns')
      .select('id')
      .where('id', '=', townId)
      .executeTakeFirst()
    expect(town).toBeUndefined()
  })

  test('the system changes on the same path: one transaction, an audit entry by 系统', async () => {
    const note = `系统调整 ${randomUUID()}`
    const result = await changeAsSystem(
      app.services,
      shilong,
      'ceremony.updateBanquetLimit',
      async (trx) => {
        await trx
          .updateTable('banquetLimits')
          .set({ note })
          .where('villageId', '=', shilong)
          .execute()
        return { result: 'done', audit: { target: '酒席标准', before: null, after: { note } } }
      },
    )
    expect(result).toBe('done')
    const [entry] = await app.call(admin, 'admin', 'auditLog', { limit: 1 })
    expect(entry).toMatchObject({
      actorName: '系统',
      action: 'ceremony.updateBanquetLimit',
      after: { note },
    })
    const row = await app.services.db
      .selectFrom('auditLog')
      .select(['actorKind', 'actorId'])
      .where('id', '=', entry.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ actorKind: 'system', actorId: null })

    // A failing system change leaves neither its change nor an entry.
    const audit = (await auditRows(app)).length
    await expect(
      changeAsSystem(app.services, shilong, 'ceremony.updateBanquetLimit', async (trx) => {
        await trx.updateTable('banquetLimits').set({ note: '不该留下' }).execute()
        throw new Error('job failed')
      }),
    ).rejects.toThrow('job failed')
    expect((await app.call(admin, 'ceremony', 'limits')).banquetLimit.note).toBe(note)
    expect(await auditRows(app)).toHaveLength(audit)
  })
})

function banquet(maxTables: number) {
  return {
    maxTables,
    maxCostPerTable: 300,
    maxCigarettePrice: 15,
    maxLiquorPrice: 50,
    maxCars: 6,
    maxBridePrice: 20000,
  }
}

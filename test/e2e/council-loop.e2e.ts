import type { Page } from 'playwright-core'
import { defaultCouncilSettings, earliestMeetingDay } from '../../types/council-rules'
import {
  addVillageDays,
  formatVillageDate,
  formatVillageDateTime,
  type VillageDay,
} from '../../types/village-time'
import { callAs } from './support/api'
import { attachSuggestionPhoto, box, button, on, signInMember } from './support/council'
import { restoreVillageClock, setVillageClock } from './support/village-clock'
import { screenshot, tab, withDemoVillage } from './support/village'

const run = withDemoVillage()
afterEach(() => restoreVillageClock(run.village))

type Answer<T> = { ok: boolean; data: T; error?: { message: string } }

const title = '小学门口要装减速带'
const decision = '小学门口两侧各装一条减速带，加一块限速牌'
/** The statement on the record: the speaker with their villager number, then the words. */
const statement = /^1\. 王建国（\d+号）：减速带早该装，钱从村集体公益金里出$/

/** A button whose words are exactly these (签到, not 代签到; 满意, not 基本满意). */
const exactly = (words: string) => new RegExp(`^\\s*${words}\\s*$`)

/** A Taro Picker: tapped open, then 确定 as shown (it opens at the first day allowed). */
async function pick(page: Page, label: string) {
  await on(page).locator(`[aria-label^="${label}："]`).tap()
  // The picker's sheet is appended to the document's body; only the open one is visible.
  const ok = page.locator('.weui-picker__action:visible', { hasText: '确定' })
  await ok.waitFor()
  await screenshot(page, `council-loop-picker-${label}`)
  await ok.tap()
  await ok.waitFor({ state: 'hidden' })
}

/** 安排会议 as the chair: the topic, the day from the picker; returns the new meeting's address. */
async function scheduleMeeting(chair: Page, topicTitle: string, day: VillageDay) {
  await chair.goto(`${run.village.url}/#/council/pages/topics/index`)
  await chair.reload()
  await on(chair).getByText('会议（签到、表决、会议记录）', { exact: false }).tap()
  await on(chair).getByText('安排会议 ›').tap()
  await chair.waitForURL(/council\/pages\/schedule/)
  await on(chair).locator('.suggest-article', { hasText: topicTitle }).tap()
  await pick(chair, '开会日期')
  await on(chair)
    .locator(`[aria-label="开会日期：${formatVillageDate(day)}"]`)
    .waitFor()
  await pick(chair, '开会时间')
  await on(chair).locator('[aria-label="开会时间：19:30"]').waitFor()
  await button(chair, '通知开会').tap()
  await chair.waitForURL(/council\/pages\/meeting\/index\?id=/)
  await on(chair).getByText('地点：村委会议室').waitFor()
  return chair.url()
}

/** Opens a meeting on a phone, fresh from the server. */
async function openMeetingPage(page: Page, address: string) {
  await page.goto(address)
  await page.reload()
  await on(page).getByText('参会人员').waitFor()
}

/** A member checks in on their own phone; the page then counts them present. */
async function checkIn(page: Page, present: number) {
  await button(page, exactly('签到')).tap()
  await on(page).getByText(`到会成员 ${present} / `, { exact: false }).waitFor()
}

test('the whole loop: filed with a photo, a topic, pre-reviewed, deliberated with quorum, resolved, done, closed out, rated', async () => {
  // 1. 张秀英 files a suggestion with a photo, from the 议事 tab.
  const villager = await run.signIn('张秀英')
  await tab(villager, '议事').tap()
  await on(villager).getByText('提建议', { exact: true }).tap()
  await villager.waitForURL(/suggest\/pages\/new/)
  await box(villager, '标题').fill(title)
  await box(villager, '什么事，在哪里').fill('小学门口的路车开得快，孩子放学过马路要小心')
  await on(villager).locator('.choice-buttons__item', { hasText: '道路交通' }).tap()
  await on(villager).locator('.choice-buttons__item', { hasText: '公开我的名字' }).tap()
  await attachSuggestionPhoto(villager)
  await button(villager, '提交给议事会').tap()
  await villager.waitForURL(/suggest\/pages\/mine/)
  await on(villager)
    .locator('.suggest-card', { hasText: title })
    .getByText('已提交', { exact: true })
    .waitFor()

  // 2. 王建国 makes it a topic from the inbox, prepares it and submits it for 会前预审.
  const member = await run.signIn('王建国')
  await tab(member, '议事').tap()
  await on(member).getByText('议事会收件箱').tap()
  const item = on(member).locator('.suggest-card', { hasText: title })
  await item.locator('.nut-button', { hasText: '处理这条建议' }).tap()
  await item.locator('.nut-button', { hasText: '列为新议题' }).tap()
  await member.waitForURL(/council\/pages\/topic/)
  await on(member).getByText('准备议题').waitFor()
  await box(member, '背景').fill('小学门口是下坡，早晚接送时车多，去年有过两次剐蹭')
  await box(member, '方案').fill('门口两侧各装一条减速带，立一块限速牌，费用约两千元')
  await box(member, '材料清单').fill('现场照片')
  await button(member, exactly('添加')).tap()
  await on(member).getByText('○ 未备齐：现场照片').tap()
  await on(member).getByText('✓ 已备齐：现场照片').waitFor()
  await button(member, '提交会前预审').tap()
  await on(member).locator('.suggest-tag', { hasText: '待预审' }).waitFor()

  // 3. 陈红梅 approves it.
  const reviewer = await run.signIn('陈红梅')
  await tab(reviewer, '议事').tap()
  await on(reviewer).getByText('议题与预审', { exact: true }).tap()
  await on(reviewer).locator('.suggest-row', { hasText: title }).tap()
  await on(reviewer).locator('.choice-buttons__item', { hasText: '预审通过' }).tap()
  await box(reviewer, '意见').fill('材料齐全，可以上会')
  await button(reviewer, '提交预审结果').tap()
  await on(reviewer).locator('.suggest-tag', { hasText: '预审通过' }).waitFor()

  // 4. 赵德厚 announces a meeting for the first day the notice period allows.
  const meetingDay = earliestMeetingDay(new Date(), defaultCouncilSettings.noticeDays)
  const chair = await run.signIn('赵德厚')
  const meeting = await scheduleMeeting(chair, title, meetingDay)
  await screenshot(chair, 'council-loop-meeting-announced')

  // 5. Check-in. Before its day the meeting does not open, nor below the quorum.
  await checkIn(chair, 1)
  await button(chair, exactly('开会')).tap()
  await on(chair)
    .getByText(`会议定在${formatVillageDate(meetingDay)}，当天才能开会`)
    .waitFor()
  await setVillageClock(run.village, meetingDay, '19:00')
  await openMeetingPage(member, meeting)
  await checkIn(member, 2)
  await button(chair, exactly('开会')).tap()
  await on(chair).getByText('到会成员2人，至少要4人才能开会，还差2人').waitFor()
  await screenshot(chair, 'council-loop-below-quorum')
  // Two more members, each on their own phone.
  const others: Page[] = []
  for (const [index, name] of ['孙立新', '周桂兰'].entries()) {
    const other = await signInMember(run, name)
    await openMeetingPage(other, meeting)
    await checkIn(other, 3 + index)
    others.push(other)
  }
  await button(chair, exactly('开会')).tap()
  await on(chair).locator('.suggest-tag', { hasText: '进行中' }).waitFor()

  // The chair records a statement; the members vote 同意 with the big buttons.
  const topic = on(chair).locator('.suggest-card', { hasText: title })
  await topic.locator('.choice-buttons__item', { hasText: '王建国' }).tap()
  await box(chair, '说了什么').fill('减速带早该装，钱从村集体公益金里出')
  await button(chair, '记下发言').tap()
  await topic.getByText(statement).waitFor()
  for (const voter of [member, ...others]) {
    await openMeetingPage(voter, meeting)
    const card = on(voter).locator('.suggest-card', { hasText: title })
    await card.locator('.nut-button', { hasText: exactly('同意') }).tap()
    await card.getByText('已投票：同意').waitFor()
  }
  await topic.locator('.nut-button', { hasText: exactly('同意') }).tap()
  await topic.getByText('同意 4 · 反对 0 · 弃权 0').waitFor()

  // The chair announces the result: the resolution, 村两委 to carry it out, by a day.
  const dueOn = addVillageDays(meetingDay, 10)
  await box(chair, '决议内容').fill(decision)
  expect(await box(chair, '谁来办').inputValue()).toBe('村两委')
  await box(chair, '办完日期').fill(dueOn)
  await button(chair, '宣布结果').tap()
  await topic.getByText(`决议：${decision}（村两委，${dueOn} 前办完）`).waitFor()
  await topic.locator('.suggest-tag', { hasText: '通过' }).waitFor()
  await button(chair, exactly('散会')).tap()
  await on(chair).getByText('导出会议记录').waitFor()

  // The frozen minutes, as another member reads them.
  await openMeetingPage(member, meeting)
  await on(member).locator('.suggest-tag', { hasText: '已结束' }).waitFor()
  const minutes = on(member).locator('.suggest-card', { hasText: title })
  await minutes.getByText(statement).waitFor()
  await minutes.getByText('同意 4 · 反对 0 · 弃权 0').waitFor()
  await minutes.getByText(`决议：${decision}`, { exact: false }).waitFor()
  await screenshot(member, 'council-loop-minutes')

  // 6. 李明 (村两委) reports it done, from 决议办理 on the 议事 tab.
  const committee = await run.signIn('李明')
  await tab(committee, '议事').tap()
  await on(committee).getByText('决议办理', { exact: true }).tap()
  const resolution = on(committee).locator('.suggest-card', { hasText: title })
  const report = async (words: string, stage: string) => {
    await resolution.locator('textarea').fill(words)
    await resolution.locator('.choice-buttons__item', { hasText: stage }).tap()
    await resolution.locator('.nut-button', { hasText: '提交进展' }).tap()
    await resolution.getByText(new RegExp(`李明（\\d+号）：${words}`)).waitFor()
  }
  await report('减速带已经订货，下周安装', '还在办')
  await report('两条减速带和限速牌已装好', '已办完')
  await resolution.getByText('两条减速带和限速牌已装好（已办完）', { exact: false }).waitFor()
  await screenshot(committee, 'council-loop-progress')

  // 7. The next meeting closes it out on the record. Its own agenda item is prepared through
  // the API (steps 1–3 above walked that road already).
  const nextTitle = '村委门口装公告栏'
  const filed = await callAs<Answer<{ id: string }>>(villager, 'council', 'fileSuggestion', {
    title: nextTitle,
    body: '通知贴在墙上容易被雨淋坏，想要一个带玻璃的公告栏。',
    category: 'villageAppearance',
    showName: true,
  })
  const made = await callAs<Answer<{ id: string }>>(member, 'council', 'createTopic', {
    suggestionIds: [filed.data.id],
    title: nextTitle,
    background: '村委门口的通知常被雨淋坏',
    materials: [{ item: '位置照片', ready: true }],
  })
  expect((await callAs(member, 'council', 'submitTopic', { topicId: made.data.id })).ok).toBe(true)
  const approved = await callAs(reviewer, 'council', 'preReview', {
    topicId: made.data.id,
    outcome: 'approved',
  })
  expect(approved.ok).toBe(true)

  // The chair's phone keeps the village's time, so 安排会议 counts the notice from today.
  const nextDay = addVillageDays(meetingDay, defaultCouncilSettings.noticeDays)
  await setVillageClock(run.village, meetingDay, '21:00', [chair])
  const nextMeeting = await scheduleMeeting(chair, nextTitle, nextDay)
  await setVillageClock(run.village, nextDay, '19:00', [chair])
  await openMeetingPage(chair, nextMeeting)
  await checkIn(chair, 1)
  for (const [index, other] of [member, ...others].entries()) {
    await openMeetingPage(other, nextMeeting)
    await checkIn(other, 2 + index)
  }
  await button(chair, exactly('开会')).tap()
  await on(chair).getByText('先给办完的决议销号').waitFor()
  await button(chair, exactly('销号')).tap()
  await on(chair).getByText(`1. ${title}`, { exact: false }).waitFor()
  await screenshot(chair, 'council-loop-close-out')
  // Nothing was decided on the new topic tonight: announced as not passed, then 散会.
  await button(chair, '宣布结果').tap()
  await on(chair)
    .locator('.suggest-card', { hasText: nextTitle })
    .locator('.suggest-tag', { hasText: '没有通过' })
    .waitFor()
  await button(chair, exactly('散会')).tap()
  await on(chair).getByText('导出会议记录').waitFor()

  // 8. 张秀英 follows every step on 我的建议, and rates the outcome once.
  await villager.goto(`${run.village.url}/#/suggest/pages/mine/index`)
  await villager.reload()
  const card = on(villager).locator('.suggest-card', { hasText: title })
  await card.getByText('已销号', { exact: true }).waitFor()
  const steps = await card.locator('.suggest-step__label').allTextContents()
  expect(steps).toEqual([
    '已提交',
    '列为议题',
    '提交会前预审',
    '通过会前预审',
    '安排上会',
    '议事会通过，形成决议',
    '办理进展',
    '已办完，等销号',
    '已销号',
  ])
  const startsAt = formatVillageDateTime(
    new Date(Date.parse(`${meetingDay}T19:30:00+08:00`)).toISOString(),
  )
  await card.getByText(`议题将在议事会议上讨论：${startsAt}，村委会议室`).waitFor()
  await card.getByText(decision, { exact: false }).first().waitFor()
  await card.getByText('减速带已经订货，下周安装', { exact: false }).first().waitFor()
  await card.getByText('两条减速带和限速牌已装好', { exact: false }).first().waitFor()
  await card.locator('.choice-buttons__item', { hasText: exactly('满意') }).tap()
  await card.locator('textarea').fill('孩子上学放心多了')
  await screenshot(villager, 'council-loop-timeline')
  await card.locator('.nut-button', { hasText: '提交评价' }).tap()
  const rated = on(villager).locator('.suggest-card', { hasText: title })
  await rated.locator('.suggest-step--rated', { hasText: '孩子上学放心多了' }).waitFor()
  expect(await rated.getByText('提交评价').count()).toBe(0)
  const mine = await callAs<Answer<{ id: string; title: string }[]>>(
    villager,
    'council',
    'mySuggestions',
  )
  const suggestionId = mine.data.find((suggestion) => suggestion.title === title)?.id
  const again = await callAs<Answer<unknown>>(villager, 'council', 'rateSuggestion', {
    suggestionId,
    rating: 'dissatisfied',
  })
  expect(again.ok).toBe(false)

  // Her 消息 has the steps too.
  await villager.goto(`${run.village.url}/#/messages/pages/index/index`)
  await villager.reload()
  for (const message of [
    `您的建议已列为议题：${title}`,
    `会前预审结果（预审通过）：${title}`,
    '议题已排上议事会议',
    '议题表决通过',
    '决议有新进展',
    '决议已办完',
    '决议已销号',
  ]) {
    await on(villager).locator('.messages__item', { hasText: message }).first().waitFor()
  }
})

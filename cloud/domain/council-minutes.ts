import type { Meeting } from '../../types/council-meetings'
import { meetingStatusLabels } from '../../types/council-meetings'
import { voteChoiceLabels } from '../../types/council-rules'
import { formatVillageDate, formatVillageDateTime } from '../../types/village-time'
import type { Db } from '../store/db'
import { loadMeeting } from './council-meeting-views'

/**
 * A meeting's minutes as a Word document the village prints: attendance, close-outs in order,
 * each topic's statements in the order spoken, its votes and what came of it. base64, so the
 * cloud function and the gateway both carry it as JSON. docx is loaded here, on the first export,
 * not when the cloud function starts (the build puts it in a file of its own beside the bundle).
 */
export async function minutesDocument(
  villageName: string,
  meeting: Meeting,
): Promise<{ fileName: string; base64: string }> {
  const { Document, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx')
  const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 })
  const line = (text: string) => new Paragraph({ children: [new TextRun({ text, size: 28 })] })
  const present = meeting.invitees.filter((invitee) => invitee.checkedInAt !== null)
  const absent = meeting.invitees.filter((invitee) => invitee.checkedInAt === null)
  const who = (invitee: Meeting['invitees'][number]) =>
    invitee.guestNote ? `${invitee.name}（${invitee.guestNote}）` : invitee.name

  const body: InstanceType<typeof Paragraph>[] = [
    new Paragraph({ text: `${villageName}百姓议事会会议记录`, heading: HeadingLevel.TITLE }),
    line(`时间：${formatVillageDateTime(meeting.startsAt)}`),
    line(`地点：${meeting.place}`),
    line(`状态：${meetingStatusLabels[meeting.status]}`),
    line(
      `应到成员${meeting.memberCount}人，实到${meeting.membersPresent}人（开会至少${meeting.quorumCount}人）`,
    ),
    line(`出席：${present.map(who).join('、') || '无'}`),
    line(`缺席：${absent.map(who).join('、') || '无'}`),
    heading('一、往期决议销号'),
    ...(meeting.closeOuts.length === 0
      ? [line('本次会议没有销号事项。')]
      : meeting.closeOuts.map((closeOut) =>
          line(`${closeOut.position}. ${closeOut.topicTitle}：已销号。${closeOut.note}`),
        )),
    heading('二、议题'),
  ]
  for (const item of meeting.agenda) {
    body.push(
      new Paragraph({ text: `${item.position}. ${item.title}`, heading: HeadingLevel.HEADING_3 }),
    )
    body.push(
      ...(item.statements.length === 0
        ? [line('无发言记录。')]
        : item.statements.map((statement) =>
            line(`（${statement.position}）${statement.speakerName}：${statement.text}`),
          )),
    )
    body.push(
      line(
        `表决：同意${item.votes.for}票，反对${item.votes.against}票，弃权${item.votes.abstain}票` +
          (item.present === null ? '' : `（到会成员${item.present}人）`),
      ),
    )
    if (item.cast.length > 0) {
      body.push(
        line(item.cast.map((vote) => `${vote.name} ${voteChoiceLabels[vote.choice]}`).join('；')),
      )
    }
    body.push(
      line(
        item.outcome === null
          ? '结果：尚未表决完毕'
          : item.outcome === 'passed'
            ? '结果：通过'
            : '结果：未通过',
      ),
    )
    if (item.resolution) {
      body.push(
        line(
          `决议：${item.resolution.decision}。执行：${item.resolution.executor}，${formatVillageDate(item.resolution.dueOn)}前完成。`,
        ),
      )
    }
  }
  if (meeting.closedAt) body.push(line(`散会：${formatVillageDateTime(meeting.closedAt)}`))

  const document = new Document({
    creator: '村民之家',
    title: `${villageName}百姓议事会会议记录`,
    sections: [{ children: body }],
  })
  const buffer = await Packer.toBuffer(document)
  return {
    fileName: `议事会议记录-${formatVillageDate(meeting.startsAt)}.docx`,
    base64: buffer.toString('base64'),
  }
}

/** The minutes of a meeting of the reader's village, as `minutesDocument` prints them. */
export async function exportMinutes(
  db: Db,
  reader: { userId: string; villageId: string },
  meetingId: string,
  now: Date,
): Promise<{ fileName: string; base64: string }> {
  const meeting = await loadMeeting(db, reader, meetingId, now)
  const village = await db
    .selectFrom('villages')
    .select('name')
    .where('id', '=', reader.villageId)
    .executeTakeFirstOrThrow()
  return minutesDocument(village.name, meeting)
}

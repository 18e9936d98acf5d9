import type { Topic } from '../../../types/council'

export const topicPages = {
  list: '/council/pages/topics/index',
  topic: (id: string) => `/council/pages/topic/index?id=${encodeURIComponent(id)}`,
}

/** How a topic's status tag reads: still on its way, through, or stopped. */
export function topicTone(topic: Pick<Topic, 'status'>): 'waiting' | 'done' | 'stopped' {
  if (topic.status === 'rejected' || topic.status === 'notPassed') return 'stopped'
  if (topic.status === 'approved' || topic.status === 'passed') return 'done'
  return 'waiting'
}

export const meetingPages = {
  list: '/council/pages/meetings/index',
  schedule: '/council/pages/schedule/index',
  points: '/council/pages/points/index',
  rules: '/council/pages/meeting-rules/index',
  meeting: (id: string) => `/council/pages/meeting/index?id=${encodeURIComponent(id)}`,
}

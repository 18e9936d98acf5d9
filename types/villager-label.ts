/**
 * How a villager is named wherever two people of the same name must be told apart (操作日志, 人员):
 * their name and their villager number (村民编号) in the village, as 张三（12号）. Without a number
 * (the system, or someone not yet in a village) the name alone.
 */
export function villagerLabel(displayName: string, villagerNo: number | null): string {
  return villagerNo === null ? displayName : `${displayName}（${villagerNo}号）`
}

/** The name a closed account (注销) keeps wherever the village's records still name it. */
export const closedAccountName = '已注销村民'

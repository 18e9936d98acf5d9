import type { Migration, MigrationProvider } from 'kysely'
import * as initial from './0001-initial'
import * as oneMutationPath from './0002-one-mutation-path'
import * as messages from './0003-messages'
import * as villageCodes from './0004-village-codes'
import * as sessions from './0005-sessions'
import * as rateLimits from './0006-rate-limits'
import * as membership from './0007-membership'
import * as leaving from './0008-leaving'
import * as listIndexes from './0009-list-indexes'
import * as serviceCenter from './0010-service-center'
import * as council from './0011-council'
import * as auditActorNumber from './0012-audit-actor-number'
import * as ceremonyFilings from './0013-ceremony-filings'
import * as councilMeetings from './0014-council-meetings'
import * as photos from './0015-photos'
import * as serviceConfigVersion from './0016-service-config-version'
import * as ceremonyLimitsVersion from './0018-ceremony-limits-version'

/**
 * Migrations are listed here rather than read from the folder, so the bundled cloud function
 * (one index.js, no folder to scan) runs exactly the same ones.
 */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-one-mutation-path': oneMutationPath,
  '0003-messages': messages,
  '0004-village-codes': villageCodes,
  '0005-sessions': sessions,
  '0006-rate-limits': rateLimits,
  '0007-membership': membership,
  '0008-leaving': leaving,
  '0009-list-indexes': listIndexes,
  '0010-service-center': serviceCenter,
  '0011-council': council,
  '0012-audit-actor-number': auditActorNumber,
  '0013-ceremony-filings': ceremonyFilings,
  '0014-council-meetings': councilMeetings,
  '0015-photos': photos,
  '0016-service-config-version': serviceConfigVersion,
  '0018-ceremony-limits-version': ceremonyLimitsVersion,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}

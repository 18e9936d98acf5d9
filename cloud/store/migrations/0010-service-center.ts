import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen once released, like every migration.
//
// The 党群服务中心 (issue 10): settings, services, the weekly opening plan, closed dates, one
// counter per booked slot (the capacity guard), appointments that are never deleted, their
// timeline, follow-ups, ratings, the duty roster and no-show blocks. Booleans are 0/1 integers
// so both engines read them back alike. The lists are literals, copies of types/service-center.ts
// as it is now (see 0002 for why).
export const checkedValues = {
  category: ['certificate', 'socialInsurance', 'legalAid', 'convenience', 'other'],
  status: [
    'pending',
    'confirmed',
    'checkedIn',
    'done',
    'archived',
    'cancelled',
    'rejected',
    'noShow',
  ],
  channel: ['online', 'walkIn', 'phoneCall'],
  eventKind: [
    'booked',
    'confirmed',
    'rejected',
    'moved',
    'cancelled',
    'checkedIn',
    'done',
    'noShow',
    'followedUp',
    'archived',
    'rated',
  ],
  followUpMethod: ['phone', 'homeVisit', 'atCenter', 'wechat'],
} as const

const oneOf = (column: string, values: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`
const flag = (column: string) => sql<boolean>`${sql.ref(column)} in (0, 1)`

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The migrator already runs PostgreSQL migrations in a transaction.
    await migrate(db)
  } else {
    await db.transaction().execute(migrate)
  }
}

async function migrate(db: Kysely<unknown>) {
  await db.schema
    .createTable('service_center_settings')
    .addColumn('village_id', 'text', (c) => c.primaryKey().references('villages.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('opening_hours', 'text', (c) => c.notNull())
    .addColumn('booking_window_days', 'integer', (c) =>
      c.notNull().check(sql`booking_window_days between 1 and 60`),
    )
    .addColumn('min_notice_minutes', 'integer', (c) =>
      c.notNull().check(sql`min_notice_minutes >= 0`),
    )
    .addColumn('cancel_cutoff_minutes', 'integer', (c) =>
      c.notNull().check(sql`cancel_cutoff_minutes >= 0`),
    )
    .addColumn('no_show_limit', 'integer', (c) => c.notNull().check(sql`no_show_limit >= 0`))
    .addColumn('no_show_window_days', 'integer', (c) =>
      c.notNull().check(sql`no_show_window_days >= 1`),
    )
    .addColumn('no_show_block_days', 'integer', (c) =>
      c.notNull().check(sql`no_show_block_days >= 1`),
    )
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) =>
      c.notNull().check(oneOf('category', checkedValues.category)),
    )
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('required_materials_json', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes > 0`))
    .addColumn('needs_confirmation', 'integer', (c) =>
      c.notNull().check(flag('needs_confirmation')),
    )
    .addColumn('home_visit', 'integer', (c) => c.notNull().check(flag('home_visit')))
    .addColumn('proxy_service', 'integer', (c) => c.notNull().check(flag('proxy_service')))
    .addColumn('slot_minutes', 'integer', (c) => c.notNull().check(sql`slot_minutes > 0`))
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('active', 'integer', (c) => c.notNull().check(flag('active')))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('services_village').on('services').column('village_id').execute()

  // One row per weekday the center opens (1 Monday … 7 Sunday); times are village `HH:mm`.
  await db.schema
    .createTable('opening_plan')
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('opens', 'text', (c) => c.notNull())
    .addColumn('closes', 'text', (c) => c.notNull())
    .addColumn('breaks_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('opening_plan_pk', ['village_id', 'weekday'])
    .execute()

  await db.schema
    .createTable('closed_dates')
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('closed_dates_pk', ['village_id', 'day'])
    .execute()

  // The capacity guard: a booking takes a place with a conditional update
  // (`booked < capacity`) or the insert of the slot's first row; the CHECK is the last word, so
  // no interleaving of gateway processes on one database can overbook.
  await db.schema
    .createTable('slot_counters')
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('slot_start', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('booked', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('slot_counters_pk', ['service_id', 'slot_start'])
    .addCheckConstraint('slot_counters_within_capacity', sql`booked >= 0 and booked <= capacity`)
    .execute()

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    // The booker's account; null for a walk-in or phone registration by staff.
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(oneOf('channel', checkedValues.channel)))
    .addColumn('slot_start', 'text', (c) => c.notNull())
    .addColumn('slot_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', checkedValues.status)))
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('home_visit', 'integer', (c) => c.notNull().check(flag('home_visit')))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('proxy_for', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    // Set when the day-before reminder went out, so it goes once.
    .addColumn('reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('appointments_village_slot')
    .on('appointments')
    .columns(['village_id', 'slot_start'])
    .execute()
  await db.schema
    .createIndex('appointments_user')
    .on('appointments')
    .columns(['user_id', 'slot_start'])
    .execute()

  await db.schema
    .createTable('appointment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', checkedValues.eventKind)))
    // Null when the system did it (a scheduled job).
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('slot_start', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('appointment_events_appointment')
    .on('appointment_events')
    .columns(['appointment_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('follow_ups')
    .addColumn('appointment_id', 'text', (c) => c.primaryKey().references('appointments.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('method', 'text', (c) =>
      c.notNull().check(oneOf('method', checkedValues.followUpMethod)),
    )
    .addColumn('followed_up_at', 'text', (c) => c.notNull())
    .addColumn('satisfaction', 'integer', (c) =>
      c.notNull().check(sql`satisfaction between 1 and 5`),
    )
    .addColumn('remarks', 'text', (c) => c.notNull())
    .addColumn('by_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  // The primary key makes a rating once per appointment, whatever races.
  await db.schema
    .createTable('ratings')
    .addColumn('appointment_id', 'text', (c) => c.primaryKey().references('appointments.id'))
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 1 and 5`))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('duty_roster')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('duty_roster_village_day')
    .on('duty_roster')
    .columns(['village_id', 'day'])
    .execute()

  // A no-show block stays as a row when lifted (lifted_at, lifted_by): nothing is deleted.
  await db.schema
    .createTable('appointment_blocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('blocked_until', 'text', (c) => c.notNull())
    .addColumn('no_shows', 'integer', (c) => c.notNull())
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('appointment_blocks_user')
    .on('appointment_blocks')
    .columns(['user_id', 'blocked_until'])
    .execute()
}

export async function down(): Promise<void> {
  // Appointments are never deleted; dropping these tables would.
  throw new Error('0010-service-center cannot be undone')
}

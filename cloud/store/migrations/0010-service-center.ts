import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Frozen: once released, never edit a migration; add a new one.
//
// The 党群服务中心, first part (issue 10): services, opening hours, appointments.
// 1. service_centers: per village, the address, the hours as villagers read them, the booking
//    window and the minimum notice.
// 2. services: what can be booked, with its materials, slot length and places per slot.
// 3. opening_periods: the weekly plan, several periods a weekday (a break is the gap between two);
//    closed_days: holidays.
// 4. slot_bookings: places taken per service and slot. A booking takes a place by one conditional
//    update (`booked < capacity`), which the database serialises on the row, so no slot is ever
//    overbooked, however many gateway processes share the database; cancelling gives it back.
// 5. appointments: never deleted; status moves by compare-and-swap; appointment_events keep every
//    step (who, when, why) for the timeline.
// The lists are literals, copies of types/service-center.ts as it is now (see 0002 for why).
export const checkedValues = {
  appointmentStatus: [
    'pending',
    'confirmed',
    'checkedIn',
    'done',
    'followedUp',
    'cancelled',
    'rejected',
    'noShow',
  ],
} as const

const oneOf = (column: string, values: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`
const flag = (column: string) => sql<boolean>`${sql.ref(column)} in (0, 1)`
const clock = (column: string) => sql<boolean>`${sql.ref(column)} like '__:__'`

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
    .createTable('service_centers')
    .addColumn('village_id', 'text', (c) => c.primaryKey().references('villages.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('opening_hours', 'text', (c) => c.notNull())
    .addColumn('window_days', 'integer', (c) =>
      c.notNull().check(sql`window_days between 1 and 60`),
    )
    .addColumn('notice_minutes', 'integer', (c) =>
      c.notNull().check(sql`notice_minutes between 0 and 10080`),
    )
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('required_materials_json', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes > 0`))
    .addColumn('needs_confirmation', 'integer', (c) =>
      c.notNull().check(flag('needs_confirmation')),
    )
    .addColumn('home_visit', 'integer', (c) => c.notNull().check(flag('home_visit')))
    .addColumn('proxy_service', 'integer', (c) => c.notNull().check(flag('proxy_service')))
    .addColumn('slot_minutes', 'integer', (c) =>
      c.notNull().check(sql`slot_minutes between 10 and 480`),
    )
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity between 1 and 100`))
    .addColumn('active', 'integer', (c) => c.notNull().check(flag('active')))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('services_village')
    .on('services')
    .columns(['village_id', 'active'])
    .execute()
  await db.schema
    .createTable('opening_periods')
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 0 and 6`))
    .addColumn('opens', 'text', (c) => c.notNull().check(clock('opens')))
    .addColumn('closes', 'text', (c) => c.notNull().check(clock('closes')))
    .addCheckConstraint('opening_periods_order', sql`opens < closes`)
    .addPrimaryKeyConstraint('opening_periods_pk', ['village_id', 'weekday', 'opens'])
    .execute()
  await db.schema
    .createTable('closed_days')
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('closed_days_pk', ['village_id', 'day'])
    .execute()
  await db.schema
    .createTable('slot_bookings')
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('slot_start', 'text', (c) => c.notNull())
    .addColumn('booked', 'integer', (c) => c.notNull().check(sql`booked >= 0`))
    .addPrimaryKeyConstraint('slot_bookings_pk', ['service_id', 'slot_start'])
    .execute()
  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('villages.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('slot_start', 'text', (c) => c.notNull())
    .addColumn('villager_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('home_visit_address', 'text')
    .addColumn('proxy_for', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', checkedValues.appointmentStatus)),
    )
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'appointments_cancel_reason',
      sql`(status = 'cancelled') = (cancel_reason is not null)`,
    )
    .execute()
  // 我的预约, and the desk's day.
  await db.schema
    .createIndex('appointments_villager')
    .on('appointments')
    .columns(['villager_id', 'slot_start'])
    .execute()
  await db.schema
    .createIndex('appointments_desk')
    .on('appointments')
    .columns(['village_id', 'slot_start'])
    .execute()
  await db.schema
    .createTable('appointment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', checkedValues.appointmentStatus)),
    )
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('appointment_events_appointment')
    .on('appointment_events')
    .columns(['appointment_id', 'at'])
    .execute()
}

export async function down(): Promise<void> {
  // Appointments are the village's record of its service: not undone.
  throw new Error('0010-service-center cannot be undone')
}

import { sql, type Kysely } from 'kysely';

/**
 * Answered questions are shown on a service's public page, which is kept per registry generation
 * like every public page (migration 005): a question becoming public (answered), changing while
 * public, or leaving (hidden, deleted) raises the generation in its transaction. New and open
 * questions are not public and leave it alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create trigger questions_public_insert after insert on questions for each row
    when (new.state = 'answered') execute function registry_changed()`.execute(db);
  await sql`create trigger questions_public_update after update on questions for each row
    when (old.state = 'answered' or new.state = 'answered') execute function registry_changed()`.execute(db);
  await sql`create trigger questions_public_delete after delete on questions for each row
    when (old.state = 'answered') execute function registry_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['questions_public_insert', 'questions_public_update', 'questions_public_delete']) {
    await sql`drop trigger ${sql.id(t)} on questions`.execute(db);
  }
}

-- Documents go with what they are attached to. Deleting an organisation, an activity (and with it
-- its results), a result or a meeting deletes their documents' metadata in the same statement;
-- the files' keys are queued in document_orphan, and the application removes each file from the
-- store once no document refers to its contents any more (documents.service sweepOrphanFiles).
create table document_orphan (
  storage_key text primary key,
  sha256 text not null,
  queued_at timestamptz not null default now()
);

create function document_drop_owned() returns trigger language plpgsql as $$
begin
  with gone as (
    delete from document_file d using old_rows o
     where d.owner_type = tg_argv[0] and d.owner_id = o.id
    returning d.storage_key, d.sha256)
  insert into document_orphan (storage_key, sha256)
  select distinct storage_key, sha256 from gone
  on conflict (storage_key) do nothing;
  return null;
end $$;

create trigger document_organisation_del after delete on organisation
  referencing old table as old_rows for each statement execute function document_drop_owned('organisation');
create trigger document_activity_del after delete on activity
  referencing old table as old_rows for each statement execute function document_drop_owned('activity');
create trigger document_result_del after delete on activity_result
  referencing old table as old_rows for each statement execute function document_drop_owned('result');
create trigger document_meeting_del after delete on meeting
  referencing old table as old_rows for each statement execute function document_drop_owned('meeting');

-- documents whose owner is already gone
with gone as (
  delete from document_file d
   where (d.owner_type = 'organisation' and not exists (select 1 from organisation o where o.id = d.owner_id))
      or (d.owner_type = 'activity' and not exists (select 1 from activity a where a.id = d.owner_id))
      or (d.owner_type = 'result' and not exists (select 1 from activity_result r where r.id = d.owner_id))
      or (d.owner_type = 'meeting' and not exists (select 1 from meeting m where m.id = d.owner_id))
  returning d.storage_key, d.sha256)
insert into document_orphan (storage_key, sha256)
select distinct storage_key, sha256 from gone
on conflict (storage_key) do nothing;

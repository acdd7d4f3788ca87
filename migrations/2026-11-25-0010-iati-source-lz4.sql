-- The original XML of each imported activity (iati_source.xml) is compressed with lz4 where the
-- server has it (PostgreSQL built with lz4, as Debian's and most others are). An import writes
-- the whole file's XML into this column: measured on this project's machines, PostgreSQL's
-- default pglz compresses it at ~70 MB/s of server CPU, lz4 at ~800 MB/s, for a somewhat larger
-- stored size. Values stored before keep their compression until rewritten. PGlite has only
-- pglz and keeps it.
do $$
begin
  if exists (
    select 1 from pg_settings
     where name = 'default_toast_compression' and 'lz4' = any (enumvals)
  ) then
    alter table iati_source alter column xml set compression lz4;
  end if;
end
$$;

-- The rate files shipped in data/rates that are loaded, with the checksum of the loaded content:
-- a start whose files match skips the load.
create table exchange_rate_file (
  name text primary key,
  source text not null,
  checksum text not null,
  quotes integer not null,
  loaded_at timestamptz not null default now()
);

-- Conversions look up the latest quote on or before a date: the primary key (currency, rate_date)
-- serves that lookup; listing by source (shipped reloads) gets its own index.
create index exchange_rate_source_idx on exchange_rate (source);

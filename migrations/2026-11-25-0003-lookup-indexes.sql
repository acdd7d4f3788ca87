-- Filters name activities by IATI identifier in any case; this index serves that lookup.
create index activity_iati_identifier_lower_idx on activity (lower(iati_identifier))
  where iati_identifier is not null;
create index organisation_iati_ref_lower_idx on organisation (lower(iati_ref)) where iati_ref is not null;

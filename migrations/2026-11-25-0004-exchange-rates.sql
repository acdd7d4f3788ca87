-- Historical exchange rates, quoted against the euro: one euro buys `per_eur` units of `currency`
-- on `rate_date` (the European Central Bank's convention). A conversion from A to B on day D uses,
-- for each currency, the latest quote on or before D; the quotes used are cited with the figure.
-- EUR itself needs no row. Rates come from the table shipped in data/rates and from files loaded
-- with the CLI; `source` names where each quote came from.
create table exchange_rate (
  currency text not null check (currency ~ '^[A-Z]{3}$' and currency <> 'EUR'),
  rate_date date not null,
  per_eur numeric(24, 10) not null check (per_eur > 0),
  source text not null,
  primary key (currency, rate_date)
);

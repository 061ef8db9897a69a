-- Record retention (BRIEF step 10): every record is kept for the product's life plus one calendar year, that is until
-- 31 December of the year after the unit's life ends. Product life is set per model; the row '*' is the default.
create table product_model_life (
    product_model text        primary key,
    life_years    integer     not null check (life_years between 1 and 50),
    version       bigint      not null default 0,
    updated_by    text        not null,
    updated_at    timestamptz not null default now()
);
insert into product_model_life (product_model, life_years, updated_by) values ('*', 15, 'migration');

-- The one retention rule, used by the API, the case workflow and the retention job.
create function aftersales_kept_until(delivered date, model text) returns date
    language sql stable parallel safe as $$
    select make_date(extract(year from delivered)::int
                     + coalesce((select life_years from product_model_life where product_model = model),
                                (select life_years from product_model_life where product_model = '*'))
                     + 1, 12, 31)
$$;

-- Personal data is removed once a record's retention has passed (never while a recall's legal hold covers the unit).
alter table unit add column anonymised_at timestamptz;
alter table service_case add column anonymised_at timestamptz;

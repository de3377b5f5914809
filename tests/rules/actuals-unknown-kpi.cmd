update --year=2019 --actuals tests/rules/actuals-unknown-kpi.tsv

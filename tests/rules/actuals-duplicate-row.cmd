update --year=2019 --actuals tests/rules/actuals-duplicate-row.tsv

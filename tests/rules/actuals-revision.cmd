update --year=2016 --actuals tests/rules/actuals-revision.tsv

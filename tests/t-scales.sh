# t-scales.sh - grade scales declared in the source (<evaluation><scale>):
# the grade each rule gives, the threshold= shorthand, given grades, states,
# what the rate is computed against, and the counts per grade.
. tests/lib.sh
fx=tests/scales

# grades of the enriched XML: "kpi-id:grade" per KPI, then scale:grade pairs
like_err() { printf '%s' "$ERR" | grep -qF -- "$1"; }

grades() {
	xmllint --xpath '//*[local-name()="kpi"]/*[local-name()="result"]' "$1" 2>/dev/null |
		sed 's/<r:result /\n&/g' | sed -n 's/.*r:n="\([0-9]*\)".*r:grade="\([^"]*\)".*/\1:\2/p' | tr '\n' ' '
}

run_kpic check "$fx/grades.xml"
check "grades: the source checks" test "$RC" = 0 -a -z "$ERR"
run_kpic eval --format=xml -o "$TMP/grades.xml" "$fx/grades.xml"
# 100% ◎ (at or above 100), 96 and 95 ○ (within 5 of 100), 94 and 51 △
# (above 50), 50 × (not above 50), 58 △
is_grades=$(grades "$TMP/grades.xml")
check "grades: cuts, equal band, otherwise ($is_grades)" test "$is_grades" = "1:a 2:b 3:b 4:c 5:c 6:d 7:c "
other=$(xmllint --xpath '//*[local-name()="result"]/*[local-name()="grade"]/@*[local-name()="ref"]' "$TMP/grades.xml" | tr -d ' \n')
check "grades: baseline within 5% is same, given grade is the latest year's ($other)" \
	test "$other" = 'r:ref="up"r:ref="up"r:ref="up"r:ref="up"r:ref="down"r:ref="down"r:ref="same"r:ref="fair"'
check "grades: ○ counts as met by achieved=yes" test "$(grep -c 'r:met="yes"' "$TMP/grades.xml")" -ge 3

# threshold="80" is the two-grade scale: Abashiri's explicit scale gives the
# same outputs as the shorthand
sed 's|<evaluation primary="achieve" combine="best" provisional="no">|<evaluation threshold="80" combine="best" provisional="no">|; /<scale id="achieve"/,/<\/scale>/d' \
	sources/abashiri/strategy.xml >"$TMP/short.xml"
check "threshold shorthand: the copy has no scale" test "$(grep -c '<scale' "$TMP/short.xml")" = 0
run_kpic eval --format=json sources/abashiri/strategy.xml; cp "$TMP/out" "$TMP/explicit.json"
run_kpic eval --format=json "$TMP/short.xml"; cp "$TMP/out" "$TMP/short.json"
# the same but for the scale's id and its labels' source
nosc='del(.scales, .primary_scale) | .kpis[].grades = null'
check "threshold shorthand: same JSON as the explicit two-grade scale" \
	test "$(jq -c "$nosc" "$TMP/explicit.json")" = "$(jq -c "$nosc" "$TMP/short.json")"
check "threshold shorthand: grade ids met / not-met" \
	test "$(jq -c '.totals.all.grades' "$TMP/short.json")" = '{"met":41,"not-met":23}'
run_kpic html -o "$TMP/short.html" "$TMP/short.xml"
run_kpic html -o "$TMP/explicit.html" sources/abashiri/strategy.xml
check "threshold shorthand: same HTML as the explicit scale" cmp -s "$TMP/short.html" "$TMP/explicit.html"
check "threshold shorthand: threshold 80" test "$(jq .threshold "$TMP/short.json")" = 80
run_kpic eval "$TMP/short.xml"; cp "$TMP/out" "$TMP/short.txt"
run_kpic eval sources/abashiri/strategy.xml
check "threshold shorthand: same text report" test "$OUT" = "$(cat "$TMP/short.txt")"

# rate-against: final 80/100; the year's target pro-rated 60 + 40 x 3/5 = 84
# (80/84); declared 90 for 2017 (80/90); progress (80-60)/(100-60); lower:
# (70-100)/(50-100) = 60%, and pro-rated 100 - 50 x 3/5 = 70 against 70.
run_kpic eval --format=json "$fx/against.xml"
rates=$(printf '%s' "$OUT" | jq -r '[.kpis[] | "\(.id)=\(.rate)"] | join(" ")')
check "rate-against: final, year (pro-rated, declared), progress ($rates)" test "$rates" = \
	"final=80 prorated=95.2381 declared=88.8889 progress=50 progress-lower=60 prorated-lower=100 progress-flat=null"
check "rate-against: a target equal to the baseline has no progress" \
	like_err "equals its baseline, so progress (actual - baseline) / (target - baseline) is undefined"
check "rate-against: a flat target reached is met" \
	test "$(printf '%s' "$OUT" | jq -r '.kpis[] | select(.id == "progress-flat") | .met')" = true

done_testing

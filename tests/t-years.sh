# t-years.sh - the era fiscal years are written in (kpic-source(5), period
# era=): tests/fixtures/era.xml (FY2017-2021, across 2019-05-01) under each
# policy, its years read from the HTML and from the PDF's text.
. tests/lib.sh

# render ERA ASOF: $TMP/y.html and $TMP/y.txt (the PDF's text, no spaces).
render() {
	sed "s/ERA/$1/; s/ASOF/$2/" tests/fixtures/era.xml >"$TMP/y.xml"
	run_kpic html -o "$TMP/y.html" "$TMP/y.xml"
	check "$1 ($2): html" test "$RC" = 0
	run_kpic pdf -o "$TMP/y.pdf" "$TMP/y.xml"
	check "$1 ($2): pdf" test "$RC" = 0
	pdftotext "$TMP/y.pdf" - | tr -d ' \n' >"$TMP/y.txt"
}
# has ERA WHAT TEXT: TEXT is in both the HTML and the PDF's text.
has() {
	check "$1: html has $2" grep -qF "$3" "$TMP/y.html"
	check "$1: pdf has $2" grep -qF "$3" "$TMP/y.txt"
}
# lacks ERA WHAT TEXT: TEXT is in neither.
lacks() {
	check "$1: html lacks $2" sh -c '! grep -qF "$0" "$1"' "$3" "$TMP/y.html"
	check "$1: pdf lacks $2" sh -c '! grep -qF "$0" "$1"' "$3" "$TMP/y.txt"
}

# The default, as Abashiri: FY2019 by the era of its April 1.
render fiscal-year-start 2020-09-01
has start "narrative FY2019" "本書は平成31年度の実績"
has start "column FY2019" "H31年(度)"
has start "target FY2021" "目標値(R3)"
lacks start "R1" "R1年(度)"
sed 's/ era="ERA"//' tests/fixtures/era.xml | sed 's/ASOF/2020-09-01/' >"$TMP/d.xml"
run_kpic html -o "$TMP/d.html" "$TMP/d.xml"
check "no era= is fiscal-year-start" cmp -s "$TMP/d.html" "$TMP/y.html"

render fiscal-year-end 2020-09-01
has end "narrative FY2019" "本書は令和元年度の実績"
has end "column FY2019" "R1年(度)"
has end "FY2018 stays 平成" "H30年(度)"
lacks end "H31" "H31"

render as-of 2020-09-01
has "as-of 2020" "narrative FY2019" "本書は令和元年度の実績"
has "as-of 2020" "column FY2019" "R1年(度)"
has "as-of 2020" "FY2018 stays 平成" "H30年(度)"

# Written on 2019-04-01, before 令和: every year in 平成, the target H33.
render as-of 2019-04-01
has "as-of 2019" "column FY2019" "H31年(度)"
has "as-of 2019" "column FY2020" "H32年(度)"
has "as-of 2019" "target FY2021" "目標値(H33)"
lacks "as-of 2019" "令和" "R2"

render western 2020-09-01
has western "narrative FY2019" "本書は2019年度の実績"
has western "column FY2019" "2019年(度)"
has western "baseline" "基準値(2016)"
lacks western "era letters" "H30"

# kpic eval's text names the period under the policy too.
run_kpic eval "$TMP/y.xml"
check "western: eval's period" grep -qF "期間 2017–2021" "$TMP/out"

done_testing

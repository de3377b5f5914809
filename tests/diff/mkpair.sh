#!/usr/bin/env bash
# mkpair.sh - the `kpic diff` fixture pair, derived from the Abashiri source.
#
# Usage: tests/diff/mkpair.sh SRC OUTDIR   writes OUTDIR/old.xml and OUTDIR/new.xml
#
# Both are copies of SRC with a few goals appended (old: g6, g7, g8; new: g8
# renumbered first, g7 rearranged, g9 new), and new.xml carries at least one
# change of every kind `kpic diff` reports; the comment before each edit
# names the kind.  Each copy keeps <published> true, so both pass
# `kpic check`.  Edits are made on SRC's text: every one must apply (the
# script stops if an edit changed nothing, e.g. after SRC itself changed), so
# a transcription fix elsewhere in SRC changes neither side's diff.
set -eu
src=${1:?usage: mkpair.sh SRC OUTDIR}
out=${2:?usage: mkpair.sh SRC OUTDIR}
f=

fail() { echo "mkpair.sh: $*" >&2; exit 1; }

# Replaces $f by the output of a command run on it; the file must change.
apply() {
	"$@" "$f" >"$f.tmp"
	if cmp -s "$f" "$f.tmp"; then rm -f "$f.tmp"; fail "edit did not apply: $*"; fi
	mv "$f.tmp" "$f"
}
ed_() { apply sed -e "$1"; }
# Within the element starting at the line containing $1 and ending at the
# next line containing $2, applies the sed command $3.
in_() { apply sed -e "\\|$1|,\\|$2|{ $3; }"; }

# Line number of the first line containing $2 at or after the first line
# containing $1 (literal text).
line() {
	local n
	n=$(awk -v a="$1" -v t="$2" '!f && index($0, a) {f = 1} f && index($0, t) {print NR; exit}' "$f")
	[ -n "$n" ] || fail "not found: '$2' after '$1'"
	echo "$n"
}
# Inserts standard input after line $1.
insert_after() {
	local text
	text=$(cat)
	apply awk -v n="$1" -v t="$text" '{print} NR == n {print t}'
}
# Moves lines $1..$2 to after line $3 (outside them).
move() {
	apply awk -v a="$1" -v b="$2" -v t="$3" '
		{ l[NR] = $0 }
		END { for (i = 1; i <= NR; i++) {
			if (i >= a && i <= b) continue
			print l[i]
			if (i == t) for (k = a; k <= b; k++) print l[k]
		} }'
}
# Sets <published> counts: published SELECTOR-ATTRIBUTES VALUE.
published() {
	ed_ "s|<count$1>[0-9]*</count>|<count$1>$2</count>|"
}

mkdir -p "$out"

# ---------------------------------------------------------------- old.xml
f=$out/old.xml
cp "$src" "$f"
ed_ 's|^\(    <department id="zaisei">財政課</department>\)$|\1\n    <department id="kyu">地域振興室</department>|'
n=$(line '<goals>' '  </goals>')
insert_after $((n - 1)) <<'EOF'
    <goal id="g6" number="6">
      <title>しごと創生の推進</title>
      <kpi id="g6-jobs" direction="higher">
        <name>新規雇用者数</name>
        <unit>人</unit>
        <baseline year="2014">100</baseline>
        <value year="2018">120</value>
        <target year="2019">120</target>
        <responsible department="kyu"/>
      </kpi>
      <policy id="g6-p1">
        <title>雇用の場の確保</title>
        <direction id="g6-p1-d1">
          <title>企業誘致</title>
          <measure id="g6-p1-d1-m1">
            <title>誘致活動の推進</title>
          </measure>
        </direction>
      </policy>
    </goal>
    <goal id="g7" number="7">
      <title>地域の魅力の発信</title>
      <viewpoint>「SNSの活用」の観点を追加</viewpoint>
      <priority number="8" goals="g7">移住者の受入れ体制の整備</priority>
      <kpi id="g7-consultations" direction="higher">
        <name>移住相談件数</name>
        <unit>件</unit>
        <baseline year="2014">10</baseline>
        <value year="2018">10</value>
        <target year="2019">20</target>
        <responsible department="kikaku"/>
        <override met="yes"><reason>相談窓口の開設前の数値のため達成とみなす。</reason></override>
        <history edition="1" rate="40.0" met="no"/>
        <review>要見直し（前期達成率 40.0%）</review>
      </kpi>
      <policy id="g7-p1">
        <title>情報発信の強化</title>
        <direction id="g7-p1-d1">
          <title>SNSの活用</title>
          <measure id="g7-p1-d1-m1"><title>公式アカウントの運用</title></measure>
          <measure id="g7-p1-d1-m2"><title>動画の配信</title></measure>
        </direction>
      </policy>
      <policy id="g7-p2">
        <title>移住の促進</title>
        <direction id="g7-p2-d1"><title>相談体制の整備</title></direction>
      </policy>
    </goal>
    <goal id="g8" number="8">
      <title>関係人口の創出</title>
      <kpi id="g8-supporters" direction="higher">
        <name>ふるさと応援団員数</name>
        <unit>人</unit>
        <baseline year="2014">0</baseline>
        <value year="2018">50</value>
        <target year="2019">100</target>
        <responsible department="kikaku"/>
      </kpi>
    </goal>
EOF
published '' 67
published ' what="goals"' 8
published ' level="goal"' 11
published ' level="goal" met="yes"' 10

# ---------------------------------------------------------------- new.xml
f=$out/new.xml
cp "$src" "$f"

# goals: g6 removed (goal-removed, policy-, direction-, measure-removed,
# kpi-removed; its 担当課 kyu: department-removed); g8 first and renumbered
# (goal-reordered) with an override (override-added, achievement-flipped);
# g7 without its override (override-removed, achievement-flipped), its
# viewpoint reworded (viewpoint-removed, viewpoint-added), its 重点課題
# renumbered (priority-removed, priority-added), its KPI's history revised
# (history-changed) and its 要見直し withdrawn (review-changed), g7-p2
# before g7-p1 (policy-reordered), g7-p1-d1 moved under g7-p2
# (direction-reordered), its measures swapped (measure-reordered); g9 new
# (goal-added, policy-, direction-, measure-added, kpi-added).
n=$(line '<goals>' '  </goals>')
insert_after $((n - 1)) <<'EOF'
    <goal id="g8" number="6">
      <title>関係人口の創出</title>
      <kpi id="g8-supporters" direction="higher">
        <name>ふるさと応援団員数</name>
        <unit>人</unit>
        <baseline year="2014">0</baseline>
        <value year="2018">50</value>
        <target year="2019">100</target>
        <responsible department="kikaku"/>
        <override met="yes"><reason>登録制度の開始が遅れたため、開始後の伸びをもって達成とみなす。</reason></override>
      </kpi>
    </goal>
    <goal id="g7" number="7">
      <title>地域の魅力の発信</title>
      <viewpoint>「SNSや動画の活用」の観点を追加</viewpoint>
      <priority number="9" goals="g7">移住者の受入れ体制の整備</priority>
      <kpi id="g7-consultations" direction="higher">
        <name>移住相談件数</name>
        <unit>件</unit>
        <baseline year="2014">10</baseline>
        <value year="2018">10</value>
        <target year="2019">20</target>
        <responsible department="kikaku"/>
        <history edition="1" rate="50.0" met="no"/>
      </kpi>
      <policy id="g7-p2">
        <title>移住の促進</title>
        <direction id="g7-p2-d1"><title>相談体制の整備</title></direction>
        <direction id="g7-p1-d1">
          <title>SNSの活用</title>
          <measure id="g7-p1-d1-m2"><title>動画の配信</title></measure>
          <measure id="g7-p1-d1-m1"><title>公式アカウントの運用</title></measure>
        </direction>
      </policy>
      <policy id="g7-p1">
        <title>情報発信の強化</title>
      </policy>
    </goal>
    <goal id="g9" number="8">
      <title>デジタル技術を活用した地域づくり</title>
      <kpi id="g9-online" direction="higher">
        <name>オンライン手続の利用率</name>
        <unit>%</unit>
        <baseline year="2014">5.0</baseline>
        <value year="2018">30.0</value>
        <target year="2019">30.0</target>
        <responsible department="kikaku"/>
      </kpi>
      <policy id="g9-p1">
        <title>行政のデジタル化</title>
        <direction id="g9-p1-d1">
          <title>オンライン手続の拡充</title>
          <measure id="g9-p1-d1-m1">
            <title>電子申請の導入</title>
            <kpi id="g9-e-forms" direction="higher">
              <name>電子申請できる手続の数</name>
              <unit>件</unit>
              <baseline year="2014">0</baseline>
              <value year="2018">40</value>
              <target year="2019">40</target>
              <responsible department="kikaku"/>
            </kpi>
          </measure>
        </direction>
      </policy>
    </goal>
EOF

# meta-changed: the data is current to a later date
ed_ 's|<as-of>2019-04-01</as-of>|<as-of>2019-05-01</as-of>|'
# department-added (used below: responsible-changed), department-renamed
ed_ 's|^\(    <department id="zaisei">財政課</department>\)$|\1\n    <department id="bunka">文化振興課</department>|'
ed_ 's|<department id="kenchiku">建築課</department>|<department id="kenchiku">建築住宅課</department>|'
# goal-renamed
ed_ 's|<title>観光や健康・スポーツなど網走の地域特性を生かした交流人口の拡大</title>|<title>観光や健康・スポーツなど網走の地域特性を生かした交流人口・関係人口の拡大</title>|'
# policy-, direction-, measure-renamed
ed_ 's|<title>産業振興策の構築</title>|<title>産業振興策の強化</title>|'
ed_ 's|<title>国内外への販路拡大</title>|<title>国内外への販路の拡大</title>|'
ed_ 's|<title>中心市街地と網走川周辺のにぎわい創出</title>|<title>中心市街地と網走川周辺のにぎわいの創出</title>|'
# measure-reordered: g3-p2-d1-m2 (no KPI) before g3-p2-d1-m1
a=$(line '<measure id="g3-p2-d1-m2">' '<measure id="g3-p2-d1-m2">')
move "$a" $((a + 3)) $(($(line '<direction id="g3-p2-d1">' '<title>') ))

# kpi-renamed: a new id, same name and measure
ed_ 's|<kpi id="g1-pedestrians-holiday"|<kpi id="g1-pedestrians-weekend"|'
# kpi-name-changed, method-changed
in_ '<kpi id="g1-export-countries"' '</kpi>' 's|<name>輸出相手国数</name>|<name>農産物の輸出相手国数</name>|'
in_ '<kpi id="g1-export-countries"' '</kpi>' 's|<method>JAオホーツク網走に確認</method>|<method>JAオホーツク網走及び函館税関に確認</method>|'
# baseline-changed, actual-removed (a figure withdrawn)
in_ '<kpi id="g1-pedestrians-weekday"' '</kpi>' 's|<baseline year="2014">6592</baseline>|<baseline year="2014">6600</baseline>|'
in_ '<kpi id="g1-pedestrians-weekday"' '</kpi>' 's|<value year="2015">4752</value>|<value year="2015" status="not-surveyed"/>|'
# kpi-moved: the weekday count into the measure above (after its decision)
a=$(line '<kpi id="g1-pedestrians-weekday"' '<kpi id="g1-pedestrians-weekday"')
b=$(line '<kpi id="g1-pedestrians-weekday"' '</kpi>')
move "$a" "$b" "$(line '<measure id="g1-p1-d1-m2">' '<decision>')"
# target-changed
in_ '<kpi id="g1-pedestrians-weekend"' '</kpi>' 's|<target year="2019">6500</target>|<target year="2019">6000</target>|'
# kpi-reordered: その他農産物 before 長いも
a=$(line '<kpi id="g1-export-other"' '<kpi id="g1-export-other"')
b=$(line '<kpi id="g1-export-other"' '</kpi>')
move "$a" "$b" $(($(line '<kpi id="g1-export-nagaimo"' '<kpi id="g1-export-nagaimo"') - 1))
# kpi-definition-changed (a note)
ed_ 's|<note>※国勢調査実施年は行わない</note>|<note>※国勢調査実施年は調査を行わない</note>|'
# series-removed
in_ '<kpi id="g1-export-nagaimo"' '</kpi>' '/<series key="amount">/,/<\/series>/d'
# actual-revised that flips the KPI (達成 → 未達: 4/5 = 80% → 3/5), and
# series-added (both on HACCP)
in_ '<kpi id="g1-haccp"' '</kpi>' 's|<value year="2018">4</value>|<value year="2018">3</value>|'
in_ '<kpi id="g1-haccp"' '</kpi>' 's|^\(              <survey>3月</survey>\)$|              <series key="kaki" label="カキ製品">\n                <baseline year="2014">0</baseline>\n                <value year="2018">0</value>\n                <target year="2019">1</target>\n              </series>\n\1|'
# actual-revised, in 万/億 and with △
in_ '<kpi id="g1-port-value"' '</kpi>' 's|<value year="2018" note="「円」の表記なし（11億4千万）">1140000000</value>|<value year="2018" note="「円」の表記なし（11億5千万）">1150000000</value>|'
in_ '<kpi id="g4-academic"' '</kpi>' 's|<value year="2017">-0.9</value>|<value year="2017">-1.0</value>|'
# actual-added: a blank cell gets its figure
in_ '<kpi id="g1-employees"' '</kpi>' 's|<value year="2018" status="not-surveyed"/>|<value year="2018">16100</value>|'
# status-changed: 未確定 → measured
in_ '<kpi id="g5-floor-area"' '</kpi>' 's|<value year="2018" status="provisional" note="未確定">313</value>|<value year="2018">313</value>|'
# survey-changed, publication-changed
in_ '<kpi id="g1-port-volume"' '</kpi>' 's|<survey>12月</survey>|<survey>12月末</survey>|'
in_ '<kpi id="g1-port-volume"' '</kpi>' 's|<publication>翌年1月 翌年2月</publication>|<publication>翌年2月</publication>|'
# responsible-changed
in_ '<kpi id="g2-camps-culture"' '</kpi>' 's|<responsible department="shakai-kyoiku"/>|<responsible department="bunka"/>|'
# override-changed: the reason reworded
in_ '<kpi id="g3-sick-child-care"' '</kpi>' 's|<reason>実績は0カ所（目標1カ所）であるが、|<reason>実績は0カ所（目標1カ所）だが、|'
# repost-removed, repost-added: the 再掲 of 合計特殊出生率 one measure down
in_ '<measure id="g3-p1-d3-m2">' '</measure>' '/<repost kpi="g3-tfr"/d'
insert_after "$(line '<measure id="g3-p1-d3-m3">' '<decision>')" <<'EOF'
            <repost kpi="g3-tfr" label="合計特殊出生率"/>
EOF

# grant-changed, grant-removed, grant-added
in_ '<grant id="suishin-1"' '</grant>' 's|<expenditure>5031030</expenditure>|<expenditure>5131030</expenditure>|'
in_ '<grant id="suishin-5"' '</grant>' 'd'
insert_after "$(line '<grant id="kyoten-1"' '</grant>')" <<'EOF'
      <grant id="kyoten-2" number="2">
        <name>オホーツク網走サイクリング拠点整備事業</name>
        <activity>サイクリングターミナルの整備</activity>
        <expenditure>48000000</expenditure>
        <subsidy>24000000</subsidy>
        <serves ref="g2"/>
      </grant>
EOF

# section-changed: a paragraph reworded, one added
in_ '<section id="s1"' '</p>' 's|「網走市選択する未来会議」を設置している。</p>|「網走市選択する未来会議」を設置し、毎年度KPIの検証を行っている。</p>|'
insert_after "$(line '<section id="s1"' '</p>')" <<'EOF'
      <p>本検証の数値は<date value="2019-05-01"/>時点のものである。</p>
EOF
# section-reordered: (2) before (1)
a=$(line '<section id="s3-3-2"' '<section id="s3-3-2"')
b=$(line '<section id="s3-3-2"' '</section>')
move "$a" "$b" $(($(line '<section id="s3-3-1"' '<section id="s3-3-1"') - 1))
# section-removed
in_ '<section id="s3-3-4"' '</section>' 'd'
# section-added
insert_after "$(line '<section id="s3-3-6"' '</section>')" <<'EOF'
        <section id="s3-3-7" label="(7)">
          <title>地域の安全・安心を確保する</title>
          <list style="bullet">
            <item>災害に強い地域づくりと、防災・減災の取組の推進</item>
          </list>
        </section>
EOF

# what the document now publishes: 68 KPIs, 8 goals, 11 + 57,
# 10 + 33 met; goal 1 loses HACCP
published '' 68
published ' what="goals"' 8
published ' level="goal"' 11
published ' level="goal" met="yes"' 10
published ' level="measure"' 57
published ' goal="g1" met="yes"' 9
published ' goal="g1" met="no"' 9
published ' goal="g1" level="measure" met="yes"' 8
published ' goal="g1" level="measure" met="no"' 9

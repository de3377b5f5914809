# synth.awk - a synthetic, valid strategy of n KPIs for `make bench`.
#
#   awk -v n=1000 [-v seed=1] [-v city=合成市] [-v revise=1] [-v depts=6] [-v goals=5] \
#       -f tests/bench/synth.awk >strategy.xml
#
# Five 基本目標 (goals), measures of up to ten KPIs each, with names, units, yearly
# values and targets that look like a city's (population, visitors, rates,
# amounts), a mix of directions, some values not yet surveyed, a few
# departments (depts, default 6: the KPIs take them in turn), and a narrative
# (趣旨 and a paragraph per goal), so that every stage of kpic has real work at
# any n.  The same n and seed give the same file; revise=1 gives the next
# version of it for `kpic diff`: every hundredth KPI's latest actual falls back
# to its baseline.
function pick(list,    a, k) {
	k = split(list, a, "|")
	return a[int(rand() * k) + 1]
}
function kpi(id, k,    subj, what, unit, base, tgt, dir, y, v, step) {
	subj = pick("市内|観光|市立小中学校|地域|高齢者|子育て世帯|農業|漁業|中心市街地|移住")
	what = pick("就業者数|入込客数|利用者数|参加者数|事業所数|満足度|相談件数|新規就業者数|販売額|定住者数")
	unit = (what ~ /満足度/) ? "%" : (what ~ /販売額/) ? "千円" : (what ~ /事業所|件数/) ? "件" : "人"
	base = (unit == "%") ? 40 + int(rand() * 30) : 100 + int(rand() * 20000)
	dir = (rand() < 0.85) ? "higher" : "maintain"
	tgt = (unit == "%") ? base + 10 + int(rand() * 20) : int(base * (1.05 + rand() * 0.3))
	printf "<kpi id=\"%s\" direction=\"%s\"><name>%s%s（第%d号）</name><unit>%s</unit>", id, dir, subj, what, k, unit
	printf "<baseline year=\"2014\">%d</baseline>", base
	for (y = 2015; y <= 2018; y++) {
		if (rand() < 0.08) {
			printf "<value year=\"%d\" status=\"not-surveyed\"/>", y
			continue
		}
		step = (y - 2014) / 5
		v = base + (tgt - base) * step * (0.6 + rand() * 0.8)
		if (revise && k % 100 == 1 && y == 2018)
			v = base
		printf "<value year=\"%d\">%d</value>", y, (unit == "%") ? (v > 100 ? 100 : v) : v
	}
	printf "<target year=\"2019\">%d</target><survey>毎年3月31日</survey><publication>翌年5月</publication>", tgt
	printf "<method>%s課の業務統計による</method><responsible department=\"d%d\"/></kpi>\n", pick("企画|観光|商工|農林|福祉"), k % depts + 1
}
BEGIN {
	srand(seed ? seed : 1)
	if (city == "") city = "合成市"
	if (goals == "") goals = 5
	if (depts == "") depts = 6
	per = 10
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<strategy xmlns=\"urn:x-kpic:strategy:1\" xml:lang=\"ja\">"
	printf "<meta><municipality>%s</municipality><title>%sまち・ひと・しごと創生総合戦略</title><edition>1</edition>", city, city
	print "<period start=\"2015\" end=\"2019\" baseline=\"2014\"/><as-of>2019-04-01</as-of><evaluation threshold=\"80\"/></meta>"
	printf "<departments><department id=\"d1\">企画調整課</department><department id=\"d2\">観光課</department>" \
	      "<department id=\"d3\">商工労働課</department><department id=\"d4\">農林課</department>" \
	      "<department id=\"d5\">子育て支援課</department><department id=\"d6\">健康福祉課</department>"
	for (d = 7; d <= depts; d++)
		printf "<department id=\"d%d\">第%d課</department>", d, d
	print "</departments>"
	print "<goals>"
	split("地域産業の振興と雇用の創出|新しいひとの流れをつくる|結婚・出産・子育ての希望をかなえる|安心して暮らせるまちをつくる|地域と地域を連携する", gt, "|")
	k = 0
	for (g = 1; g <= goals; g++) {
		mine = int(n / goals) + (g <= n % goals ? 1 : 0)
		printf "<goal id=\"g%d\" number=\"%d\"><title>%s</title>\n", g, g, gt[(g - 1) % 5 + 1]
		for (m = 1; (m - 1) * per < mine; m++) {
			printf "<measure id=\"g%d-m%d\"><title>%sの推進（%d）</title>\n", g, m, pick("情報発信|人材育成|拠点整備|販路拡大|支援制度"), m
			for (i = 0; i < per && (m - 1) * per + i < mine; i++) {
				k++
				kpi("k" k, k)
			}
			print "</measure>"
		}
		print "</goal>"
	}
	print "</goals>"
	print "<document><title>" city "総合戦略の検証</title>"
	print "<section id=\"s1\" label=\"1\"><title>趣旨</title>"
	print "<p>" city "では、総合戦略の進捗を産学官金労の委員による会議で検証し、その結果を次期戦略の策定に生かしている。</p>"
	for (g = 1; g <= goals; g++)
		print "<p>基本目標" g "「" gt[(g - 1) % 5 + 1] "」では、各施策の重要業績評価指標（KPI）の実績を基準値及び目標値と比較し、達成状況を評価した。</p>"
	print "</section></document>"
	print "</strategy>"
}

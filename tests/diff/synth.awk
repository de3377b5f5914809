# synth.awk - a synthetic strategy of n KPIs for `kpic diff` at scale.
#
#   awk -v n=100000 -v side=old -f tests/diff/synth.awk >old.xml
#   awk -v n=100000 -v side=new -f tests/diff/synth.awk >new.xml
#
# 10 goals, measures of 10 KPIs each.  The new side differs from the old by
# n/100 revised actuals that each flip a KPI from met to not met (k % 100 == 1),
# n/500 KPIs whose id changed but not their name or measure (k % 500 == 3),
# n/1000 KPIs removed (k % 1000 == 7) and n/1000 added (after k % 1000 == 500):
# n/100 + n/100 + n/500 + n/1000 + n/1000 changes in all.
function kpi(id, name, actual) {
	printf "<kpi id=\"%s\" direction=\"higher\"><name>%s</name><unit>人</unit>" \
	       "<baseline year=\"2014\">10</baseline><value year=\"2018\">%d</value>" \
	       "<target year=\"2019\">100</target><responsible department=\"d\"/></kpi>\n", id, name, actual
}
BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<strategy xmlns=\"urn:x-kpic:strategy:1\" xml:lang=\"ja\">"
	print "<meta><municipality>合成市</municipality><title>合成市総合戦略</title><edition>1</edition>" \
	      "<period start=\"2015\" end=\"2019\" baseline=\"2014\"/><as-of>2019-04-01</as-of>" \
	      "<evaluation threshold=\"80\"/></meta>"
	print "<departments><department id=\"d\">企画課</department></departments>"
	print "<goals>"
	goals = 10; per = 10; k = 0
	for (g = 1; g <= goals; g++) {
		printf "<goal id=\"g%d\" number=\"%d\"><title>目標%d</title>\n", g, g, g
		for (m = 1; m <= n / goals / per; m++) {
			printf "<measure id=\"g%d-m%d\"><title>施策%d-%d</title>\n", g, m, g, m
			for (i = 0; i < per; i++) {
				k++
				if (side == "new" && k % 1000 == 7)
					continue
				id = (side == "new" && k % 500 == 3) ? "r" k : "k" k
				kpi(id, "指標" k, side == "new" && k % 100 == 1 ? 50 : 90)
				if (side == "new" && k % 1000 == 500)
					kpi("x" k, "新指標" k, 90)
			}
			print "</measure>"
		}
		print "</goal>"
	}
	print "</goals>"
	print "</strategy>"
}

<?xml version="1.0" encoding="UTF-8"?>
<!--
  draft.xsl - the next period's strategy draft (第N期 素案), a new kpic source.

  Input: kpic's enriched XML of the evaluated source (the source plus r:*
  results).  Output: a source in the same namespace that `kpic check` accepts
  with only draft-placeholder warnings.  Parameters, decided by kpic:
    edition   the new period's number (the source's edition + 1)
    start, end, baseline   the new period and its baseline year (基準値の年度)

  What the draft carries and adds (README, "kpic draft", says the same):
  - meta: same municipality, title, threshold and rules; the new edition and
    period; <status>draft</status>.  Departments and the population vision as
    they are.  Grants and published figures are not carried: they belong to
    the period that is over.  <decision>s stay with the transcription.
  - goals: the same goals, each with the viewpoints section ④ adds to it
    (<viewpoint>, and a measure with a placeholder where its 施策 and KPI are
    to be written) and the 重点課題 that serve it (<priority goals="…">).
  - KPIs: every KPI with its id, name, unit, notation, direction, series,
    survey, publication, method, 担当課 and notes.  The new baseline is the
    series' latest actual and its year (no actual: the old baseline stays and
    a placeholder asks for one).  <history> keeps the result of this period.
  - targets, by this rule:
      met KPIs: per series, the old target if it is better than the latest
        actual (above it; below it for direction="lower"), else the latest
        actual; a series without actual keeps its old target;
      KPIs below the threshold: <review>要見直し（第1期達成率 …）</review>, an
        empty target and a placeholder for="target" to decide it.
  - the document: 「第N期{municipality}まち・ひと・しごと創生総合戦略（素案）」 with
    the purpose, period, viewpoints, 重点課題 and the list of KPIs to review,
    and placeholders for what staff must write.  Counts are <count>s.
  Numbers are compared by k:compare (exact decimals), never by XPath.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="urn:x-kpic:strategy:1"
    xmlns:s="urn:x-kpic:strategy:1"
    xmlns:r="urn:x-kpic:result:1"
    xmlns:k="urn:x-kpic:fn"
    exclude-result-prefixes="s r k">

  <!-- The keys and texts the document stylesheets share (the 担当課 of a KPI). -->
  <xsl:include href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="s:p s:item s:cell s:note s:em s:title s:caption s:meeting s:priority s:heading s:add s:name s:activity s:method s:survey s:publication s:unit s:department"/>

  <xsl:param name="edition"/>
  <xsl:param name="start"/>
  <xsl:param name="end"/>
  <xsl:param name="baseline"/>
  <!-- the href of the draft's kpic.rng (kpic draft passes the schema it read) -->
  <xsl:param name="schema"/>

  <xsl:variable name="NS">urn:x-kpic:strategy:1</xsl:variable>
  <xsl:variable name="meta" select="/s:strategy/s:meta"/>
  <xsl:variable name="old-edition" select="normalize-space($meta/s:edition)"/>
  <xsl:variable name="period-name" select="concat('第', $old-edition, '期')"/>
  <xsl:variable name="viewpoints" select="/s:strategy/s:document//s:viewpoints/s:viewpoint"/>
  <xsl:variable name="priorities" select="/s:strategy/s:document//s:priorities/s:priority"/>

  <!-- ================================================================ root -->
  <xsl:template match="/s:strategy">
    <!-- So that a RELAX NG aware editor checks and completes the draft. -->
    <xsl:if test="$schema != ''">
      <xsl:processing-instruction name="xml-model">
        <xsl:text>href="</xsl:text><xsl:value-of select="$schema"/>
        <xsl:text>" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"</xsl:text>
      </xsl:processing-instruction>
    </xsl:if>
    <xsl:comment>
      <xsl:text> 第</xsl:text><xsl:value-of select="$edition"/>
      <xsl:text>期 素案 (draft), written by `kpic draft` (</xsl:text>
      <xsl:value-of select="r:summary/@r:generator"/>
      <xsl:text>) from the evaluated </xsl:text>
      <xsl:value-of select="$period-name"/>
      <xsl:text> source.  Every &lt;placeholder&gt; is something staff must still write or decide; `kpic check -Werror` fails until none is left. </xsl:text>
    </xsl:comment>
    <strategy>
      <xsl:copy-of select="@xml:lang"/>
      <meta>
        <xsl:apply-templates select="$meta/s:municipality | $meta/s:title" mode="copy"/>
        <edition><xsl:value-of select="$edition"/></edition>
        <period start="{$start}" end="{$end}" baseline="{$baseline}"><xsl:copy-of select="$meta/s:period/@era"/></period>
        <xsl:apply-templates select="$meta/s:as-of | $meta/s:evaluation | $meta/s:levels | $meta/s:tag" mode="copy"/>
        <status>draft</status>
      </meta>
      <xsl:apply-templates select="s:departments | s:references | s:vision" mode="copy"/>
      <goals>
        <xsl:apply-templates select="s:goals/s:goal"/>
      </goals>
      <xsl:call-template name="document"/>
    </strategy>
  </xsl:template>

  <!-- ============================================================= copying -->
  <!-- A copy in the strategy namespace without kpic's results (r:*), without
       the transcription's <decision>s, and without namespace nodes. -->
  <xsl:template match="*" mode="copy">
    <xsl:element name="{local-name()}" namespace="{$NS}">
      <xsl:copy-of select="@*[namespace-uri() = '']"/>
      <xsl:apply-templates mode="copy"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="r:* | s:decision" mode="copy"/>

  <!-- Inline content as plain text, with kpic's computed texts. -->
  <xsl:template match="s:count" mode="plain"><xsl:value-of select="@r:value"/></xsl:template>
  <xsl:template match="s:threshold | s:value | s:era | s:date" mode="plain"><xsl:value-of select="@r:text"/></xsl:template>
  <xsl:template match="r:*" mode="plain"/>

  <!-- ========================================================= goals -->
  <!-- A goal keeps the viewpoints and 重点課題 it already has (a draft of a
       draft) and gets those of the narrative it does not have yet. -->
  <xsl:template match="s:goal">
    <xsl:variable name="gid" select="@id"/>
    <xsl:variable name="own-viewpoints" select="s:viewpoint"/>
    <xsl:variable name="own-priorities" select="s:priority"/>
    <xsl:variable name="adds" select="$viewpoints[@goal = $gid]/s:add[not($own-viewpoints = .)]"/>
    <goal id="{@id}" number="{@number}">
      <xsl:apply-templates select="s:title | s:viewpoint" mode="copy"/>
      <xsl:for-each select="$adds">
        <viewpoint><xsl:apply-templates mode="copy"/></viewpoint>
      </xsl:for-each>
      <xsl:apply-templates select="s:priority" mode="copy"/>
      <xsl:for-each select="$priorities[contains(concat(' ', normalize-space(@goals), ' '), concat(' ', $gid, ' '))]
                                       [not($own-priorities = .)]">
        <priority number="{@number}" goals="{normalize-space(@goals)}"><xsl:apply-templates mode="copy"/></priority>
      </xsl:for-each>
      <xsl:apply-templates select="s:kpi | s:repost | s:policy | s:direction | s:measure | s:project"/>
      <xsl:for-each select="$adds">
        <measure id="{$gid}-vp{count($own-viewpoints) + position()}">
          <title>
            <xsl:text>新たな視点：</xsl:text>
            <xsl:apply-templates mode="plain"/>
          </title>
          <placeholder for="measure">
            <xsl:text>この観点（</xsl:text>
            <xsl:apply-templates mode="plain"/>
            <xsl:text>）に基づく具体的な施策とKPIを書く</xsl:text>
          </placeholder>
        </measure>
      </xsl:for-each>
    </goal>
  </xsl:template>

  <xsl:template match="s:policy | s:direction | s:measure | s:project">
    <xsl:element name="{local-name()}" namespace="{$NS}">
      <xsl:copy-of select="@*[namespace-uri() = '']"/>
      <xsl:apply-templates select="s:title" mode="copy"/>
      <xsl:apply-templates select="s:placeholder" mode="copy"/>
      <xsl:apply-templates select="s:kpi | s:repost | s:policy | s:direction | s:measure | s:project"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="s:repost">
    <xsl:apply-templates select="." mode="copy"/>
  </xsl:template>

  <!-- ========================================================= KPIs -->
  <!-- What met (or not met) was in the old period: 達成率<threshold/>%以上
       (未満) where the primary scale counts as met from a cut at or above a
       rate; else the labels of its achieved (or other) grades, in 「」, since
       <threshold/> has no rate to print then (rule threshold-without-cut). -->
  <xsl:template name="draft-met">
    <xsl:param name="met"/>
    <xsl:variable name="ev" select="$meta/s:evaluation"/>
    <xsl:variable name="rs" select="$summary/r:scale[@r:primary = 'yes']"/>
    <xsl:variable name="last" select="$rs/r:grade[@r:achieved = 'yes'][last()]/@r:id"/>
    <xsl:variable name="ss" select="$ev/s:scale[@id = $rs/@r:id]"/>
    <xsl:choose>
      <xsl:when test="$ev/@threshold or not($rs) or $ss/s:grade[@id = $last]/s:cut[not(@from = 'above')]">
        <xsl:text>達成率</xsl:text><threshold/>
        <xsl:choose><xsl:when test="$met">%以上</xsl:when><xsl:otherwise>%未満</xsl:otherwise></xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>「</xsl:text>
        <xsl:for-each select="$rs/r:grade[(@r:achieved = 'yes') = $met]">
          <xsl:if test="position() > 1">・</xsl:if>
          <xsl:value-of select="@r:label"/>
        </xsl:for-each>
        <xsl:text>」</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="s:kpi">
    <xsl:variable name="res" select="r:result"/>
    <!-- a rate-only document judged nothing: no KPI is marked for review,
         each keeps the better of its target and its latest actual -->
    <xsl:variable name="met" select="$res/@r:met = 'yes' or $rate-only"/>
    <xsl:variable name="kpi" select="."/>
    <kpi>
      <xsl:copy-of select="@*[namespace-uri() = '']"/>
      <xsl:apply-templates select="s:name | s:unit | s:notation" mode="copy"/>
      <!-- a cumulative KPI sums over the next period -->
      <xsl:if test="@cumulative = 'yes'"><span from="{$start}" to="{$end}"/></xsl:if>
      <xsl:choose>
        <xsl:when test="s:series">
          <xsl:for-each select="s:series">
            <xsl:variable name="i" select="position()"/>
            <series>
              <xsl:copy-of select="@*[namespace-uri() = '']"/>
              <xsl:apply-templates select="s:unit | s:notation" mode="copy"/>
              <xsl:call-template name="values">
                <xsl:with-param name="kpi" select="$kpi"/>
                <xsl:with-param name="rs" select="$res/r:series[$i]"/>
                <xsl:with-param name="met" select="$met"/>
              </xsl:call-template>
            </series>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="values">
            <xsl:with-param name="kpi" select="$kpi"/>
            <xsl:with-param name="rs" select="$res/r:series[1]"/>
            <xsl:with-param name="met" select="$met"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="s:survey | s:publication | s:method | s:responsible | s:note" mode="copy"/>
      <xsl:apply-templates select="s:history" mode="copy"/>
      <history edition="{$old-edition}">
        <xsl:if test="$res/@r:met"><xsl:attribute name="met"><xsl:value-of select="$res/@r:met"/></xsl:attribute></xsl:if>
        <xsl:if test="$res/@r:rate-text">
          <xsl:attribute name="rate"><xsl:value-of select="translate($res/@r:rate-text, '△%,', '-')"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="s:override">
          <xsl:attribute name="override">yes</xsl:attribute>
        </xsl:if>
      </history>
      <xsl:if test="not($met)">
        <review>
          <xsl:text>要見直し（</xsl:text>
          <xsl:value-of select="$period-name"/>
          <xsl:choose>
            <xsl:when test="$res/@r:rate-text">
              <xsl:text>達成率 </xsl:text><xsl:value-of select="$res/@r:rate-text"/>
            </xsl:when>
            <xsl:otherwise>は実績がなく達成率を算定できない</xsl:otherwise>
          </xsl:choose>
          <xsl:text>）</xsl:text>
        </review>
        <placeholder for="target">
          <xsl:text>第</xsl:text><xsl:value-of select="$edition"/>
          <xsl:text>期の目標値を決める（</xsl:text>
          <xsl:value-of select="$period-name"/>
          <xsl:text>：</xsl:text>
          <xsl:for-each select="s:series | self::s:kpi[not(s:series)]">
            <xsl:variable name="i" select="position()"/>
            <xsl:if test="$i > 1">／</xsl:if>
            <xsl:if test="@label"><xsl:value-of select="@label"/><xsl:text> </xsl:text></xsl:if>
            <xsl:call-template name="old-result">
              <xsl:with-param name="rs" select="$res/r:series[$i]"/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:if test="$res/@r:rate-text">
            <xsl:text>、達成率 </xsl:text><xsl:value-of select="$res/@r:rate-text"/>
          </xsl:if>
          <xsl:text>）</xsl:text>
        </placeholder>
      </xsl:if>
      <xsl:for-each select="s:series | self::s:kpi[not(s:series)]">
        <xsl:variable name="i" select="position()"/>
        <xsl:if test="not($res/r:series[$i]/@r:latest-year)">
          <placeholder for="baseline">
            <xsl:if test="@label"><xsl:value-of select="@label"/><xsl:text>の</xsl:text></xsl:if>
            <xsl:text>基準値を決める（</xsl:text>
            <xsl:value-of select="$period-name"/>
            <xsl:text>に実績がないため、</xsl:text>
            <xsl:value-of select="$period-name"/>
            <xsl:text>の基準値 </xsl:text>
            <xsl:value-of select="s:baseline/@r:era"/><xsl:text> </xsl:text>
            <xsl:value-of select="s:baseline/@r:text"/>
            <xsl:text> を仮に置いた）</xsl:text>
          </placeholder>
        </xsl:if>
      </xsl:for-each>
    </kpi>
  </xsl:template>

  <!-- "目標値 9,000人、最新実績 1,006人（H30）" for a series (or a KPI without series). -->
  <xsl:template name="old-result">
    <xsl:param name="rs"/>
    <xsl:text>目標値 </xsl:text><xsl:value-of select="s:target/@r:text"/>
    <xsl:text>、最新実績 </xsl:text>
    <xsl:choose>
      <xsl:when test="$rs/@r:latest-year">
        <xsl:value-of select="$rs/@r:latest-text"/>
        <xsl:text>（</xsl:text><xsl:value-of select="k:era($rs/@r:latest-year)"/><xsl:text>）</xsl:text>
      </xsl:when>
      <xsl:otherwise>なし</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The baseline and target of one series; the context is the <series>, or
       the <kpi> for a KPI without series.  rs: its r:series result. -->
  <xsl:template name="values">
    <xsl:param name="kpi"/>
    <xsl:param name="rs"/>
    <xsl:param name="met"/>
    <xsl:variable name="latest" select="s:value[@year = $rs/@r:latest-year]"/>
    <xsl:variable name="old" select="s:target[normalize-space() != '']"/>
    <xsl:choose>
      <xsl:when test="$latest">
        <baseline year="{$latest/@year}">
          <xsl:copy-of select="$latest/@from | $latest/@label | $latest/@status[. = 'provisional']"/>
          <xsl:if test="$latest/@year != $baseline">
            <xsl:attribute name="note"><xsl:value-of select="$period-name"/>の最新実績</xsl:attribute>
          </xsl:if>
          <xsl:value-of select="normalize-space($latest)"/>
        </baseline>
      </xsl:when>
      <xsl:otherwise>
        <baseline>
          <xsl:copy-of select="s:baseline/@*[namespace-uri() = '']"/>
          <xsl:if test="not(s:baseline/@note)">
            <xsl:attribute name="note"><xsl:value-of select="$period-name"/>の基準値（<xsl:value-of select="$period-name"/>に実績なし）</xsl:attribute>
          </xsl:if>
          <xsl:value-of select="normalize-space(s:baseline)"/>
        </baseline>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <!-- a relative target without a figure (維持, 全国平均を上回る…) stands
           for the next period; 以上 and 以下 keep their relation -->
      <xsl:when test="s:target/@relation and normalize-space(s:target) = ''">
        <target year="{$end}">
          <xsl:copy-of select="s:target/@relation | s:target/@reference"/>
          <xsl:value-of select="normalize-space(s:target)"/>
        </target>
      </xsl:when>
      <xsl:when test="not($met)">
        <target year="{$end}"/>
      </xsl:when>
      <xsl:when test="$latest and $old">
        <xsl:variable name="cmp" select="k:compare(normalize-space($old), normalize-space($latest))"/>
        <xsl:choose>
          <xsl:when test="($kpi/@direction = 'lower' and $cmp &lt; 0) or ($kpi/@direction != 'lower' and $cmp > 0)">
            <xsl:call-template name="old-target"><xsl:with-param name="old" select="$old"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <target year="{$end}">
              <xsl:copy-of select="$latest/@label | s:target/@relation"/>
              <xsl:value-of select="normalize-space($latest)"/>
            </target>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="old-target"><xsl:with-param name="old" select="$old"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="old-target">
    <xsl:param name="old"/>
    <target year="{$end}">
      <xsl:copy-of select="$old/@status | $old/@label | $old/@relation"/>
      <xsl:value-of select="normalize-space($old)"/>
    </target>
  </xsl:template>

  <!-- ======================================================== document -->
  <xsl:template name="document">
    <xsl:variable name="next" select="concat('第', $edition, '期')"/>
    <document>
      <title>
        <xsl:value-of select="$next"/>
        <xsl:value-of select="$meta/s:municipality"/>
        <xsl:text>まち・ひと・しごと創生総合戦略（素案）</xsl:text>
      </title>

      <section id="draft-purpose" label="1">
        <title>趣旨</title>
        <p>
          <xsl:text>この素案は、</xsl:text>
          <xsl:value-of select="$period-name"/>
          <xsl:text>「</xsl:text><xsl:value-of select="$meta/s:title"/>
          <xsl:text>」の検証（</xsl:text><date value="{normalize-space($meta/s:as-of)}"/>
          <xsl:text>現在のデータ）から作成した、</xsl:text>
          <xsl:value-of select="$next"/>
          <xsl:text>総合戦略の出発点である。KPIの定義、基準値、目標値の案と見直しが必要な点を示す。</xsl:text>
        </p>
        <placeholder for="text">
          <xsl:value-of select="$next"/>
          <xsl:text>総合戦略の趣旨（策定の背景、</xsl:text>
          <xsl:value-of select="$period-name"/>
          <xsl:text>から引き継ぐことと変えること）を書く</xsl:text>
        </placeholder>
      </section>

      <section id="draft-period" label="2">
        <title>計画期間と基準値</title>
        <p>
          <xsl:text>計画期間は</xsl:text><era year="{$start}" form="long"/>
          <xsl:text>年度から</xsl:text><era year="{$end}" form="long"/>
          <xsl:text>年度までとする。KPIの基準値は</xsl:text>
          <xsl:value-of select="$period-name"/>
          <xsl:text>の最新の実績値（</xsl:text><era year="{$baseline}"/>
          <xsl:text>年度の値がないものはその前の最新の値）とし、目標値は</xsl:text>
          <era year="{$end}"/>
          <xsl:text>年度の値とする。</xsl:text>
        </p>
      </section>

      <xsl:if test="s:vision">
        <section id="draft-vision" label="3">
          <title>人口ビジョン</title>
          <p>
            <xsl:value-of select="$period-name"/>
            <xsl:text>の人口ビジョンを引き継ぐ。</xsl:text>
          </p>
          <placeholder for="text">人口ビジョンの時点修正の要否とその理由を書く</placeholder>
        </section>
      </xsl:if>

      <section id="draft-goals" label="{3 + count(s:vision)}">
        <title>基本目標と新たな視点</title>
        <p>
          <xsl:value-of select="$period-name"/>
          <xsl:text>の</xsl:text><count what="goals"/>
          <xsl:text>つの基本目標を維持し、検証で示された観点を各基本目標に加える。各基本目標には、その観点に基づく施策を書く欄を設けた。</xsl:text>
        </p>
        <xsl:choose>
          <xsl:when test="$viewpoints">
            <viewpoints>
              <xsl:apply-templates select="$viewpoints" mode="copy"/>
            </viewpoints>
          </xsl:when>
          <xsl:otherwise>
            <placeholder for="text">各基本目標に加える観点を書く</placeholder>
          </xsl:otherwise>
        </xsl:choose>
      </section>

      <section id="draft-priorities" label="{4 + count(s:vision)}">
        <title>重点課題</title>
        <xsl:choose>
          <xsl:when test="$priorities">
            <p>
              <xsl:value-of select="$period-name"/>
              <xsl:text>の検証で重点的に取り組むべきとされた課題。各課題は、関連する基本目標の下にも掲げる。</xsl:text>
            </p>
            <priorities id="draft-priority-list">
              <xsl:apply-templates select="$priorities" mode="copy"/>
            </priorities>
            <xsl:for-each select="$priorities[normalize-space(@goals) = '']">
              <placeholder for="text">
                <xsl:text>重点課題</xsl:text><xsl:value-of select="@number"/>
                <xsl:text>が関連する基本目標を決める</xsl:text>
              </placeholder>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <placeholder for="text">重点課題を書く</placeholder>
          </xsl:otherwise>
        </xsl:choose>
      </section>

      <section id="draft-review" label="{5 + count(s:vision)}">
        <title>KPIの見直し</title>
        <p>
          <xsl:value-of select="$period-name"/>
          <xsl:text>のKPI </xsl:text><count/>
          <xsl:text>件（基本目標に係るもの</xsl:text><count level="goal"/>
          <xsl:text>件、各施策に係るもの</xsl:text><count level="measure"/>
          <xsl:text>件）をすべて引き継ぐ。</xsl:text>
        </p>
        <xsl:if test="not($rate-only)">
        <p>
          <xsl:value-of select="$period-name"/>
          <xsl:text>に</xsl:text><xsl:call-template name="draft-met"><xsl:with-param name="met" select="true()"/></xsl:call-template>
          <xsl:text>だったKPI </xsl:text><count review="no"/>
          <xsl:text>件は、</xsl:text>
          <xsl:value-of select="$period-name"/>
          <xsl:text>の目標値が最新の実績値より良い水準であれば</xsl:text>
          <xsl:value-of select="$period-name"/>
          <xsl:text>の目標値を、そうでなければ最新の実績値を目標値の案とした。</xsl:text>
        </p>
        <p>
          <xsl:call-template name="draft-met"><xsl:with-param name="met" select="false()"/></xsl:call-template>
          <xsl:text>だったKPI </xsl:text><count review="yes"/>
          <xsl:text>件（基本目標に係るもの</xsl:text><count review="yes" level="goal"/>
          <xsl:text>件、各施策に係るもの</xsl:text><count review="yes" level="measure"/>
          <xsl:text>件）は「要見直し」とし、検証が求めるとおりKPIの設定方法を含めて見直したうえで目標値を決める。</xsl:text>
        </p>
        </xsl:if>
        <xsl:variable name="review" select="s:goals//s:kpi[r:result/@r:met != 'yes']"/>
        <xsl:if test="$review">
          <table id="draft-review-list">
            <caption>
              <xsl:text>要見直しのKPI（</xsl:text>
              <xsl:value-of select="$period-name"/>
              <xsl:text>の結果）</xsl:text>
            </caption>
            <row header="yes">
              <cell>KPI</cell><cell>基本目標</cell><cell>目標値</cell><cell>最新の実績値</cell><cell>達成率</cell><cell>担当課</cell>
            </row>
            <xsl:for-each select="$review">
              <xsl:call-template name="review-row"/>
            </xsl:for-each>
          </table>
        </xsl:if>
        <placeholder for="text">要見直しのKPIごとに、見直しの方針（目標値の水準、指標の変更や廃止）を書く</placeholder>
      </section>
    </document>
  </xsl:template>

  <xsl:template name="review-row">
    <xsl:variable name="res" select="r:result"/>
    <row>
      <cell><xsl:value-of select="s:name"/></cell>
      <cell>
        <xsl:text>基本目標</xsl:text><xsl:value-of select="ancestor::s:goal/@number"/>
        <xsl:if test="parent::s:goal">（数値目標）</xsl:if>
      </cell>
      <cell>
        <xsl:for-each select="s:series | self::s:kpi[not(s:series)]">
          <xsl:if test="position() > 1">／</xsl:if>
          <xsl:if test="@label"><xsl:value-of select="@label"/><xsl:text> </xsl:text></xsl:if>
          <xsl:value-of select="s:target/@r:text"/>
        </xsl:for-each>
      </cell>
      <cell>
        <xsl:for-each select="s:series | self::s:kpi[not(s:series)]">
          <xsl:variable name="i" select="position()"/>
          <xsl:if test="$i > 1">／</xsl:if>
          <xsl:if test="@label"><xsl:value-of select="@label"/><xsl:text> </xsl:text></xsl:if>
          <xsl:call-template name="latest-cell">
            <xsl:with-param name="rs" select="$res/r:series[$i]"/>
          </xsl:call-template>
        </xsl:for-each>
      </cell>
      <cell>
        <xsl:value-of select="$res/@r:rate-text"/>
        <xsl:if test="not($res/@r:rate-text)">—</xsl:if>
      </cell>
      <cell>
        <xsl:call-template name="responsible"/>
      </cell>
    </row>
  </xsl:template>

  <xsl:template match="s:responsible" mode="separator">、</xsl:template>

  <xsl:template name="latest-cell">
    <xsl:param name="rs"/>
    <xsl:choose>
      <xsl:when test="$rs/@r:latest-year">
        <xsl:value-of select="$rs/@r:latest-text"/>
        <xsl:text>（</xsl:text><era year="{$rs/@r:latest-year}"/><xsl:text>）</xsl:text>
      </xsl:when>
      <xsl:otherwise>なし</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl - what the document stylesheets share, included by each of them
  (xsl:include): kensho.xsl (HTML) and kensho-layout.xsl (print) for the
  verification document, shinkyu.xsl and shinkyu-layout.xsl for the 新旧対照表,
  draft.xsl for the next period's draft.

  Here: the keys and global variables, the texts (value texts, footnote
  numbers and texts, column heads, counts, judgements), which rows a heading
  cell spans, which KPIs a 担当課 has, and the order of a KPI row's cells.
  Never an element of an output format: where a shared template produces one,
  it applies a template in a mode that each including stylesheet defines for
  its own format (HTML elements, or the layout vocabulary):
    mode="row"           (s:kpi, s:goal/s:kpi, s:repost, a heading without
                         KPIs) a row of a goal's KPI table (kpi-rows)
    mode="link"          (any element; params to, content) a link to #to
    mode="footnote-ref"  (a footnote's item; param n) its reference mark
    mode="footnotes"     (s:goal; param items) the goal's list of footnotes
    mode="heading-cell"  (s:policy, s:direction, s:measure, s:project; param rowspan)
    mode="skip-level"    (a row) the empty cell of a level the hierarchy skips
    mode="name-cell"     (s:kpi) the KPI's name cell
    mode="value-cell"    (s:kpi; param col) one year's cell
    mode="cell"          (s:kpi; params kind, content) the rate, mark, survey,
                         publication, method and 担当課 cells
    mode="separator"     (s:responsible) between two 担当課 of a KPI
    mode="count-cell"    (r:grade, r:state of the summary; params tally,
                         class) one count of a per-grade column
    mode="department"    (r:department) a row of the 担当課 table
    mode="department-kpi" (s:kpi; param pos) one KPI of a 担当課's list
    mode="era", mode="value-text"  (d:before, d:after) a changed value's
                         year and text, for mode="value" (新旧対照表)
  A stylesheet that includes this one must not define these named templates,
  keys or global variables again (kpic's tests check that no named template
  is defined twice).  Its default-mode templates (s:count, s:decision...)
  serve the narrative of kensho*.xsl; draft.xsl applies its own modes.
  Like the stylesheets that include it, this one knows nothing of points and
  pages, and never computes a number: every figure is an r:* attribute or a
  k:* function.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:x-kpic:strategy:1"
    xmlns:r="urn:x-kpic:result:1"
    xmlns:k="urn:x-kpic:fn"
    xmlns:d="urn:x-kpic:diff:1"
    exclude-result-prefixes="s r k d">

  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="s:p s:item s:cell s:note s:em s:title s:caption s:meeting s:priority s:heading s:add s:name s:activity"/>

  <!-- The page's CSS, passed by kpic to every document stylesheet (unused in print). -->
  <xsl:param name="css"/>

  <!-- A grade's id is its scale's own, not the document's. -->
  <xsl:key name="id" match="*[@id][not(self::s:grade)]" use="@id"/>
  <xsl:key name="dept" match="s:department" use="@id"/>
  <!-- A 担当課's KPIs, and a goal's counts: looked up, never scanned for each
       department or goal, which grew with departments × KPIs and goals². -->
  <xsl:key name="department-kpis" match="s:goals//s:kpi" use="s:responsible/@department"/>
  <xsl:key name="goal-counts" match="r:summary/r:goal" use="@r:ref"/>
  <!-- The rows of the KPI tables (a KPI, a 再掲, a heading without KPIs) under each
       heading, by level: a heading's cell finds its rows here instead of walking
       its subtree again for every row, which grew with the square of its KPIs. -->
  <xsl:key name="rows-policy" use="generate-id(ancestor-or-self::s:policy[1])"
      match="s:kpi | s:repost
             | s:policy[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:direction[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:measure[not(s:policy or s:direction or s:measure or s:project or s:kpi or s:repost)]
             | s:project[not(s:kpi or s:repost)]"/>
  <xsl:key name="rows-direction" use="generate-id(ancestor-or-self::s:direction[1])"
      match="s:kpi | s:repost
             | s:policy[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:direction[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:measure[not(s:policy or s:direction or s:measure or s:project or s:kpi or s:repost)]
             | s:project[not(s:kpi or s:repost)]"/>
  <xsl:key name="rows-measure" use="generate-id(ancestor-or-self::s:measure[1])"
      match="s:kpi | s:repost
             | s:policy[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:direction[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:measure[not(s:policy or s:direction or s:measure or s:project or s:kpi or s:repost)]
             | s:project[not(s:kpi or s:repost)]"/>

  <xsl:variable name="root" select="/s:strategy"/>
  <xsl:variable name="summary" select="/s:strategy/r:summary"/>
  <xsl:variable name="cols" select="$summary/r:columns/r:year"/>
  <!-- The primary grade scale (kpic writes it, threshold="80" included). -->
  <xsl:variable name="scale" select="$summary/r:scale[@r:primary = 'yes']"/>
  <!-- A rate-only document (an <evaluation> without a scale): rates and
       states, no grade, nothing counted as met. -->
  <xsl:variable name="rate-only" select="not($summary/r:scale)"/>
  <!-- The KPI tables' 判定 column: grades, or in a rate-only document the
       states, when a KPI is in one. -->
  <xsl:variable name="mark-column" select="not($rate-only) or boolean($summary/r:totals/r:all/r:state[@r:count > 0])"/>
  <!-- A next period's draft (kpic draft): no yearly values yet, placeholders to fill. -->
  <xsl:variable name="draft" select="/s:strategy/s:meta/s:status = 'draft'"/>
  <!-- Appendices are numbered by what the document has: 付録1 the KPIs, then
       the grant tables where there are any, then the 担当課. -->
  <xsl:variable name="departments-appendix" select="2 + count(/s:strategy/s:grants[1])"/>
  <!-- The labels of the grades that count as met (80%以上; 目標値以上・目標値と同等). -->
  <xsl:variable name="met-label" select="$scale/@r:met-label"/>
  <!-- What the rate is computed against (rate-against on <evaluation>). -->
  <xsl:variable name="rate-against" select="/s:strategy/s:meta/s:evaluation/@rate-against"/>
  <!-- The heading columns of the KPI tables: 基本方針, 基本的な方向性,
       具体的な施策, and 事業 where the source has a <project>. -->
  <xsl:variable name="has-projects" select="boolean(/s:strategy/s:goals/s:goal//s:project)"/>
  <xsl:variable name="heading-cols" select="3 + number($has-projects)"/>
  <!-- Columns of an appendix KPI table: the headings, item, years, rate, mark, 4 texts. -->
  <xsl:variable name="ncols" select="6 + number($mark-column) + $heading-cols + count($cols) + count($summary/r:previous) + count($text-columns)"/>
  <!-- The free-text columns of the KPI tables (要因分析, 課題, 今後の取組). -->
  <xsl:variable name="text-columns" select="/s:strategy/s:meta/s:text-columns/s:column"/>
  <!-- The names of the hierarchy's levels (<meta><levels>), kpic's own where
       the source declares none: headings, table heads, counts and legends
       print these, never a name of their own.  In kpic diff's XML (the
       新旧対照表), the new version's, which its <source side="after"> holds. -->
  <xsl:variable name="levels" select="/s:strategy/s:meta/s:levels/s:level | /d:diff/d:source[@side = 'after']/d:level"/>
  <xsl:variable name="level-goal">
    <xsl:call-template name="level-name"><xsl:with-param name="of">goal</xsl:with-param><xsl:with-param name="default">基本目標</xsl:with-param></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="level-policy">
    <xsl:call-template name="level-name"><xsl:with-param name="of">policy</xsl:with-param><xsl:with-param name="default">基本方針</xsl:with-param></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="level-direction">
    <xsl:call-template name="level-name"><xsl:with-param name="of">direction</xsl:with-param><xsl:with-param name="default">基本的な方向性</xsl:with-param></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="level-measure">
    <xsl:call-template name="level-name"><xsl:with-param name="of">measure</xsl:with-param><xsl:with-param name="default">具体的な施策</xsl:with-param></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="level-project">
    <xsl:call-template name="level-name"><xsl:with-param name="of">project</xsl:with-param><xsl:with-param name="default">事業</xsl:with-param></xsl:call-template>
  </xsl:variable>
  <!-- 各施策のKPI: every KPI below a goal, by the measure level's short name. -->
  <xsl:variable name="level-measure-short">
    <xsl:variable name="l" select="$levels[@of = 'measure'][1]"/>
    <xsl:choose>
      <xsl:when test="$l/@short"><xsl:value-of select="$l/@short"/></xsl:when>
      <xsl:when test="$l"><xsl:value-of select="$l/@name"/></xsl:when>
      <xsl:otherwise>施策</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:template name="level-name">
    <xsl:param name="of"/>
    <xsl:param name="default"/>
    <xsl:variable name="l" select="$levels[@of = $of][1]"/>
    <xsl:choose>
      <xsl:when test="$l"><xsl:value-of select="$l/@name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$default"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:variable name="grants-title">地方創生関係交付金事業</xsl:variable>

  <!-- ================================================================ inline -->
  <!-- Transcription notes are kept with the data, never printed. -->
  <xsl:template match="s:decision"/>
  <xsl:template match="s:count"><xsl:value-of select="@r:value"/></xsl:template>
  <xsl:template match="s:threshold | s:value | s:era | s:date"><xsl:value-of select="@r:text"/></xsl:template>

  <!-- "g1 g2" -> links 基本目標1、基本目標2 -->
  <xsl:template name="goal-links">
    <xsl:param name="ids"/>
    <xsl:variable name="first" select="substring-before(concat($ids, ' '), ' ')"/>
    <xsl:variable name="rest" select="substring-after($ids, ' ')"/>
    <xsl:if test="$first != ''">
      <xsl:apply-templates select="." mode="link">
        <xsl:with-param name="to" select="concat('goal-', $first)"/>
        <xsl:with-param name="content"><xsl:value-of select="$level-goal"/><xsl:value-of select="key('id', $first)/@number"/></xsl:with-param>
      </xsl:apply-templates>
      <xsl:if test="$rest != ''">
        <xsl:text>、</xsl:text>
        <xsl:call-template name="goal-links"><xsl:with-param name="ids" select="$rest"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A grant's 関連 (s:serves): a goal, a KPI or a heading, linked. -->
  <xsl:template name="serves-link">
    <xsl:variable name="t" select="key('id', @ref)"/>
    <xsl:choose>
      <xsl:when test="$t/self::s:goal">
        <xsl:text>○</xsl:text>
        <xsl:apply-templates select="." mode="link">
          <xsl:with-param name="to" select="concat('goal-', @ref)"/>
          <xsl:with-param name="content"><xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="$t/s:title"/></xsl:if></xsl:with-param>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:when test="$t/self::s:kpi">
        <xsl:text>・</xsl:text>
        <xsl:apply-templates select="." mode="link">
          <xsl:with-param name="to" select="concat('kpi-', @ref)"/>
          <xsl:with-param name="content"><xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="$t/s:name"/></xsl:if></xsl:with-param>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>・</xsl:text>
        <xsl:apply-templates select="." mode="link">
          <xsl:with-param name="to" select="concat('h-', @ref)"/>
          <xsl:with-param name="content"><xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="$t/s:title"/></xsl:if></xsl:with-param>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The KPIs that count as met, as a sentence names them: 達成率80%以上
       where met ends at a cut on the rate (r:threshold), else by their
       grades, 評価が「目標値以上」「目標値と同等」. -->
  <xsl:template name="met-phrase">
    <xsl:choose>
      <xsl:when test="$scale/@r:threshold">達成率<xsl:value-of select="$scale/@r:threshold"/>%以上</xsl:when>
      <xsl:otherwise>
        <xsl:text>評価が</xsl:text>
        <xsl:for-each select="$scale/r:grade[@r:achieved = 'yes']">「<xsl:value-of select="@r:label"/>」</xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ======================================================= 付録1 KPI一覧 -->
  <!-- The appendix's first paragraph: the KPI totals and how they are judged. -->
  <xsl:template name="kpi-totals">
    <xsl:choose>
      <!-- A draft has no yearly values yet: its tables show baselines and targets,
           without achievement counts. -->
      <xsl:when test="$draft">
        <xsl:text>KPIは全</xsl:text>
        <xsl:value-of select="$summary/r:totals/r:all/@r:total"/>
        <xsl:text>件。素案のため実績値はまだなく、基準値と目標値（案）を示す。</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>KPIは全</xsl:text>
        <xsl:value-of select="$summary/r:totals/r:all/@r:total"/>
        <xsl:text>件（</xsl:text><xsl:value-of select="$level-goal"/><xsl:text>に係るもの</xsl:text>
        <xsl:value-of select="$summary/r:totals/r:goal-level/@r:total"/>
        <xsl:text>件、各</xsl:text><xsl:value-of select="$level-measure-short"/><xsl:text>に係るもの</xsl:text>
        <xsl:value-of select="$summary/r:totals/r:measure-level/@r:total"/>
        <xsl:text>件）。</xsl:text>
        <xsl:if test="not($rate-only)">
        <xsl:call-template name="met-phrase"/>
        <xsl:text>のものは</xsl:text>
        <xsl:value-of select="$summary/r:totals/r:all/@r:met"/>
        <xsl:text>件（</xsl:text><xsl:value-of select="$level-goal"/>
        <xsl:value-of select="$summary/r:totals/r:goal-level/@r:met"/>
        <xsl:text>/</xsl:text>
        <xsl:value-of select="$summary/r:totals/r:goal-level/@r:total"/>
        <xsl:text>件、各</xsl:text><xsl:value-of select="$level-measure-short"/>
        <xsl:value-of select="$summary/r:totals/r:measure-level/@r:met"/>
        <xsl:text>/</xsl:text>
        <xsl:value-of select="$summary/r:totals/r:measure-level/@r:total"/>
        <xsl:text>件）。</xsl:text>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$rate-against = 'year'">達成率は最新の実績値のその年度の目標値に対する割合</xsl:when>
          <xsl:when test="$rate-against = 'progress'">達成率は基準値から目標値までの差に対する基準値から最新の実績値までの差の割合</xsl:when>
          <xsl:otherwise>達成率は最新の実績値の目標値に対する割合</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="not($rate-only)">で、</xsl:if>
        <xsl:for-each select="$scale/r:grade">
          <xsl:if test="position() > 1">、</xsl:if>
          <xsl:value-of select="@r:legend"/><xsl:text>を「</xsl:text><xsl:value-of select="@r:symbol"/><xsl:text>」</xsl:text>
        </xsl:for-each>
        <xsl:text>とする。</xsl:text>
        <xsl:for-each select="$summary/r:state">
          <xsl:value-of select="@r:label"/><xsl:text>のものは「</xsl:text><xsl:value-of select="@r:symbol"/>
          <xsl:text>」とし、</xsl:text>
          <xsl:choose>
            <xsl:when test="@r:counted = 'yes'">件数に含める。</xsl:when>
            <xsl:otherwise>件数に含めない。</xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A goal's line under its heading: KPI 10件：80%以上 8件、80%未満 2件
       (a count per grade of the primary scale, then per state). -->
  <xsl:template name="goal-counts">
    <xsl:variable name="t" select="key('goal-counts', @id)/r:all"/>
    <xsl:text>KPI </xsl:text><xsl:value-of select="$t/@r:total"/>
    <xsl:text>件</xsl:text>
    <xsl:if test="not($draft) and ($scale/r:grade or $summary/r:state)">
      <xsl:text>：</xsl:text>
      <xsl:for-each select="$scale/r:grade | $summary/r:state">
        <xsl:if test="position() > 1">、</xsl:if>
        <xsl:value-of select="@r:label"/><xsl:text> </xsl:text>
        <xsl:call-template name="grade-count"><xsl:with-param name="tally" select="$t"/></xsl:call-template>
        <xsl:text>件</xsl:text>
      </xsl:for-each>
      <!-- the goal level's roll-up (<level rollup=…>) -->
      <xsl:apply-templates select="key('goal-counts', @id)" mode="rollup"/>
    </xsl:if>
  </xsl:template>

  <!-- A level's roll-up of its KPIs' grades (context: the element kpic gave
       the r:rollup attributes, a goal's r:goal or a heading), after its
       counts or title: （平均 87.5点、判定 B）. -->
  <xsl:template match="*" mode="rollup">
    <xsl:choose>
      <xsl:when test="@r:rollup-share">
        <xsl:text>（達成の割合 </xsl:text><xsl:value-of select="@r:rollup-share"/><xsl:text>%）</xsl:text>
      </xsl:when>
      <xsl:when test="@r:rollup-points">
        <xsl:text>（平均 </xsl:text><xsl:value-of select="@r:rollup-points"/>
        <xsl:text>点、判定 </xsl:text><xsl:value-of select="@r:rollup-symbol"/><xsl:text>）</xsl:text>
      </xsl:when>
      <xsl:when test="@r:rollup-symbol">
        <xsl:text>（最も低い判定 </xsl:text><xsl:value-of select="@r:rollup-symbol"/><xsl:text>）</xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The head of a 「うち」 column (an r:tag of a tally): うち重点戦略. -->
  <xsl:template name="tag-label">
    <xsl:text>うち</xsl:text>
    <xsl:value-of select="/s:strategy/s:meta/s:tag[@id = current()/@r:ref][1]/@label"/>
  </xsl:template>

  <!-- The head of a 「うち」 column of the goal summary (an r:tag of the
       totals): うち重点戦略（80%以上／計）. -->
  <xsl:template name="tag-summary-label">
    <xsl:call-template name="tag-label"/>
    <xsl:if test="not($rate-only)"><xsl:text>（</xsl:text><xsl:value-of select="$met-label"/><xsl:text>／計）</xsl:text></xsl:if>
  </xsl:template>

  <!-- A tally (the context) as the goal summary prints it: 1／2. -->
  <xsl:template name="met-of-total">
    <xsl:if test="not($rate-only)"><xsl:value-of select="concat(@r:met, '／')"/></xsl:if>
    <xsl:value-of select="@r:total"/>
  </xsl:template>

  <!-- The count of a grade or state (the context, an r:grade or r:state of
       the summary) in a tally (r:all, r:goal-level, r:measure-level). -->
  <xsl:template name="grade-count">
    <xsl:param name="tally"/>
    <xsl:value-of select="$tally/*[local-name() = local-name(current())][@r:ref = current()/@r:id]/@r:count"/>
  </xsl:template>

  <!-- The KPI's grades in the other scales, computed or given, beside its
       mark: （委員会の意見：B）. -->
  <xsl:template name="other-grades">
    <xsl:param name="res"/>
    <xsl:for-each select="$res/r:grade">
      <xsl:variable name="sc" select="$summary/r:scale[@r:id = current()/@r:scale]"/>
      <xsl:text>（</xsl:text>
      <xsl:value-of select="$sc/@r:name"/>
      <xsl:text>：</xsl:text>
      <xsl:value-of select="$sc/r:grade[@r:id = current()/@r:ref]/@r:symbol"/>
      <xsl:text>）</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- A cell per grade of the primary scale and per state (mode count-cell,
       params tally and class): the counts of a tally. -->
  <xsl:template name="grade-cells">
    <xsl:param name="tally"/>
    <xsl:param name="class"/>
    <xsl:for-each select="$scale/r:grade | $summary/r:state">
      <xsl:apply-templates select="." mode="count-cell">
        <xsl:with-param name="tally" select="$tally"/>
        <xsl:with-param name="class" select="$class"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- The rows of a goal's KPI table, in order: its goal-level KPIs, then the
       KPIs, 再掲 rows and headings without KPIs below it. -->
  <xsl:template name="kpi-rows">
    <xsl:apply-templates select="s:kpi" mode="row"/>
    <xsl:apply-templates mode="row"
        select=".//s:kpi[not(parent::s:goal)] | .//s:repost
                | .//*[self::s:policy or self::s:direction or self::s:measure or self::s:project]
                      [not(s:policy or s:direction or s:measure or s:project or s:kpi or s:repost)]"/>
  </xsl:template>

  <xsl:template name="col-head">
    <xsl:choose>
      <xsl:when test="@r:role = 'baseline'">基準値(<xsl:value-of select="@r:era"/>)</xsl:when>
      <xsl:when test="@r:role = 'target'">目標値(<xsl:value-of select="@r:era"/>)</xsl:when>
      <xsl:otherwise><xsl:value-of select="@r:era"/>年(度)</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The heading cells that start at this row: a heading's cell spans all of its rows. -->
  <xsl:template name="heading-cells">
    <xsl:variable name="row" select="."/>
    <xsl:for-each select="ancestor-or-self::s:policy[1] | ancestor-or-self::s:direction[1] | ancestor-or-self::s:measure[1]">
      <!-- Its rows: descendant-or-self::*[self::s:kpi or self::s:repost or ((self::s:policy
           or self::s:direction or self::s:measure) and not(s:policy or s:direction
           or s:measure or s:kpi or s:repost))]: the schema nests policy > direction >
           measure > project, so the nearest heading of a level above a row is its only one. -->
      <xsl:call-template name="heading-cell-at">
        <xsl:with-param name="row" select="$row"/>
        <xsl:with-param name="rows" select="key(concat('rows-', local-name()), generate-id())"/>
      </xsl:call-template>
    </xsl:for-each>
    <!-- A project holds no heading: its rows are its own, with no key to build
         over every row of a document that has no project. -->
    <xsl:if test="$has-projects">
      <xsl:for-each select="ancestor-or-self::s:project[1]">
        <xsl:call-template name="heading-cell-at">
          <xsl:with-param name="row" select="$row"/>
          <xsl:with-param name="rows" select="s:kpi | s:repost | self::s:project[not(s:kpi or s:repost)]"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:if>
    <!-- A level the hierarchy skips gets an empty cell in this row. -->
    <xsl:if test="not(ancestor-or-self::s:policy)"><xsl:apply-templates select="." mode="skip-level"/></xsl:if>
    <xsl:if test="not(ancestor-or-self::s:direction)"><xsl:apply-templates select="." mode="skip-level"/></xsl:if>
    <xsl:if test="not(ancestor-or-self::s:measure)"><xsl:apply-templates select="." mode="skip-level"/></xsl:if>
    <xsl:if test="$has-projects and not(ancestor-or-self::s:project)"><xsl:apply-templates select="." mode="skip-level"/></xsl:if>
  </xsl:template>

  <!-- The cell of the heading (context), spanning its rows, if row is the first of them. -->
  <xsl:template name="heading-cell-at">
    <xsl:param name="row"/>
    <xsl:param name="rows"/>
    <xsl:if test="generate-id($rows[1]) = generate-id($row)">
      <xsl:apply-templates select="." mode="heading-cell">
        <xsl:with-param name="rowspan" select="count($rows)"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <!-- A KPI's cells after the heading cells: name, one per column, 達成率, 判定,
       基準日, 結果公表日, 確認方法, 担当課. -->
  <xsl:template name="kpi-cells">
    <xsl:variable name="kpi" select="."/>
    <xsl:variable name="res" select="r:result"/>
    <xsl:apply-templates select="." mode="name-cell"/>
    <xsl:for-each select="$cols">
      <xsl:variable name="col" select="."/>
      <xsl:apply-templates select="$kpi" mode="value-cell"><xsl:with-param name="col" select="$col"/></xsl:apply-templates>
    </xsl:for-each>
    <xsl:apply-templates select="." mode="cell">
      <xsl:with-param name="kind" select="'rate'"/>
      <xsl:with-param name="content"><xsl:value-of select="$res/@r:rate-text"/></xsl:with-param>
    </xsl:apply-templates>
    <xsl:if test="$summary/r:previous">
      <!-- 前年度評価 (evaluation show-previous="yes"): the grade a year before. -->
      <xsl:apply-templates select="." mode="cell">
        <xsl:with-param name="kind" select="'previous'"/>
        <xsl:with-param name="content"><xsl:value-of select="$res/r:previous/@r:symbol"/></xsl:with-param>
      </xsl:apply-templates>
    </xsl:if>
    <xsl:if test="$mark-column">
      <xsl:apply-templates select="." mode="cell">
        <xsl:with-param name="kind" select="'mark'"/>
        <xsl:with-param name="content">
          <xsl:choose>
            <xsl:when test="$draft and not($res/r:series/@r:latest-year)">—</xsl:when>
            <xsl:otherwise><xsl:value-of select="$res/@r:symbol"/></xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$res/r:grade and not($draft)"><xsl:call-template name="other-grades"><xsl:with-param name="res" select="$res"/></xsl:call-template></xsl:if>
          <xsl:for-each select="s:override"><xsl:call-template name="footnote-ref"/></xsl:for-each>
        </xsl:with-param>
      </xsl:apply-templates>
    </xsl:if>
    <xsl:apply-templates select="." mode="cell">
      <xsl:with-param name="kind" select="'survey'"/>
      <xsl:with-param name="content"><xsl:value-of select="s:survey"/></xsl:with-param>
    </xsl:apply-templates>
    <xsl:apply-templates select="." mode="cell">
      <xsl:with-param name="kind" select="'publication'"/>
      <xsl:with-param name="content"><xsl:value-of select="s:publication"/></xsl:with-param>
    </xsl:apply-templates>
    <xsl:apply-templates select="." mode="cell">
      <xsl:with-param name="kind" select="'method'"/>
      <xsl:with-param name="content"><xsl:value-of select="s:method"/></xsl:with-param>
    </xsl:apply-templates>
    <xsl:apply-templates select="." mode="cell">
      <xsl:with-param name="kind" select="'responsible'"/>
      <xsl:with-param name="content"><xsl:call-template name="responsible"/></xsl:with-param>
    </xsl:apply-templates>
    <!-- The document's free-text columns (meta text-columns), in order. -->
    <xsl:variable name="kpi-node" select="."/>
    <xsl:for-each select="$text-columns">
      <xsl:apply-templates select="$kpi-node" mode="cell">
        <xsl:with-param name="kind" select="'text'"/>
        <xsl:with-param name="label" select="string(.)"/>
        <xsl:with-param name="content"><xsl:value-of select="$kpi-node/s:text[@column = current()/@id]"/></xsl:with-param>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- A KPI's 担当課, by name, separated as the format separates them. -->
  <xsl:template name="responsible">
    <xsl:for-each select="s:responsible">
      <xsl:if test="position() > 1"><xsl:apply-templates select="." mode="separator"/></xsl:if>
      <xsl:value-of select="key('dept', @department)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A value's text in a column, for the context (a <kpi> without series, or a <series>). -->
  <xsl:template name="value-text">
    <xsl:param name="col"/>
    <xsl:choose>
      <xsl:when test="$col/@r:role = 'baseline'"><xsl:value-of select="s:baseline/@r:text"/></xsl:when>
      <xsl:when test="$col/@r:role = 'target'">
        <xsl:value-of select="s:target/@r:text"/>
        <xsl:for-each select="s:target[@r:initial-text or @r:year-target-text]">
          <xsl:if test="@r:initial-text">（当初 <xsl:value-of select="@r:initial-text"/>）</xsl:if>
          <xsl:if test="@r:year-target-text">
            <xsl:text>（</xsl:text><xsl:value-of select="@r:year-target-era"/><xsl:text>年度目標 </xsl:text>
            <xsl:value-of select="@r:year-target-text"/><xsl:text>）</xsl:text>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="s:value[@year = $col/@r:value]">
          <xsl:choose>
            <xsl:when test="@r:cumulative-text">
              <xsl:call-template name="cumulative-text">
                <xsl:with-param name="cum" select="@r:cumulative-text"/>
                <xsl:with-param name="year" select="@r:text"/>
              </xsl:call-template>
            </xsl:when>
            <!-- most values: no call per cell -->
            <xsl:otherwise><xsl:value-of select="@r:text"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A cumulative KPI's actual as the tables print it, 累計 X（うち当該年度 Y），
       or the year's text alone where there is no cumulative one. -->
  <xsl:template name="cumulative-text">
    <xsl:param name="cum"/>
    <xsl:param name="year"/>
    <xsl:choose>
      <xsl:when test="string($cum) != ''">累計 <xsl:value-of select="$cum"/>（うち当該年度 <xsl:value-of select="$year"/>）</xsl:when>
      <xsl:otherwise><xsl:value-of select="$year"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The mark after the name of a KPI counted by calendar year (year-basis="calendar"). -->
  <xsl:template name="year-basis-mark">
    <xsl:if test="@year-basis = 'calendar'">（暦年）</xsl:if>
  </xsl:template>

  <!-- The caption of a <count-table> or <year-counts>: the source's, else one
       that names the table, so that no table (nor its scrolling region) is
       left without a name. -->
  <xsl:template name="counts-caption">
    <xsl:choose>
      <xsl:when test="s:caption"><xsl:apply-templates select="s:caption/node()"/></xsl:when>
      <xsl:when test="self::s:count-table">
        <xsl:value-of select="$level-goal"/>
        <xsl:value-of select="$root/s:goals/s:goal[@id = current()/@goal]/@number"/>
        <xsl:text>のKPI達成状況</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$level-goal"/>別のKPI達成状況の推移</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ footnotes -->
  <!-- Notes, per-value notes and override reasons are numbered per goal table. -->
  <xsl:template name="footnote-refs">
    <xsl:for-each select=".//s:note | .//s:baseline[@note] | .//s:value[@note] | .//s:target[@note]">
      <xsl:call-template name="footnote-ref"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The footnote's number in its goal, as <xsl:number level="any" from="s:goal"
       count="s:kpi//s:note | s:kpi//s:baseline[@note] | s:kpi//s:value[@note]
              | s:kpi//s:target[@note] | s:kpi/s:override"/> would count it, but
       numbered once for the document: xsl:number counts back to the goal's
       start for every footnote, which grows with the square of a goal's KPIs. -->
  <xsl:template name="footnote-number">
    <xsl:value-of select="k:footnote(.)"/>
  </xsl:template>

  <xsl:template name="footnote-ref">
    <xsl:apply-templates select="." mode="footnote-ref">
      <xsl:with-param name="n"><xsl:call-template name="footnote-number"/></xsl:with-param>
    </xsl:apply-templates>
  </xsl:template>

  <!-- A goal's footnotes, listed after its table.  Plain descendant steps:
       libxml2 merges the node-sets of "//" steps with a duplicate check per
       node, which made this quadratic. -->
  <xsl:template name="footnotes">
    <xsl:variable name="items"
        select="descendant::s:note[ancestor::s:kpi] | descendant::s:baseline[@note]
                | descendant::s:value[@note] | descendant::s:target[@note] | descendant::s:override"/>
    <xsl:if test="$items">
      <xsl:apply-templates select="." mode="footnotes"><xsl:with-param name="items" select="$items"/></xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <!-- A footnote's text after its KPI's name. -->
  <xsl:template name="footnote-text">
    <xsl:choose>
      <xsl:when test="self::s:override">
        <xsl:text>判定を「</xsl:text>
        <xsl:value-of select="../r:result/@r:symbol"/>
        <xsl:text>」とした理由：</xsl:text>
        <xsl:value-of select="s:reason"/>
      </xsl:when>
      <xsl:when test="self::s:note"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="@r:era"/>
        <xsl:if test="../@label"><xsl:text> </xsl:text><xsl:value-of select="../@label"/></xsl:if>
        <xsl:text> </xsl:text>
        <xsl:value-of select="@r:text"/>
        <!-- The text of a provisional value already says 未確定: a note saying only that is not repeated. -->
        <xsl:if test="not(@status = 'provisional' and normalize-space(@note) = '未確定')">
          <xsl:text>（</xsl:text><xsl:value-of select="@note"/><xsl:text>）</xsl:text>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========================================== 付録3 担当課別の達成状況 -->
  <xsl:template name="departments-title">付録<xsl:value-of select="$departments-appendix"/>　担当課別の達成状況</xsl:template>

  <xsl:template name="departments-intro">
    <xsl:choose>
      <xsl:when test="$rate-only">各担当課が担当するKPIの数とその達成率（複数の課が担当するKPIは各課に数える）。</xsl:when>
      <xsl:otherwise>各担当課が担当するKPIの数と、<xsl:call-template name="met-phrase"/>のものの数（複数の課が担当するKPIは各課に数える）。</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The departments of the table: those with KPIs, in the summary's order. -->
  <xsl:template name="departments">
    <xsl:apply-templates select="$summary/r:department[r:all/@r:total > 0]" mode="department"/>
  </xsl:template>

  <!-- A department's KPIs (context: its r:department), in document order. -->
  <xsl:template name="department-kpis">
    <xsl:for-each select="key('department-kpis', @r:ref)">
      <xsl:apply-templates select="." mode="department-kpi"><xsl:with-param name="pos" select="position()"/></xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- A KPI's result in a list (context: the KPI): its mark, or in a
       rate-only document its state, else its 達成率 (— without one). -->
  <xsl:template name="list-result">
    <xsl:choose>
      <xsl:when test="not($rate-only) or r:result/@r:state"><xsl:value-of select="r:result/@r:symbol"/></xsl:when>
      <xsl:when test="r:result/@r:rate-text"><xsl:value-of select="r:result/@r:rate-text"/></xsl:when>
      <xsl:otherwise>—</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================ 新旧対照表 (kpic diff) -->
  <!-- A version as the document names it: its title and as-of date in 和暦
       (網走市…総合戦略（平成31年4月1日現在）), not its file name. -->
  <xsl:template match="d:source" mode="version">
    <xsl:value-of select="@title"/>
    <xsl:text>（</xsl:text><xsl:value-of select="k:date(@as-of, 'long')"/><xsl:text>現在）</xsl:text>
  </xsl:template>

  <xsl:template match="d:same"><xsl:value-of select="."/></xsl:template>

  <!-- KPIs at or above the threshold before or after: met／total, all and measure-level. -->
  <xsl:template match="d:before | d:after" mode="all">
    <xsl:value-of select="@all-met"/>／<xsl:value-of select="@all-met + @all-not-met"/>
  </xsl:template>
  <xsl:template match="d:before | d:after" mode="measure">
    <xsl:value-of select="@measure-met"/>／<xsl:value-of select="@measure-met + @measure-not-met"/>
  </xsl:template>

  <!-- A count per grade or state (d:scale/d:grade, d:state of the counts) for
       a goal or the total (param of): 3, or 3 → 2 when it changed; — for a
       side the goal is not on. -->
  <xsl:template match="d:grade | d:state" mode="count-change">
    <xsl:param name="of"/>
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="b" select="$of/d:before/*[local-name() = local-name(current())][@ref = $id]/@all"/>
    <xsl:variable name="a" select="$of/d:after/*[local-name() = local-name(current())][@ref = $id]/@all"/>
    <xsl:variable name="bn"><xsl:choose><xsl:when test="$b"><xsl:value-of select="$b"/></xsl:when><xsl:when test="$of/d:before">0</xsl:when><xsl:otherwise>—</xsl:otherwise></xsl:choose></xsl:variable>
    <xsl:variable name="an"><xsl:choose><xsl:when test="$a"><xsl:value-of select="$a"/></xsl:when><xsl:when test="$of/d:after">0</xsl:when><xsl:otherwise>—</xsl:otherwise></xsl:choose></xsl:variable>
    <xsl:value-of select="$bn"/>
    <xsl:if test="$an != $bn"> → <xsl:value-of select="$an"/></xsl:if>
  </xsl:template>

  <!-- What met means in the counts' caption: 達成率80%以上, or the achieved grades. -->
  <xsl:template match="d:counts" mode="criterion">
    <xsl:choose>
      <xsl:when test="@criterion-after"><xsl:value-of select="@criterion-after"/></xsl:when>
      <xsl:otherwise>達成率<xsl:value-of select="@threshold-after"/>%以上</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a group of changes concerns: 基本目標N (the goal level's name), 交付金事業, 検証の本文, 戦略全体. -->
  <xsl:template name="area">
    <xsl:choose>
      <xsl:when test="@area = 'goal'"><xsl:value-of select="$level-goal"/><xsl:value-of select="@number"/></xsl:when>
      <xsl:when test="@area = 'grants'">交付金事業</xsl:when>
      <xsl:when test="@area = 'document'">検証の本文</xsl:when>
      <xsl:otherwise>戦略全体</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A value's status as the document says it. -->
  <xsl:template name="status">
    <xsl:choose>
      <xsl:when test="@status = 'provisional'">未確定</xsl:when>
      <xsl:when test="@status = 'reference'">参考値</xsl:when>
      <xsl:when test="@status = 'not-surveyed'">調査なし</xsl:when>
      <xsl:when test="@status = 'not-available'">数値なし</xsl:when>
      <xsl:otherwise><xsl:value-of select="@status"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The value of a change (d:before or d:after), with its year: its text and,
       unless it says so itself, its status.  The text of a provisional value
       already says 未確定 (未確定 (313千㎡)).  mode="value-text" gives the text. -->
  <xsl:template match="d:before | d:after" mode="value">
    <xsl:if test="@era"><xsl:apply-templates select="." mode="era"/><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates select="." mode="value-text"/>
    <xsl:if test="@status and @status != 'measured' and @status != 'provisional'">（<xsl:call-template name="status"/>）</xsl:if>
  </xsl:template>
</xsl:stylesheet>

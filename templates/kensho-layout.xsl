<?xml version="1.0" encoding="UTF-8"?>
<!--
  kensho-layout.xsl - the verification document (検証書) for print, in kpic's layout
  vocabulary (templates/layout.rng), which kpic's layout engine turns into a PDF.

  Same content and order as kensho.xsl (the HTML page); this stylesheet says what
  goes on the pages and how it is structured, never where: the engine measures,
  breaks lines and pages, repeats table heads and numbers the pages.  The narrative
  is A4 portrait; the appendix (KPI tables, grants, departments) A4 landscape.
  Every figure comes from an r:* attribute or a k:* function, as in kensho.xsl.
  Blocks carry src="LINE" (k:line) so that layout warnings point at the source.
  A next period's draft (<status>draft</status>) is rendered as kensho.xsl renders
  it: placeholders as 要記入, 要見直し under its KPI, 判定 —, no achievement counts
  and no 付録3, each goal's viewpoints and 重点課題 under its heading.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:x-kpic:strategy:1"
    xmlns:r="urn:x-kpic:result:1"
    xmlns:k="urn:x-kpic:fn"
    xmlns="urn:x-kpic:layout:1"
    exclude-result-prefixes="s r k">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="s:p s:item s:cell s:note s:em s:title s:caption s:meeting s:priority s:heading s:add s:name s:activity"/>

  <!-- Passed by kpic to every document stylesheet; unused in print. -->
  <xsl:param name="css"/>

  <xsl:key name="id" match="*[@id]" use="@id"/>
  <xsl:key name="dept" match="s:department" use="@id"/>
  <!-- The rows of the KPI tables (a KPI, a 再掲, a heading without KPIs) under each
       heading, by level: a heading's cell finds its rows here instead of walking
       its subtree again for every row, which grew with the square of its KPIs. -->
  <xsl:key name="rows-policy" use="generate-id(ancestor-or-self::s:policy[1])"
      match="s:kpi | s:repost
             | s:policy[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:direction[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:measure[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]"/>
  <xsl:key name="rows-direction" use="generate-id(ancestor-or-self::s:direction[1])"
      match="s:kpi | s:repost
             | s:policy[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:direction[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:measure[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]"/>
  <xsl:key name="rows-measure" use="generate-id(ancestor-or-self::s:measure[1])"
      match="s:kpi | s:repost
             | s:policy[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:direction[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]
             | s:measure[not(s:policy or s:direction or s:measure or s:kpi or s:repost)]"/>

  <xsl:variable name="root" select="/s:strategy"/>
  <xsl:variable name="summary" select="/s:strategy/r:summary"/>
  <xsl:variable name="cols" select="$summary/r:columns/r:year"/>
  <xsl:variable name="threshold" select="/s:strategy/s:meta/s:evaluation/@threshold"/>
  <!-- A next period's draft (kpic draft): no yearly values yet, placeholders to fill. -->
  <xsl:variable name="draft" select="/s:strategy/s:meta/s:status = 'draft'"/>
  <!-- Appendices are numbered by what the document has: 付録1 the KPIs, then
       the grant tables where there are any, then the 担当課. -->
  <xsl:variable name="departments-appendix" select="2 + count(/s:strategy/s:grants[1])"/>
  <xsl:variable name="met-label" select="concat($threshold, '%以上')"/>
  <xsl:variable name="unmet-label" select="concat($threshold, '%未満')"/>
  <xsl:variable name="ncols" select="10 + count($cols)"/>

  <xsl:template name="src">
    <xsl:attribute name="src"><xsl:value-of select="k:line(.)"/></xsl:attribute>
  </xsl:template>

  <!-- ================================================================ document -->
  <xsl:template match="/s:strategy">
    <document title="{normalize-space(s:document/s:title)}" author="{s:meta/s:municipality}"
              subject="{s:meta/s:title}" running-header="{normalize-space(s:document/s:title)}">
      <sequence orientation="portrait">
        <p style="subtitle"><xsl:value-of select="s:meta/s:municipality"/></p>
        <heading level="1" outline="no" id="top">
          <xsl:for-each select="s:document/s:title"><xsl:call-template name="src"/></xsl:for-each>
          <xsl:apply-templates select="s:document/s:title/node()"/>
        </heading>
        <p style="subtitle">
          <xsl:value-of select="k:date(s:meta/s:as-of, 'long')"/>
          <xsl:text>現在のデータによる</xsl:text>
        </p>
        <toc title="目次"/>
        <page-break/>
        <xsl:apply-templates select="s:document/s:section"/>
      </sequence>
      <sequence orientation="landscape">
        <xsl:call-template name="appendix-kpis"/>
        <xsl:apply-templates select="s:grants"/>
        <xsl:if test="not($draft)"><xsl:call-template name="appendix-departments"/></xsl:if>
      </sequence>
    </document>
  </xsl:template>

  <!-- ============================================================= narrative -->
  <xsl:template match="s:section">
    <xsl:variable name="depth" select="count(ancestor::s:section) + 2"/>
    <heading id="{@id}" level="{($depth > 4) * 4 + ($depth &lt;= 4) * $depth}">
      <xsl:if test="$depth > 3"><xsl:attribute name="outline">no</xsl:attribute></xsl:if>
      <xsl:call-template name="src"/>
      <xsl:if test="@label"><xsl:value-of select="@label"/><xsl:text>　</xsl:text></xsl:if>
      <xsl:apply-templates select="s:title/node()"/>
    </heading>
    <xsl:apply-templates select="*[not(self::s:title)]"/>
  </xsl:template>

  <xsl:template match="s:p">
    <p><xsl:call-template name="src"/><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="s:list">
    <list marker="{substring('bullet', 1, 6 * (@style = 'bullet'))}{substring('none', 1, 4 * not(@style = 'bullet'))}">
      <xsl:call-template name="src"/>
      <xsl:for-each select="s:item">
        <item><xsl:apply-templates/></item>
      </xsl:for-each>
    </list>
  </xsl:template>

  <xsl:template match="s:note">
    <p style="note"><xsl:call-template name="src"/><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="s:decision"/>

  <!-- What staff must still write or decide (drafts); never published by mistake:
       kpic check reports each one (draft-placeholder).  A block of the narrative
       here; inside a table cell, see placeholder-inline. -->
  <xsl:template match="s:placeholder">
    <p><xsl:call-template name="src"/><b>要記入：</b><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template name="placeholder-inline">
    <xsl:for-each select="s:review | s:placeholder">
      <br/>
      <xsl:if test="self::s:placeholder"><b>要記入：</b></xsl:if>
      <xsl:apply-templates/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="s:em"><b><xsl:apply-templates/></b></xsl:template>
  <xsl:template match="s:count"><xsl:value-of select="@r:value"/></xsl:template>
  <xsl:template match="s:threshold | s:value | s:era | s:date"><xsl:value-of select="@r:text"/></xsl:template>
  <xsl:template match="s:ref"><link to="{@to}"><xsl:apply-templates/></link></xsl:template>

  <xsl:template match="s:table">
    <table id="{@id}">
      <xsl:call-template name="src"/>
      <caption><xsl:apply-templates select="s:caption/node()"/></caption>
      <xsl:for-each select="s:row[1]/s:cell"><col width="{1 + 2 * (position() > 1)}"/></xsl:for-each>
      <xsl:if test="s:row[@header = 'yes']">
        <head>
          <xsl:for-each select="s:row[@header = 'yes']">
            <row><xsl:for-each select="s:cell"><cell header="yes" align="center"><xsl:apply-templates/></cell></xsl:for-each></row>
          </xsl:for-each>
        </head>
      </xsl:if>
      <body>
        <xsl:for-each select="s:row[not(@header = 'yes')]">
          <row><xsl:call-template name="src"/><xsl:for-each select="s:cell"><cell><xsl:apply-templates/></cell></xsl:for-each></row>
        </xsl:for-each>
      </body>
    </table>
  </xsl:template>

  <xsl:template match="s:committee">
    <table id="{@id}">
      <xsl:call-template name="src"/>
      <caption>
        <xsl:apply-templates select="s:caption/node()"/>
        <xsl:text>　</xsl:text><xsl:value-of select="@r:date-text"/><xsl:text>現在</xsl:text>
      </caption>
      <col width="5"/><col width="2"/><col width="2"/>
      <head><row><cell header="yes" align="center">団体名</cell><cell header="yes" align="center">役職</cell><cell header="yes" align="center">氏名</cell></row></head>
      <body>
        <xsl:for-each select="s:member">
          <row>
            <xsl:call-template name="src"/>
            <cell><xsl:value-of select="@organization"/></cell>
            <cell><xsl:value-of select="@role"/></cell>
            <cell><xsl:value-of select="@name"/></cell>
          </row>
        </xsl:for-each>
      </body>
    </table>
  </xsl:template>

  <xsl:template match="s:meetings">
    <table id="{@id}">
      <xsl:call-template name="src"/>
      <caption><xsl:apply-templates select="s:caption/node()"/></caption>
      <col width="auto"/><col width="5"/>
      <head><row><cell header="yes" align="center">開催日</cell><cell header="yes" align="center">主な議論内容</cell></row></head>
      <body>
        <xsl:for-each select="s:meeting">
          <row>
            <xsl:call-template name="src"/>
            <cell nowrap="yes"><xsl:value-of select="@r:date-text"/></cell>
            <cell><xsl:apply-templates/></cell>
          </row>
        </xsl:for-each>
      </body>
    </table>
  </xsl:template>

  <xsl:template match="s:count-table">
    <xsl:variable name="c" select="r:counts"/>
    <table id="count-{@goal}">
      <xsl:call-template name="src"/>
      <caption><xsl:apply-templates select="s:caption/node()"/></caption>
      <col width="2"/><col width="2"/><col width="2"/><col width="2"/>
      <head>
        <row>
          <cell header="yes"></cell>
          <cell header="yes" align="center">全KPI</cell>
          <cell header="yes" align="center">基本目標</cell>
          <cell header="yes" align="center">各施策のKPI</cell>
        </row>
      </head>
      <body>
        <row>
          <cell header="yes"><xsl:value-of select="$met-label"/></cell>
          <cell align="right"><xsl:value-of select="$c/r:all/@r:met"/></cell>
          <cell align="right"><xsl:value-of select="$c/r:goal-level/@r:met"/></cell>
          <cell align="right"><xsl:value-of select="$c/r:measure-level/@r:met"/></cell>
        </row>
        <row>
          <cell header="yes"><xsl:value-of select="$unmet-label"/></cell>
          <cell align="right"><xsl:value-of select="$c/r:all/@r:not-met"/></cell>
          <cell align="right"><xsl:value-of select="$c/r:goal-level/@r:not-met"/></cell>
          <cell align="right"><xsl:value-of select="$c/r:measure-level/@r:not-met"/></cell>
        </row>
        <row>
          <cell header="yes">合計</cell>
          <cell align="right"><xsl:value-of select="$c/r:all/@r:total"/></cell>
          <cell align="right"><xsl:value-of select="$c/r:goal-level/@r:total"/></cell>
          <cell align="right"><xsl:value-of select="$c/r:measure-level/@r:total"/></cell>
        </row>
      </body>
    </table>
  </xsl:template>

  <xsl:template match="s:viewpoints">
    <xsl:for-each select="s:viewpoint">
      <p><xsl:call-template name="src"/><b><xsl:apply-templates select="s:heading/node()"/></b></p>
      <xsl:for-each select="s:add">
        <p>⇒<xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:apply-templates select="s:note"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="s:priorities">
    <table id="{@id}">
      <xsl:call-template name="src"/>
      <caption>重点課題</caption>
      <col width="auto"/><col width="8"/><col width="3"/>
      <head><row><cell header="yes" align="center">番号</cell><cell header="yes" align="center">重点課題</cell><cell header="yes" align="center">関連する基本目標</cell></row></head>
      <body>
        <xsl:for-each select="s:priority">
          <row>
            <xsl:call-template name="src"/>
            <cell align="center"><xsl:value-of select="@number"/></cell>
            <cell><xsl:apply-templates/></cell>
            <cell><xsl:call-template name="goal-links"><xsl:with-param name="ids" select="normalize-space(@goals)"/></xsl:call-template></cell>
          </row>
        </xsl:for-each>
      </body>
    </table>
  </xsl:template>

  <xsl:template name="goal-links">
    <xsl:param name="ids"/>
    <xsl:variable name="first" select="substring-before(concat($ids, ' '), ' ')"/>
    <xsl:variable name="rest" select="substring-after($ids, ' ')"/>
    <xsl:if test="$first != ''">
      <link to="goal-{$first}">基本目標<xsl:value-of select="key('id', $first)/@number"/></link>
      <xsl:if test="$rest != ''">
        <xsl:text>、</xsl:text>
        <xsl:call-template name="goal-links"><xsl:with-param name="ids" select="$rest"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template match="s:figure">
    <figure id="{@id}" kind="{substring('kpi', 1, 3 * (@kind = 'kpi-trend'))}{substring(@kind, 1, string-length(@kind) * (@kind != 'kpi-trend'))}"
            alt="{normalize-space(s:caption)}" width="80">
      <xsl:if test="@kpi"><xsl:attribute name="ref"><xsl:value-of select="@kpi"/></xsl:attribute></xsl:if>
      <xsl:call-template name="src"/>
      <caption><xsl:apply-templates select="s:caption/node()"/></caption>
    </figure>
  </xsl:template>

  <!-- ======================================================= 付録1 KPI一覧 -->
  <xsl:template name="appendix-kpis">
    <heading level="2" id="appendix-kpi">付録1　KPI一覧</heading>
    <!-- A draft has no yearly values yet: its tables show baselines and targets,
         without achievement counts. -->
    <xsl:if test="$draft">
      <p>
        <xsl:text>KPIは全</xsl:text>
        <xsl:value-of select="$summary/r:totals/r:all/@r:total"/>
        <xsl:text>件。素案のため実績値はまだなく、基準値と目標値（案）を示す。</xsl:text>
      </p>
    </xsl:if>
    <xsl:if test="not($draft)">
    <p>
      <xsl:text>KPIは全</xsl:text>
      <xsl:value-of select="$summary/r:totals/r:all/@r:total"/>
      <xsl:text>件（基本目標に係るもの</xsl:text>
      <xsl:value-of select="$summary/r:totals/r:goal-level/@r:total"/>
      <xsl:text>件、各施策に係るもの</xsl:text>
      <xsl:value-of select="$summary/r:totals/r:measure-level/@r:total"/>
      <xsl:text>件）。達成率</xsl:text><xsl:value-of select="$met-label"/>
      <xsl:text>のものは</xsl:text><xsl:value-of select="$summary/r:totals/r:all/@r:met"/>
      <xsl:text>件（基本目標</xsl:text>
      <xsl:value-of select="$summary/r:totals/r:goal-level/@r:met"/><xsl:text>/</xsl:text>
      <xsl:value-of select="$summary/r:totals/r:goal-level/@r:total"/>
      <xsl:text>件、各施策</xsl:text>
      <xsl:value-of select="$summary/r:totals/r:measure-level/@r:met"/><xsl:text>/</xsl:text>
      <xsl:value-of select="$summary/r:totals/r:measure-level/@r:total"/>
      <xsl:text>件）。達成率は最新の実績値の目標値に対する割合で、</xsl:text>
      <xsl:value-of select="$met-label"/><xsl:text>を「達成」、</xsl:text>
      <xsl:value-of select="$unmet-label"/><xsl:text>を「未達」とする。</xsl:text>
    </p>
    <figure id="goal-counts" kind="goal-counts" width="60" alt="基本目標別のKPI達成状況">
      <caption>基本目標別のKPI達成状況（全KPI）</caption>
    </figure>
    <table id="goal-summary">
      <caption>基本目標別のKPI達成状況</caption>
      <col width="2"/><col width="1"/><col width="1"/><col width="1"/><col width="3"/><col width="3"/>
      <head>
        <row>
          <cell header="yes" align="center">基本目標</cell>
          <cell header="yes" align="center">全KPI</cell>
          <cell header="yes" align="center"><xsl:value-of select="$met-label"/></cell>
          <cell header="yes" align="center"><xsl:value-of select="$unmet-label"/></cell>
          <cell header="yes" align="center">うち基本目標のKPI（<xsl:value-of select="$met-label"/>／計）</cell>
          <cell header="yes" align="center">うち各施策のKPI（<xsl:value-of select="$met-label"/>／計）</cell>
        </row>
      </head>
      <body>
        <xsl:for-each select="$summary/r:goal">
          <row>
            <cell header="yes"><link to="goal-{@r:ref}">基本目標<xsl:value-of select="key('id', @r:ref)/@number"/></link></cell>
            <cell align="right"><xsl:value-of select="r:all/@r:total"/></cell>
            <cell align="right"><xsl:value-of select="r:all/@r:met"/></cell>
            <cell align="right"><xsl:value-of select="r:all/@r:not-met"/></cell>
            <cell align="right"><xsl:value-of select="concat(r:goal-level/@r:met, '／', r:goal-level/@r:total)"/></cell>
            <cell align="right"><xsl:value-of select="concat(r:measure-level/@r:met, '／', r:measure-level/@r:total)"/></cell>
          </row>
        </xsl:for-each>
        <row>
          <cell header="yes">合計</cell>
          <cell align="right"><xsl:value-of select="$summary/r:totals/r:all/@r:total"/></cell>
          <cell align="right"><xsl:value-of select="$summary/r:totals/r:all/@r:met"/></cell>
          <cell align="right"><xsl:value-of select="$summary/r:totals/r:all/@r:not-met"/></cell>
          <cell align="right"><xsl:value-of select="concat($summary/r:totals/r:goal-level/@r:met, '／', $summary/r:totals/r:goal-level/@r:total)"/></cell>
          <cell align="right"><xsl:value-of select="concat($summary/r:totals/r:measure-level/@r:met, '／', $summary/r:totals/r:measure-level/@r:total)"/></cell>
        </row>
      </body>
    </table>
    </xsl:if>
    <xsl:apply-templates select="s:goals/s:goal" mode="appendix"/>
  </xsl:template>

  <xsl:template match="s:goal" mode="appendix">
    <xsl:variable name="t" select="$summary/r:goal[@r:ref = current()/@id]/r:all"/>
    <page-break/>
    <heading level="3" id="goal-{@id}" outline-title="基本目標{@number}">
      <xsl:call-template name="src"/>
      <xsl:text>基本目標</xsl:text><xsl:value-of select="@number"/><xsl:text>　</xsl:text>
      <xsl:apply-templates select="s:title/node()"/>
    </heading>
    <xsl:if test="s:viewpoint | s:priority">
      <list marker="none">
        <xsl:for-each select="s:viewpoint | s:priority">
          <item>
            <xsl:call-template name="src"/>
            <xsl:if test="self::s:viewpoint">新たな視点：</xsl:if>
            <xsl:if test="self::s:priority">重点課題<xsl:value-of select="@number"/>：</xsl:if>
            <xsl:apply-templates/>
          </item>
        </xsl:for-each>
      </list>
    </xsl:if>
    <p>
      <xsl:text>KPI </xsl:text><xsl:value-of select="$t/@r:total"/>
      <xsl:text>件</xsl:text>
      <xsl:if test="not($draft)">
        <xsl:text>：</xsl:text><xsl:value-of select="$met-label"/><xsl:text> </xsl:text>
        <xsl:value-of select="$t/@r:met"/>
        <xsl:text>件、</xsl:text><xsl:value-of select="$unmet-label"/><xsl:text> </xsl:text>
        <xsl:value-of select="$t/@r:not-met"/><xsl:text>件</xsl:text>
      </xsl:if>
    </p>
    <table id="goal-{@id}-table" size="small">
      <xsl:call-template name="src"/>
      <caption>基本目標<xsl:value-of select="@number"/>のKPI</caption>
      <col width="3"/><col width="3"/><col width="3"/><col width="4"/>
      <xsl:for-each select="$cols"><col width="auto"/></xsl:for-each>
      <col width="auto"/><col width="auto"/><col width="2"/><col width="2"/><col width="3"/><col width="2"/>
      <head>
        <row>
          <cell header="yes" rowspan="2" align="center">基本方針</cell>
          <cell header="yes" rowspan="2" align="center">基本的な方向性</cell>
          <cell header="yes" rowspan="2" align="center">具体的な施策</cell>
          <cell header="yes" colspan="{count($cols) + 3}" align="center">KPI</cell>
          <cell header="yes" rowspan="2" align="center">基準日<br/>(調査日)</cell>
          <cell header="yes" rowspan="2" align="center">結果公表日<br/>(確認時期)</cell>
          <cell header="yes" rowspan="2" align="center">確認方法</cell>
          <cell header="yes" rowspan="2" align="center">担当課</cell>
        </row>
        <row>
          <cell header="yes" align="center">項目</cell>
          <xsl:for-each select="$cols"><cell header="yes" align="center" nowrap="yes"><xsl:call-template name="col-head"/></cell></xsl:for-each>
          <cell header="yes" align="center" nowrap="yes">達成率</cell>
          <cell header="yes" align="center" nowrap="yes">判定</cell>
        </row>
      </head>
      <body>
        <xsl:apply-templates select="s:kpi" mode="row"/>
        <xsl:apply-templates mode="row"
            select=".//s:kpi[not(parent::s:goal)] | .//s:repost
                    | .//*[self::s:policy or self::s:direction or self::s:measure]
                          [not(s:policy or s:direction or s:measure or s:kpi or s:repost)]"/>
      </body>
    </table>
    <xsl:call-template name="footnotes"/>
    <heading level="4" id="goal-{@id}-charts" outline="no">基本目標<xsl:value-of select="@number"/>のKPIの推移</heading>
    <figure-grid columns="3">
      <xsl:for-each select=".//s:kpi">
        <figure kind="kpi" ref="{@id}" alt="{normalize-space(s:name)}の推移">
          <caption><xsl:value-of select="s:name"/></caption>
        </figure>
      </xsl:for-each>
    </figure-grid>
  </xsl:template>

  <xsl:template name="col-head">
    <xsl:choose>
      <xsl:when test="@r:role = 'baseline'">基準値(<xsl:value-of select="@r:era"/>)</xsl:when>
      <xsl:when test="@r:role = 'target'">目標値(<xsl:value-of select="@r:era"/>)</xsl:when>
      <xsl:otherwise><xsl:value-of select="@r:era"/>年(度)</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="heading-cells">
    <xsl:variable name="row" select="."/>
    <xsl:for-each select="ancestor-or-self::s:policy[1] | ancestor-or-self::s:direction[1] | ancestor-or-self::s:measure[1]">
      <!-- Its rows: descendant-or-self::*[self::s:kpi or self::s:repost or ((self::s:policy
           or self::s:direction or self::s:measure) and not(s:policy or s:direction
           or s:measure or s:kpi or s:repost))]: the schema nests policy > direction >
           measure, so the nearest heading of a level above a row is its only one. -->
      <xsl:variable name="rows" select="key(concat('rows-', local-name()), generate-id())"/>
      <xsl:if test="generate-id($rows[1]) = generate-id($row)">
        <cell header="yes" rowspan="{count($rows)}" id="h-{@id}">
          <xsl:apply-templates select="s:title/node()"/>
          <xsl:if test="@repost-of">（再掲）</xsl:if>
        </cell>
      </xsl:if>
    </xsl:for-each>
    <xsl:if test="not(ancestor-or-self::s:policy)"><cell></cell></xsl:if>
    <xsl:if test="not(ancestor-or-self::s:direction)"><cell></cell></xsl:if>
    <xsl:if test="not(ancestor-or-self::s:measure)"><cell></cell></xsl:if>
  </xsl:template>

  <xsl:template match="s:goal/s:kpi" mode="row" priority="2">
    <row id="kpi-{@id}">
      <xsl:call-template name="src"/>
      <xsl:if test="not(preceding-sibling::s:kpi)">
        <cell header="yes" colspan="3" rowspan="{count(../s:kpi)}">基本目標の数値目標</cell>
      </xsl:if>
      <xsl:call-template name="kpi-cells"/>
    </row>
  </xsl:template>

  <xsl:template match="s:kpi" mode="row">
    <row id="kpi-{@id}">
      <xsl:call-template name="src"/>
      <xsl:call-template name="heading-cells"/>
      <xsl:call-template name="kpi-cells"/>
    </row>
  </xsl:template>

  <xsl:template match="s:repost" mode="row">
    <xsl:variable name="orig" select="key('id', @kpi)"/>
    <row>
      <xsl:call-template name="src"/>
      <xsl:call-template name="heading-cells"/>
      <cell header="yes">
        <link to="kpi-{@kpi}">
          <xsl:value-of select="@label"/>
          <xsl:if test="not(@label)"><xsl:value-of select="$orig/s:name"/></xsl:if>
        </link>
        <xsl:text>（再掲）</xsl:text>
      </cell>
      <cell colspan="{$ncols - 4}">基本目標<xsl:value-of select="$orig/ancestor::s:goal/@number"/>に掲載</cell>
    </row>
  </xsl:template>

  <xsl:template match="s:policy | s:direction | s:measure" mode="row">
    <row>
      <xsl:call-template name="src"/>
      <xsl:call-template name="heading-cells"/>
      <cell colspan="{$ncols - 3}">
        <xsl:for-each select="s:placeholder">
          <xsl:if test="position() > 1"><br/></xsl:if>
          <b>要記入：</b><xsl:apply-templates/>
        </xsl:for-each>
        <xsl:if test="not(s:placeholder)">（KPIの設定なし）</xsl:if>
      </cell>
    </row>
  </xsl:template>

  <xsl:template name="kpi-cells">
    <xsl:variable name="kpi" select="."/>
    <xsl:variable name="res" select="r:result"/>
    <cell header="yes">
      <xsl:value-of select="s:name"/>
      <xsl:call-template name="footnote-refs"/>
      <xsl:for-each select="s:series[@label]"><br/><xsl:text>・</xsl:text><xsl:value-of select="@label"/></xsl:for-each>
      <xsl:call-template name="placeholder-inline"/>
    </cell>
    <xsl:for-each select="$cols">
      <xsl:variable name="col" select="."/>
      <cell align="right" nowrap="yes">
        <xsl:for-each select="$kpi/s:series | $kpi[not(s:series)]">
          <xsl:if test="position() > 1"><br/></xsl:if>
          <xsl:call-template name="value-text"><xsl:with-param name="col" select="$col"/></xsl:call-template>
        </xsl:for-each>
      </cell>
    </xsl:for-each>
    <cell align="right" nowrap="yes"><xsl:value-of select="$res/@r:rate-text"/></cell>
    <cell align="center" nowrap="yes">
      <xsl:choose>
        <xsl:when test="$draft and not($res/r:series/@r:latest-year)">—</xsl:when>
        <xsl:when test="$res/@r:met = 'yes'">達成</xsl:when>
        <xsl:otherwise>未達</xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="s:override"><xsl:call-template name="footnote-ref"/></xsl:for-each>
    </cell>
    <cell><xsl:value-of select="s:survey"/></cell>
    <cell><xsl:value-of select="s:publication"/></cell>
    <cell><xsl:value-of select="s:method"/></cell>
    <cell>
      <xsl:for-each select="s:responsible">
        <xsl:if test="position() > 1"><br/></xsl:if>
        <xsl:value-of select="key('dept', @department)"/>
      </xsl:for-each>
    </cell>
  </xsl:template>

  <xsl:template name="value-text">
    <xsl:param name="col"/>
    <xsl:choose>
      <xsl:when test="$col/@r:role = 'baseline'"><xsl:value-of select="s:baseline/@r:text"/></xsl:when>
      <xsl:when test="$col/@r:role = 'target'"><xsl:value-of select="s:target/@r:text"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="s:value[@year = $col/@r:value]/@r:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Footnotes: numbered per goal table, listed at the end of the goal's section. -->
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
    <xsl:variable name="n"><xsl:call-template name="footnote-number"/></xsl:variable>
    <sup><link to="fn-{ancestor::s:goal/@id}-{$n}">※<xsl:value-of select="$n"/></link></sup>
  </xsl:template>

  <!-- Plain descendant steps: libxml2 merges the node-sets of "//" steps
       with a duplicate check per node, which made this quadratic. -->
  <xsl:template name="footnotes">
    <xsl:variable name="items"
        select="descendant::s:note[ancestor::s:kpi] | descendant::s:baseline[@note]
                | descendant::s:value[@note] | descendant::s:target[@note] | descendant::s:override"/>
    <xsl:if test="$items">
      <list marker="none" style="note">
        <xsl:for-each select="$items">
          <xsl:variable name="n"><xsl:call-template name="footnote-number"/></xsl:variable>
          <item id="fn-{ancestor::s:goal/@id}-{$n}" label="※{$n}">
            <xsl:call-template name="src"/>
            <xsl:value-of select="ancestor::s:kpi/s:name"/>
            <xsl:text>：</xsl:text>
            <xsl:choose>
              <xsl:when test="self::s:override">
                <xsl:text>判定を「</xsl:text>
                <xsl:choose>
                  <xsl:when test="@met = 'yes'">達成</xsl:when>
                  <xsl:otherwise>未達</xsl:otherwise>
                </xsl:choose>
                <xsl:text>」とした理由：</xsl:text>
                <xsl:value-of select="s:reason"/>
              </xsl:when>
              <xsl:when test="self::s:note"><xsl:apply-templates/></xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="@r:era"/>
                <xsl:if test="../@label"><xsl:text> </xsl:text><xsl:value-of select="../@label"/></xsl:if>
                <xsl:text> </xsl:text><xsl:value-of select="@r:text"/>
                <!-- The text of a provisional value already says 未確定: a note saying only that is not repeated. -->
                <xsl:if test="not(@status = 'provisional' and normalize-space(@note) = '未確定')">
                  <xsl:text>（</xsl:text><xsl:value-of select="@note"/><xsl:text>）</xsl:text>
                </xsl:if>
              </xsl:otherwise>
            </xsl:choose>
          </item>
        </xsl:for-each>
      </list>
    </xsl:if>
  </xsl:template>

  <!-- ================================================ 付録2 交付金事業 -->
  <xsl:template match="s:grants">
    <page-break/>
    <heading level="2" id="appendix-grants">付録2　地方創生関係交付金事業</heading>
    <xsl:for-each select="s:program">
      <heading level="3" id="program-{@id}"><xsl:call-template name="src"/><xsl:value-of select="s:title"/></heading>
      <table>
        <xsl:call-template name="src"/>
        <col width="auto"/><col width="4"/><col width="5"/><col width="auto"/><col width="auto"/><col width="5"/>
        <head>
          <row>
            <cell header="yes" align="center">番号</cell><cell header="yes" align="center">事業名</cell>
            <cell header="yes" align="center">事業内容</cell><cell header="yes" align="center">決算額(円)</cell>
            <cell header="yes" align="center">交付金額(円)</cell><cell header="yes" align="center">網走市総合戦略との関連</cell>
          </row>
        </head>
        <body>
          <xsl:for-each select="s:grant">
            <row id="{@id}">
              <xsl:call-template name="src"/>
              <cell align="center"><xsl:value-of select="@number"/></cell>
              <cell header="yes"><xsl:value-of select="s:name"/></cell>
              <cell>
                <xsl:for-each select="s:activity">
                  <xsl:if test="position() > 1"><br/></xsl:if>
                  <xsl:text>・</xsl:text><xsl:apply-templates/>
                </xsl:for-each>
                <xsl:for-each select="s:note"><br/><xsl:apply-templates/></xsl:for-each>
              </cell>
              <cell align="right" nowrap="yes"><xsl:value-of select="k:number(normalize-space(s:expenditure))"/></cell>
              <cell align="right" nowrap="yes"><xsl:value-of select="k:number(normalize-space(s:subsidy))"/></cell>
              <cell>
                <xsl:for-each select="s:serves">
                  <xsl:if test="position() > 1"><br/></xsl:if>
                  <xsl:apply-templates select="."/>
                </xsl:for-each>
              </cell>
            </row>
          </xsl:for-each>
        </body>
      </table>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="s:serves">
    <xsl:variable name="t" select="key('id', @ref)"/>
    <xsl:choose>
      <xsl:when test="$t/self::s:goal">
        <xsl:text>○</xsl:text>
        <link to="goal-{@ref}"><xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="$t/s:title"/></xsl:if></link>
      </xsl:when>
      <xsl:when test="$t/self::s:kpi">
        <xsl:text>・</xsl:text>
        <link to="kpi-{@ref}"><xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="$t/s:name"/></xsl:if></link>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>・</xsl:text>
        <link to="h-{@ref}"><xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="$t/s:title"/></xsl:if></link>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========================================== 付録3 担当課別の達成状況 -->
  <xsl:template name="appendix-departments">
    <page-break/>
    <heading level="2" id="appendix-departments">付録<xsl:value-of select="$departments-appendix"/>　担当課別の達成状況</heading>
    <p>各担当課が担当するKPIの数と、達成率<xsl:value-of select="$met-label"/>のものの数（複数の課が担当するKPIは各課に数える）。</p>
    <table>
      <caption>担当課別のKPI達成状況</caption>
      <col width="2"/><col width="auto"/><col width="auto"/><col width="auto"/><col width="10"/>
      <head>
        <row>
          <cell header="yes" align="center">担当課</cell><cell header="yes" align="center">KPI数</cell>
          <cell header="yes" align="center"><xsl:value-of select="$met-label"/></cell>
          <cell header="yes" align="center"><xsl:value-of select="$unmet-label"/></cell>
          <cell header="yes" align="center">担当するKPI</cell>
        </row>
      </head>
      <body>
        <xsl:for-each select="$summary/r:department[r:all/@r:total > 0]">
          <xsl:variable name="d" select="@r:ref"/>
          <row>
            <cell header="yes"><xsl:value-of select="key('dept', $d)"/></cell>
            <cell align="right"><xsl:value-of select="r:all/@r:total"/></cell>
            <cell align="right"><xsl:value-of select="r:all/@r:met"/></cell>
            <cell align="right"><xsl:value-of select="r:all/@r:not-met"/></cell>
            <cell>
              <xsl:for-each select="$root/s:goals//s:kpi[s:responsible/@department = $d]">
                <xsl:if test="position() > 1"><xsl:text>、</xsl:text></xsl:if>
                <link to="kpi-{@id}"><xsl:value-of select="s:name"/></link>
                <xsl:text>（</xsl:text>
                <xsl:choose>
                  <xsl:when test="r:result/@r:met = 'yes'">達成</xsl:when>
                  <xsl:otherwise>未達</xsl:otherwise>
                </xsl:choose>
                <xsl:text>）</xsl:text>
              </xsl:for-each>
            </cell>
          </row>
        </xsl:for-each>
      </body>
    </table>
  </xsl:template>

</xsl:stylesheet>

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
  <!-- What this sheet shares with kensho.xsl (keys, variables, texts,
       which cells a row has) is in common.xsl; here are its own format's elements. -->
  <xsl:include href="common.xsl"/>

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
        <xsl:apply-templates select="." mode="appendix-kpis"/>
        <xsl:apply-templates select="s:grants"/>
        <xsl:if test="not($draft)"><xsl:apply-templates select="$summary" mode="appendix-departments"/></xsl:if>
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

  <!-- A row of a goal's count table: a grade or state, all / goal / measures. -->
  <xsl:template match="r:grade | r:state" mode="count-row">
    <xsl:param name="c"/>
    <row>
      <cell header="yes"><xsl:value-of select="@r:label"/></cell>
      <cell align="right"><xsl:call-template name="grade-count"><xsl:with-param name="tally" select="$c/r:all"/></xsl:call-template></cell>
      <cell align="right"><xsl:call-template name="grade-count"><xsl:with-param name="tally" select="$c/r:goal-level"/></xsl:call-template></cell>
      <cell align="right"><xsl:call-template name="grade-count"><xsl:with-param name="tally" select="$c/r:measure-level"/></xsl:call-template></cell>
      <xsl:variable name="grade" select="."/>
      <xsl:for-each select="$c/r:tag">
        <cell align="right"><xsl:variable name="tag" select="."/><xsl:for-each select="$grade"><xsl:call-template name="grade-count"><xsl:with-param name="tally" select="$tag"/></xsl:call-template></xsl:for-each></cell>
      </xsl:for-each>
    </row>
  </xsl:template>

  <!-- A count cell of the per-grade columns (common.xsl's grade-cells). -->
  <xsl:template match="r:grade | r:state" mode="count-cell">
    <xsl:param name="tally"/>
    <cell align="right"><xsl:call-template name="grade-count"><xsl:with-param name="tally" select="$tally"/></xsl:call-template></cell>
  </xsl:template>

  <!-- The counts of several evaluation years, a column group per year. -->
  <xsl:template match="s:year-counts">
    <xsl:variable name="years" select="r:year"/>
    <xsl:variable name="n" select="count($scale/r:grade | $summary/r:state)"/>
    <table id="year-counts-{count(preceding::s:year-counts) + 1}">
      <xsl:call-template name="src"/>
      <caption><xsl:call-template name="counts-caption"/></caption>
      <col width="3"/>
      <xsl:for-each select="$years"><xsl:for-each select="$scale/r:grade | $summary/r:state"><col width="1"/></xsl:for-each></xsl:for-each>
      <head>
        <row>
          <cell header="yes" rowspan="2" align="center">基本目標</cell>
          <xsl:for-each select="$years"><cell header="yes" colspan="{$n}" align="center"><xsl:value-of select="@r:era"/>年度</cell></xsl:for-each>
        </row>
        <row>
          <xsl:for-each select="$years">
            <xsl:for-each select="$scale/r:grade | $summary/r:state"><cell header="yes" align="center"><xsl:value-of select="@r:symbol"/></cell></xsl:for-each>
          </xsl:for-each>
        </row>
      </head>
      <body>
        <xsl:for-each select="$summary/r:goal">
          <xsl:variable name="ref" select="@r:ref"/>
          <row>
            <cell header="yes">基本目標<xsl:value-of select="key('id', $ref)/@number"/></cell>
            <xsl:for-each select="$years">
              <xsl:call-template name="grade-cells"><xsl:with-param name="tally" select="r:goal[@r:ref = $ref]/r:all"/></xsl:call-template>
            </xsl:for-each>
          </row>
        </xsl:for-each>
        <row>
          <cell header="yes">合計</cell>
          <xsl:for-each select="$years">
            <xsl:call-template name="grade-cells"><xsl:with-param name="tally" select="r:totals/r:all"/></xsl:call-template>
          </xsl:for-each>
        </row>
      </body>
    </table>
  </xsl:template>

  <xsl:template match="s:count-table">
    <xsl:variable name="c" select="r:counts"/>
    <table id="count-{@goal}">
      <xsl:call-template name="src"/>
      <caption><xsl:call-template name="counts-caption"/></caption>
      <col width="2"/><col width="2"/><col width="2"/><col width="2"/>
      <xsl:for-each select="$c/r:tag"><col width="2"/></xsl:for-each>
      <head>
        <row>
          <cell header="yes"></cell>
          <cell header="yes" align="center">全KPI</cell>
          <cell header="yes" align="center"><xsl:value-of select="$level-goal"/></cell>
          <cell header="yes" align="center">各<xsl:value-of select="$level-measure-short"/>のKPI</cell>
          <xsl:for-each select="$c/r:tag"><cell header="yes" align="center"><xsl:call-template name="tag-label"/></cell></xsl:for-each>
        </row>
      </head>
      <body>
        <xsl:apply-templates select="$scale/r:grade | $summary/r:state[@r:counted = 'yes']" mode="count-row">
          <xsl:with-param name="c" select="$c"/>
        </xsl:apply-templates>
        <row>
          <cell header="yes">合計</cell>
          <cell align="right"><xsl:value-of select="$c/r:all/@r:total"/></cell>
          <cell align="right"><xsl:value-of select="$c/r:goal-level/@r:total"/></cell>
          <cell align="right"><xsl:value-of select="$c/r:measure-level/@r:total"/></cell>
          <xsl:for-each select="$c/r:tag"><cell align="right"><xsl:value-of select="@r:total"/></cell></xsl:for-each>
        </row>
        <xsl:apply-templates select="$summary/r:state[@r:counted = 'no']" mode="count-row">
          <xsl:with-param name="c" select="$c"/>
        </xsl:apply-templates>
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
      <head><row><cell header="yes" align="center">番号</cell><cell header="yes" align="center">重点課題</cell><cell header="yes" align="center">関連する<xsl:value-of select="$level-goal"/></cell></row></head>
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

  <!-- The links of common.xsl. -->
  <xsl:template match="*" mode="link">
    <xsl:param name="to"/>
    <xsl:param name="content"/>
    <link to="{$to}"><xsl:copy-of select="$content"/></link>
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
  <xsl:template match="/s:strategy" mode="appendix-kpis">
    <heading level="2" id="appendix-kpi">付録1　KPI一覧</heading>
    <p><xsl:call-template name="kpi-totals"/></p>
    <xsl:if test="not($draft)">
    <figure id="goal-counts" kind="goal-counts" width="60" alt="{$level-goal}別のKPI達成状況">
      <caption><xsl:value-of select="$level-goal"/>別のKPI達成状況（全KPI）</caption>
    </figure>
    <table id="goal-summary">
      <caption><xsl:value-of select="$level-goal"/>別のKPI達成状況</caption>
      <col width="2"/><col width="1"/>
      <xsl:for-each select="$scale/r:grade | $summary/r:state"><col width="1"/></xsl:for-each>
      <col width="3"/><col width="3"/>
      <xsl:for-each select="$summary/r:totals/r:tag"><col width="3"/></xsl:for-each>
      <head>
        <row>
          <cell header="yes" align="center"><xsl:value-of select="$level-goal"/></cell>
          <cell header="yes" align="center">全KPI</cell>
          <xsl:for-each select="$scale/r:grade | $summary/r:state">
            <cell header="yes" align="center"><xsl:value-of select="@r:label"/></cell>
          </xsl:for-each>
          <cell header="yes" align="center">うち<xsl:value-of select="$level-goal"/>のKPI（<xsl:value-of select="$met-label"/>／計）</cell>
          <cell header="yes" align="center">うち各<xsl:value-of select="$level-measure-short"/>のKPI（<xsl:value-of select="$met-label"/>／計）</cell>
          <xsl:for-each select="$summary/r:totals/r:tag"><cell header="yes" align="center"><xsl:call-template name="tag-summary-label"/></cell></xsl:for-each>
        </row>
      </head>
      <body>
        <xsl:for-each select="$summary/r:goal">
          <row>
            <cell header="yes"><link to="goal-{@r:ref}"><xsl:value-of select="$level-goal"/><xsl:value-of select="key('id', @r:ref)/@number"/></link></cell>
            <cell align="right"><xsl:value-of select="r:all/@r:total"/></cell>
            <xsl:call-template name="grade-cells"><xsl:with-param name="tally" select="r:all"/></xsl:call-template>
            <cell align="right"><xsl:value-of select="concat(r:goal-level/@r:met, '／', r:goal-level/@r:total)"/></cell>
            <cell align="right"><xsl:value-of select="concat(r:measure-level/@r:met, '／', r:measure-level/@r:total)"/></cell>
            <xsl:for-each select="r:tag"><cell align="right"><xsl:call-template name="met-of-total"/></cell></xsl:for-each>
          </row>
        </xsl:for-each>
        <row>
          <cell header="yes">合計</cell>
          <cell align="right"><xsl:value-of select="$summary/r:totals/r:all/@r:total"/></cell>
          <xsl:call-template name="grade-cells"><xsl:with-param name="tally" select="$summary/r:totals/r:all"/></xsl:call-template>
          <cell align="right"><xsl:value-of select="concat($summary/r:totals/r:goal-level/@r:met, '／', $summary/r:totals/r:goal-level/@r:total)"/></cell>
          <cell align="right"><xsl:value-of select="concat($summary/r:totals/r:measure-level/@r:met, '／', $summary/r:totals/r:measure-level/@r:total)"/></cell>
          <xsl:for-each select="$summary/r:totals/r:tag"><cell align="right"><xsl:call-template name="met-of-total"/></cell></xsl:for-each>
        </row>
      </body>
    </table>
    </xsl:if>
    <xsl:apply-templates select="s:goals/s:goal" mode="appendix"/>
  </xsl:template>

  <xsl:template match="s:goal" mode="appendix">
    <page-break/>
    <heading level="3" id="goal-{@id}" outline-title="{$level-goal}{@number}">
      <xsl:call-template name="src"/>
      <xsl:value-of select="$level-goal"/><xsl:value-of select="@number"/><xsl:text>　</xsl:text>
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
    <p><xsl:call-template name="goal-counts"/></p>
    <table id="goal-{@id}-table" size="small">
      <xsl:call-template name="src"/>
      <caption><xsl:value-of select="$level-goal"/><xsl:value-of select="@number"/>のKPI</caption>
      <col width="3"/><col width="3"/><col width="3"/><xsl:if test="$has-projects"><col width="3"/></xsl:if><col width="4"/>
      <xsl:for-each select="$cols"><col width="auto"/></xsl:for-each>
      <xsl:if test="$summary/r:previous"><col width="auto"/></xsl:if>
      <col width="auto"/><col width="auto"/><col width="2"/><col width="2"/><col width="3"/><col width="2"/>
      <xsl:for-each select="$text-columns"><col width="4"/></xsl:for-each>
      <head>
        <row>
          <cell header="yes" rowspan="2" align="center"><xsl:value-of select="$level-policy"/></cell>
          <cell header="yes" rowspan="2" align="center"><xsl:value-of select="$level-direction"/></cell>
          <cell header="yes" rowspan="2" align="center"><xsl:value-of select="$level-measure"/></cell>
          <xsl:if test="$has-projects"><cell header="yes" rowspan="2" align="center"><xsl:value-of select="$level-project"/></cell></xsl:if>
          <cell header="yes" colspan="{count($cols) + 3 + count($summary/r:previous)}" align="center">KPI</cell>
          <cell header="yes" rowspan="2" align="center">基準日<br/>(調査日)</cell>
          <cell header="yes" rowspan="2" align="center">結果公表日<br/>(確認時期)</cell>
          <cell header="yes" rowspan="2" align="center">確認方法</cell>
          <cell header="yes" rowspan="2" align="center">担当課</cell>
          <xsl:for-each select="$text-columns"><cell header="yes" rowspan="2" align="center"><xsl:value-of select="."/></cell></xsl:for-each>
        </row>
        <row>
          <cell header="yes" align="center">項目</cell>
          <xsl:for-each select="$cols"><cell header="yes" align="center" nowrap="yes"><xsl:call-template name="col-head"/></cell></xsl:for-each>
          <cell header="yes" align="center" nowrap="yes">達成率</cell>
          <xsl:if test="$summary/r:previous"><cell header="yes" align="center" nowrap="yes">前年度評価</cell></xsl:if>
          <cell header="yes" align="center" nowrap="yes">判定</cell>
        </row>
      </head>
      <body>
        <xsl:call-template name="kpi-rows"/>
      </body>
    </table>
    <xsl:call-template name="footnotes"/>
    <heading level="4" id="goal-{@id}-charts" outline="no"><xsl:value-of select="$level-goal"/><xsl:value-of select="@number"/>のKPIの推移</heading>
    <figure-grid columns="3">
      <xsl:for-each select=".//s:kpi">
        <figure kind="kpi" ref="{@id}" alt="{normalize-space(s:name)}の推移">
          <caption><xsl:value-of select="s:name"/></caption>
        </figure>
      </xsl:for-each>
    </figure-grid>
  </xsl:template>

  <!-- A heading's cell, spanning its rows (common.xsl, heading-cells). -->
  <xsl:template match="*" mode="heading-cell">
    <xsl:param name="rowspan"/>
    <cell header="yes" rowspan="{$rowspan}" id="h-{@id}">
      <xsl:apply-templates select="s:title/node()"/>
      <xsl:if test="@repost-of">（再掲）</xsl:if>
      <xsl:if test="not($draft) and @r:rollup"><xsl:apply-templates select="." mode="rollup"/></xsl:if>
    </cell>
  </xsl:template>

  <xsl:template match="*" mode="skip-level"><cell></cell></xsl:template>

  <xsl:template match="s:goal/s:kpi" mode="row" priority="2">
    <row id="kpi-{@id}">
      <xsl:call-template name="src"/>
      <xsl:if test="not(preceding-sibling::s:kpi)">
        <cell header="yes" colspan="{$heading-cols}" rowspan="{count(../s:kpi)}"><xsl:value-of select="$level-goal"/>の数値目標</cell>
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
      <cell colspan="{$ncols - $heading-cols - 1}"><xsl:value-of select="$level-goal"/><xsl:value-of select="$orig/ancestor::s:goal/@number"/>に掲載</cell>
    </row>
  </xsl:template>

  <xsl:template match="s:policy | s:direction | s:measure | s:project" mode="row">
    <row>
      <xsl:call-template name="src"/>
      <xsl:call-template name="heading-cells"/>
      <cell colspan="{$ncols - $heading-cols}">
        <xsl:for-each select="s:placeholder">
          <xsl:if test="position() > 1"><br/></xsl:if>
          <b>要記入：</b><xsl:apply-templates/>
        </xsl:for-each>
        <xsl:if test="not(s:placeholder)">（KPIの設定なし）</xsl:if>
      </cell>
    </row>
  </xsl:template>

  <!-- The cells of common.xsl's kpi-cells. -->
  <xsl:template match="s:kpi" mode="name-cell">
    <cell header="yes">
      <xsl:value-of select="s:name"/>
      <xsl:call-template name="year-basis-mark"/>
      <xsl:call-template name="footnote-refs"/>
      <xsl:for-each select="s:series[@label]"><br/><xsl:text>・</xsl:text><xsl:value-of select="@label"/></xsl:for-each>
      <xsl:call-template name="placeholder-inline"/>
    </cell>
  </xsl:template>

  <xsl:template match="s:kpi" mode="value-cell">
    <xsl:param name="col"/>
    <cell align="right" nowrap="yes">
      <!-- 累計 X（うち当該年度 Y）, 5,000人（当初 4,000人） and
           22,000人（R5年度目標 21,600人） may wrap -->
      <xsl:if test=".//s:value/@r:cumulative-text or .//s:target/@r:initial-text or .//s:target/@r:year-target-text">
        <xsl:attribute name="nowrap">avoid</xsl:attribute>
      </xsl:if>
      <xsl:for-each select="s:series | self::s:kpi[not(s:series)]">
        <xsl:if test="position() > 1"><br/></xsl:if>
        <xsl:call-template name="value-text"><xsl:with-param name="col" select="$col"/></xsl:call-template>
      </xsl:for-each>
    </cell>
  </xsl:template>

  <xsl:template match="s:kpi" mode="cell">
    <xsl:param name="kind"/>
    <xsl:param name="content"/>
    <cell>
      <xsl:if test="$kind = 'rate'"><xsl:attribute name="align">right</xsl:attribute></xsl:if>
      <xsl:if test="$kind = 'mark' or $kind = 'previous'"><xsl:attribute name="align">center</xsl:attribute></xsl:if>
      <xsl:if test="$kind = 'rate' or $kind = 'mark' or $kind = 'previous'"><xsl:attribute name="nowrap">yes</xsl:attribute></xsl:if>
      <xsl:if test="$kind = 'responsible'"><xsl:attribute name="nowrap">avoid</xsl:attribute></xsl:if>
      <xsl:copy-of select="$content"/>
    </cell>
  </xsl:template>

  <xsl:template match="s:responsible" mode="separator"><br/></xsl:template>

  <xsl:template match="*" mode="footnote-ref">
    <xsl:param name="n"/>
    <sup><link to="fn-{ancestor::s:goal/@id}-{$n}">※<xsl:value-of select="$n"/></link></sup>
  </xsl:template>

  <!-- A goal's footnotes (common.xsl, footnotes). -->
  <xsl:template match="s:goal" mode="footnotes">
    <xsl:param name="items"/>
      <list marker="none" style="note">
        <xsl:for-each select="$items">
          <xsl:variable name="n"><xsl:call-template name="footnote-number"/></xsl:variable>
          <item id="fn-{ancestor::s:goal/@id}-{$n}" label="※{$n}">
            <xsl:call-template name="src"/>
            <xsl:value-of select="ancestor::s:kpi/s:name"/>
            <xsl:text>：</xsl:text>
            <xsl:call-template name="footnote-text"/>
          </item>
        </xsl:for-each>
      </list>
  </xsl:template>

  <!-- ================================================ 付録2 交付金事業 -->
  <xsl:template match="s:grants">
    <page-break/>
    <heading level="2" id="appendix-grants">付録2　<xsl:value-of select="$grants-title"/></heading>
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

  <xsl:template match="s:serves"><xsl:call-template name="serves-link"/></xsl:template>

  <!-- ========================================== 付録3 担当課別の達成状況 -->
  <xsl:template match="r:summary" mode="appendix-departments">
    <page-break/>
    <heading level="2" id="appendix-departments"><xsl:call-template name="departments-title"/></heading>
    <p><xsl:call-template name="departments-intro"/></p>
    <table>
      <caption>担当課別のKPI達成状況</caption>
      <col width="2"/><col width="auto"/>
      <xsl:for-each select="$scale/r:grade | $summary/r:state"><col width="auto"/></xsl:for-each>
      <col width="10"/>
      <head>
        <row>
          <cell header="yes" align="center">担当課</cell><cell header="yes" align="center">KPI数</cell>
          <xsl:for-each select="$scale/r:grade | $summary/r:state">
            <cell header="yes" align="center"><xsl:value-of select="@r:label"/></cell>
          </xsl:for-each>
          <cell header="yes" align="center">担当するKPI</cell>
        </row>
      </head>
      <body>
        <xsl:call-template name="departments"/>
      </body>
    </table>
  </xsl:template>

  <xsl:template match="r:department" mode="department">
    <row>
      <cell header="yes"><xsl:value-of select="key('dept', @r:ref)"/></cell>
      <cell align="right"><xsl:value-of select="r:all/@r:total"/></cell>
      <xsl:call-template name="grade-cells"><xsl:with-param name="tally" select="r:all"/></xsl:call-template>
      <cell><xsl:call-template name="department-kpis"/></cell>
    </row>
  </xsl:template>

  <xsl:template match="s:kpi" mode="department-kpi">
    <xsl:param name="pos"/>
    <xsl:if test="$pos > 1"><xsl:text>、</xsl:text></xsl:if>
    <link to="kpi-{@id}"><xsl:value-of select="s:name"/></link>
    <xsl:text>（</xsl:text>
    <xsl:value-of select="r:result/@r:symbol"/>
    <xsl:text>）</xsl:text>
  </xsl:template>

</xsl:stylesheet>

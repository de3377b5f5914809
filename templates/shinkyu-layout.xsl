<?xml version="1.0" encoding="UTF-8"?>
<!--
  shinkyu-layout.xsl - the 新旧対照表 for print, in kpic's layout vocabulary
  (templates/layout.rng); same content as shinkyu.xsl.  Changed words of the
  narrative are set in bold between 【 】 on the side they belong to, since
  print has no colour to rely on.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:x-kpic:diff:1"
    xmlns:k="urn:x-kpic:fn"
    xmlns="urn:x-kpic:layout:1"
    exclude-result-prefixes="d k">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="d:same d:ins d:del d:before d:after d:note"/>

  <xsl:param name="css"/>

  <xsl:variable name="old" select="/d:diff/d:source[@side = 'before']"/>
  <xsl:variable name="new" select="/d:diff/d:source[@side = 'after']"/>

  <xsl:template match="/d:diff">
    <document title="{$new/@title}　新旧対照表" author="{$new/@title}" subject="新旧対照表"
              running-header="{$new/@title}　新旧対照表">
      <sequence orientation="portrait">
        <heading level="1" outline="no"><xsl:value-of select="$new/@title"/>　新旧対照表</heading>
        <p style="subtitle">
          <xsl:text>旧：</xsl:text><xsl:apply-templates select="$old" mode="version"/>
          <xsl:text>　新：</xsl:text><xsl:apply-templates select="$new" mode="version"/>
        </p>
        <heading level="2" id="summary">変更の概要</heading>
        <p>変更は<xsl:value-of select="@changes"/>件。</p>
        <xsl:if test="d:summary/d:kind">
          <table>
            <caption>種類別の変更件数</caption>
            <col width="4"/><col width="1"/>
            <head><row><cell header="yes" align="center">変更の種類</cell><cell header="yes" align="center">件数</cell></row></head>
            <body>
              <xsl:for-each select="d:summary/d:kind">
                <row><cell><xsl:value-of select="@label"/></cell><cell align="right"><xsl:value-of select="@count"/></cell></row>
              </xsl:for-each>
            </body>
          </table>
        </xsl:if>
        <xsl:apply-templates select="d:counts"/>
        <xsl:apply-templates select="d:group"/>
      </sequence>
    </document>
  </xsl:template>

  <xsl:template match="d:counts">
    <table>
      <caption>達成率<xsl:value-of select="@threshold-after"/>%以上のKPI（旧 → 新）</caption>
      <col width="2"/><col width="1"/><col width="1"/><col width="1"/><col width="1"/>
      <head>
        <row>
          <cell header="yes" align="center">基本目標</cell>
          <cell header="yes" align="center">全KPI 旧</cell><cell header="yes" align="center">全KPI 新</cell>
          <cell header="yes" align="center">各施策のKPI 旧</cell><cell header="yes" align="center">各施策のKPI 新</cell>
        </row>
      </head>
      <body>
        <xsl:for-each select="d:goal">
          <row>
            <cell header="yes">基本目標<xsl:value-of select="@number"/><xsl:if test="@changed = 'yes'">（変更）</xsl:if></cell>
            <xsl:call-template name="count-cells"/>
          </row>
        </xsl:for-each>
        <xsl:for-each select="d:total">
          <row><cell header="yes">合計</cell><xsl:call-template name="count-cells"/></row>
        </xsl:for-each>
      </body>
    </table>
  </xsl:template>

  <xsl:template name="count-cells">
    <cell align="right"><xsl:for-each select="d:before"><xsl:value-of select="@all-met"/>／<xsl:value-of select="@all-met + @all-not-met"/></xsl:for-each></cell>
    <cell align="right"><xsl:for-each select="d:after"><xsl:value-of select="@all-met"/>／<xsl:value-of select="@all-met + @all-not-met"/></xsl:for-each></cell>
    <cell align="right"><xsl:for-each select="d:before"><xsl:value-of select="@measure-met"/>／<xsl:value-of select="@measure-met + @measure-not-met"/></xsl:for-each></cell>
    <cell align="right"><xsl:for-each select="d:after"><xsl:value-of select="@measure-met"/>／<xsl:value-of select="@measure-met + @measure-not-met"/></xsl:for-each></cell>
  </xsl:template>

  <xsl:template match="d:group">
    <heading level="2" id="group-{position()}">
      <xsl:choose>
        <xsl:when test="@area = 'goal'">基本目標<xsl:value-of select="@number"/>　<xsl:value-of select="@title"/></xsl:when>
        <xsl:when test="@area = 'grants'">交付金事業</xsl:when>
        <xsl:when test="@area = 'document'">検証の本文</xsl:when>
        <xsl:otherwise>戦略全体</xsl:otherwise>
      </xsl:choose>
    </heading>
    <table size="small">
      <col width="3"/><col width="4"/><col width="4"/>
      <head><row><cell header="yes" align="center">項目</cell><cell header="yes" align="center">旧</cell><cell header="yes" align="center">新</cell></row></head>
      <body>
        <xsl:apply-templates select="d:change"/>
      </body>
    </table>
  </xsl:template>

  <xsl:template match="d:change">
    <row>
      <cell header="yes">
        <xsl:value-of select="@label"/>
        <xsl:if test="@field-label">（<xsl:value-of select="@field-label"/>）</xsl:if>
        <xsl:if test="@name"><br/><b><xsl:value-of select="@name"/></b></xsl:if>
        <xsl:if test="@series-label"><xsl:text> </xsl:text><xsl:value-of select="@series-label"/></xsl:if>
        <xsl:if test="d:path/d:step">
          <br/>
          <xsl:for-each select="d:path/d:step">
            <xsl:if test="position() > 1"> › </xsl:if>
            <xsl:value-of select="@title"/>
          </xsl:for-each>
        </xsl:if>
        <xsl:for-each select="d:note"><br/><xsl:value-of select="."/></xsl:for-each>
      </cell>
      <xsl:choose>
        <xsl:when test="d:block">
          <cell><xsl:for-each select="d:block"><xsl:if test="position() > 1"><br/><br/></xsl:if><xsl:apply-templates select="d:before/node()"/></xsl:for-each></cell>
          <cell><xsl:for-each select="d:block"><xsl:if test="position() > 1"><br/><br/></xsl:if><xsl:apply-templates select="d:after/node()"/></xsl:for-each></cell>
        </xsl:when>
        <xsl:otherwise>
          <cell><xsl:apply-templates select="d:before" mode="value"/></cell>
          <cell><xsl:apply-templates select="d:after" mode="value"/></cell>
        </xsl:otherwise>
      </xsl:choose>
    </row>
  </xsl:template>

  <xsl:template match="d:before | d:after" mode="value">
    <xsl:if test="@era"><xsl:value-of select="@era"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="@text"/>
    <!-- The text of a provisional value already says 未確定 (未確定 (313千㎡)). -->
    <xsl:if test="@status and @status != 'measured' and @status != 'provisional'">（<xsl:call-template name="status"/>）</xsl:if>
  </xsl:template>

  <!-- A version as the document names it: its title and as-of date in 和暦
       (網走市…総合戦略（平成31年4月1日現在）), not its file name. -->
  <xsl:template match="d:source" mode="version">
    <xsl:value-of select="@title"/>
    <xsl:text>（</xsl:text><xsl:value-of select="k:date(@as-of, 'long')"/><xsl:text>現在）</xsl:text>
  </xsl:template>

  <xsl:template match="d:same"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="d:del | d:ins"><b>【<xsl:value-of select="."/>】</b></xsl:template>
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
</xsl:stylesheet>

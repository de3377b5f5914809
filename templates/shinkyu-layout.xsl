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
  <!-- What this sheet shares with shinkyu.xsl (keys, variables, texts,
       which cells a row has) is in common.xsl; here are its own format's elements. -->
  <xsl:include href="common.xsl"/>
  <xsl:preserve-space elements="d:same d:ins d:del d:before d:after d:note"/>

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
      <caption><xsl:apply-templates select="." mode="criterion"/>のKPI（旧 → 新）</caption>
      <col width="2"/><col width="1"/><col width="1"/><col width="1"/><col width="1"/>
      <head>
        <row>
          <cell header="yes" align="center"><xsl:value-of select="$level-goal"/></cell>
          <cell header="yes" align="center">全KPI 旧</cell><cell header="yes" align="center">全KPI 新</cell>
          <cell header="yes" align="center">各<xsl:value-of select="$level-measure-short"/>のKPI 旧</cell><cell header="yes" align="center">各<xsl:value-of select="$level-measure-short"/>のKPI 新</cell>
        </row>
      </head>
      <body>
        <xsl:for-each select="d:goal">
          <row>
            <cell header="yes"><xsl:value-of select="$level-goal"/><xsl:value-of select="@number"/><xsl:if test="@changed = 'yes'">（変更）</xsl:if></cell>
            <xsl:apply-templates select="." mode="count-cells"/>
          </row>
        </xsl:for-each>
        <xsl:for-each select="d:total">
          <row><cell header="yes">合計</cell><xsl:apply-templates select="." mode="count-cells"/></row>
        </xsl:for-each>
      </body>
    </table>
    <xsl:if test="count(d:scale/d:grade) > 2">
      <xsl:variable name="cols" select="d:scale/d:grade | d:state"/>
      <table>
        <caption><xsl:value-of select="d:scale/@name"/>別のKPI件数（旧 → 新）</caption>
        <col width="2"/>
        <xsl:for-each select="$cols"><col width="1"/></xsl:for-each>
        <head>
          <row>
            <cell header="yes" align="center"><xsl:value-of select="$level-goal"/></cell>
            <xsl:for-each select="$cols"><cell header="yes" align="center"><xsl:value-of select="@symbol"/></cell></xsl:for-each>
          </row>
        </head>
        <body>
          <xsl:for-each select="d:goal | d:total">
            <xsl:sort select="count(self::d:total)" data-type="number"/>
            <xsl:variable name="of" select="."/>
            <row>
              <cell header="yes"><xsl:choose><xsl:when test="self::d:total">合計</xsl:when><xsl:otherwise><xsl:value-of select="$level-goal"/><xsl:value-of select="@number"/><xsl:if test="@changed = 'yes'">（変更）</xsl:if></xsl:otherwise></xsl:choose></cell>
              <xsl:for-each select="$cols">
                <cell align="right"><xsl:apply-templates select="." mode="count-change"><xsl:with-param name="of" select="$of"/></xsl:apply-templates></cell>
              </xsl:for-each>
            </row>
          </xsl:for-each>
        </body>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template match="d:goal | d:total" mode="count-cells">
    <cell align="right"><xsl:apply-templates select="d:before" mode="all"/></cell>
    <cell align="right"><xsl:apply-templates select="d:after" mode="all"/></cell>
    <cell align="right"><xsl:apply-templates select="d:before" mode="measure"/></cell>
    <cell align="right"><xsl:apply-templates select="d:after" mode="measure"/></cell>
  </xsl:template>

  <xsl:template match="d:group">
    <heading level="2" id="group-{position()}">
      <xsl:call-template name="area"/>
      <xsl:if test="@area = 'goal'">　<xsl:value-of select="@title"/></xsl:if>
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

  <!-- The parts of common.xsl's mode="value". -->
  <xsl:template match="d:before | d:after" mode="era"><xsl:value-of select="@era"/></xsl:template>
  <xsl:template match="d:before | d:after" mode="value-text"><xsl:value-of select="@text"/></xsl:template>

  <xsl:template match="d:del | d:ins"><b>【<xsl:value-of select="."/>】</b></xsl:template>
</xsl:stylesheet>

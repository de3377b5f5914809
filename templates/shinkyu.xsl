<?xml version="1.0" encoding="UTF-8"?>
<!--
  shinkyu.xsl - the 新旧対照表 of two strategy versions as one HTML page.

  Input: the XML of `kpic diff` (namespace urn:x-kpic:diff:1, documented in
  tools/diff_out.h).  Each change is a row of a three-column table: what changed
  (its kind, its subject and where it sits), the old text, the new text; changed
  words of the narrative are marked with <del> and <ins>.  Every figure comes
  from the diff; nothing is computed here.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:x-kpic:diff:1"
    xmlns:k="urn:x-kpic:fn"
    exclude-result-prefixes="d k">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>
  <!-- What this sheet shares with shinkyu-layout.xsl (keys, variables, texts,
       which cells a row has) is in common.xsl; here are its own format's elements. -->
  <xsl:include href="common.xsl"/>
  <xsl:preserve-space elements="d:same d:ins d:del d:before d:after d:note"/>

  <xsl:variable name="old" select="/d:diff/d:source[@side = 'before']"/>
  <xsl:variable name="new" select="/d:diff/d:source[@side = 'after']"/>

  <xsl:template match="/d:diff">
    <html lang="ja">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="{@generator}"/>
        <title><xsl:value-of select="$new/@title"/>　新旧対照表</title>
        <style><xsl:value-of select="$css"/></style>
      </head>
      <body>
        <header class="doc-header">
          <h1><xsl:value-of select="$new/@title"/>　新旧対照表</h1>
          <p class="as-of">
            <xsl:text>旧：</xsl:text><xsl:apply-templates select="$old" mode="version"/>
            <xsl:text>　新：</xsl:text><xsl:apply-templates select="$new" mode="version"/>
          </p>
        </header>
        <main id="main">
          <section id="summary" aria-labelledby="summary-h">
            <h2 id="summary-h">変更の概要</h2>
            <p>変更は<xsl:value-of select="@changes"/>件。</p>
            <xsl:if test="d:summary/d:kind">
              <div role="region" class="table-scroll" tabindex="0" aria-labelledby="kinds-cap">
                <table class="kinds">
                  <caption id="kinds-cap">種類別の変更件数</caption>
                  <thead><tr><th scope="col">変更の種類</th><th scope="col">件数</th></tr></thead>
                  <tbody>
                    <xsl:for-each select="d:summary/d:kind">
                      <tr><th scope="row"><xsl:value-of select="@label"/></th><td class="num"><xsl:value-of select="@count"/></td></tr>
                    </xsl:for-each>
                  </tbody>
                </table>
              </div>
            </xsl:if>
            <xsl:apply-templates select="d:counts"/>
          </section>
          <xsl:apply-templates select="d:group"/>
        </main>
        <footer class="doc-footer"><p><xsl:value-of select="@generator"/>により作成</p></footer>
      </body>
    </html>
  </xsl:template>

  <!-- KPIs at or above the threshold, per goal, before and after. -->
  <xsl:template match="d:counts">
    <div role="region" class="table-scroll" tabindex="0" aria-labelledby="counts-cap">
      <table class="counts shinkyu-counts">
        <caption id="counts-cap"><xsl:apply-templates select="." mode="criterion"/>のKPI（旧 → 新）</caption>
        <thead>
          <tr><th scope="col"><xsl:value-of select="$level-goal"/></th><th scope="col">全KPI 旧</th><th scope="col">全KPI 新</th>
              <th scope="col">各<xsl:value-of select="$level-measure-short"/>のKPI 旧</th><th scope="col">各<xsl:value-of select="$level-measure-short"/>のKPI 新</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="d:goal">
            <tr>
              <xsl:if test="@changed = 'yes'"><xsl:attribute name="class">changed</xsl:attribute></xsl:if>
              <th scope="row"><xsl:value-of select="$level-goal"/><xsl:value-of select="@number"/></th>
              <td class="num"><xsl:apply-templates select="d:before" mode="all"/></td>
              <td class="num"><xsl:apply-templates select="d:after" mode="all"/></td>
              <td class="num"><xsl:apply-templates select="d:before" mode="measure"/></td>
              <td class="num"><xsl:apply-templates select="d:after" mode="measure"/></td>
            </tr>
          </xsl:for-each>
          <tr class="total">
            <th scope="row">合計</th>
            <td class="num"><xsl:apply-templates select="d:total/d:before" mode="all"/></td>
            <td class="num"><xsl:apply-templates select="d:total/d:after" mode="all"/></td>
            <td class="num"><xsl:apply-templates select="d:total/d:before" mode="measure"/></td>
            <td class="num"><xsl:apply-templates select="d:total/d:after" mode="measure"/></td>
          </tr>
        </tbody>
      </table>
    </div>
    <xsl:if test="count(d:scale/d:grade) > 2">
      <xsl:variable name="cols" select="d:scale/d:grade | d:state"/>
      <div role="region" class="table-scroll" tabindex="0" aria-labelledby="grade-counts-cap">
        <table class="counts shinkyu-grades">
          <caption id="grade-counts-cap"><xsl:value-of select="d:scale/@name"/>別のKPI件数（旧 → 新）</caption>
          <thead>
            <tr><th scope="col"><xsl:value-of select="$level-goal"/></th>
              <xsl:for-each select="$cols"><th scope="col"><xsl:value-of select="@symbol"/></th></xsl:for-each></tr>
          </thead>
          <tbody>
            <xsl:for-each select="d:goal | d:total">
              <xsl:sort select="count(self::d:total)" data-type="number"/>
              <xsl:variable name="of" select="."/>
              <tr>
                <xsl:if test="@changed = 'yes'"><xsl:attribute name="class">changed</xsl:attribute></xsl:if>
                <xsl:if test="self::d:total"><xsl:attribute name="class">total</xsl:attribute></xsl:if>
                <th scope="row"><xsl:choose><xsl:when test="self::d:total">合計</xsl:when><xsl:otherwise><xsl:value-of select="$level-goal"/><xsl:value-of select="@number"/></xsl:otherwise></xsl:choose></th>
                <xsl:for-each select="$cols">
                  <td class="num"><xsl:apply-templates select="." mode="count-change"><xsl:with-param name="of" select="$of"/></xsl:apply-templates></td>
                </xsl:for-each>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="d:group">
    <xsl:variable name="gid" select="concat('group-', position())"/>
    <section id="{$gid}" aria-labelledby="{$gid}-h">
      <xsl:variable name="area"><xsl:call-template name="area"/></xsl:variable>
      <h2 id="{$gid}-h">
        <xsl:value-of select="$area"/>
        <xsl:if test="@area = 'goal'">　<xsl:value-of select="@title"/></xsl:if>
      </h2>
      <div role="region" class="table-scroll" tabindex="0" aria-labelledby="{$gid}-cap">
        <table class="shinkyu">
          <caption id="{$gid}-cap"><xsl:value-of select="$area"/>の新旧対照表（<xsl:value-of select="count(d:change)"/>件）</caption>
          <thead><tr><th scope="col">項目</th><th scope="col">旧</th><th scope="col">新</th></tr></thead>
          <tbody>
            <xsl:apply-templates select="d:change"/>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="d:change">
    <tr class="change {@kind}">
      <th scope="row">
        <span class="kind"><xsl:value-of select="@label"/></span>
        <xsl:if test="@field-label">（<xsl:value-of select="@field-label"/>）</xsl:if>
        <xsl:if test="@name"><br/><strong><xsl:value-of select="@name"/></strong></xsl:if>
        <xsl:if test="@series-label"><xsl:text> </xsl:text><xsl:value-of select="@series-label"/></xsl:if>
        <xsl:if test="d:path/d:step">
          <br/><span class="path">
            <xsl:for-each select="d:path/d:step">
              <xsl:if test="position() > 1"> › </xsl:if>
              <xsl:value-of select="@title"/>
            </xsl:for-each>
          </span>
        </xsl:if>
        <xsl:for-each select="d:note"><br/><span class="note"><xsl:value-of select="."/></span></xsl:for-each>
      </th>
      <xsl:choose>
        <xsl:when test="d:block">
          <td class="old"><xsl:apply-templates select="d:block" mode="before"/></td>
          <td class="new"><xsl:apply-templates select="d:block" mode="after"/></td>
        </xsl:when>
        <xsl:otherwise>
          <td class="old"><xsl:apply-templates select="d:before" mode="value"/></td>
          <td class="new"><xsl:apply-templates select="d:after" mode="value"/></td>
        </xsl:otherwise>
      </xsl:choose>
    </tr>
  </xsl:template>

  <!-- The parts of common.xsl's mode="value". -->
  <xsl:template match="d:before | d:after" mode="era"><span class="era"><xsl:value-of select="@era"/></span></xsl:template>
  <xsl:template match="d:before" mode="value-text"><del><xsl:value-of select="@text"/></del></xsl:template>
  <xsl:template match="d:after" mode="value-text"><ins><xsl:value-of select="@text"/></ins></xsl:template>

  <xsl:template match="d:block" mode="before">
    <p class="block {@op}"><xsl:apply-templates select="d:before/node()"/></p>
  </xsl:template>
  <xsl:template match="d:block" mode="after">
    <p class="block {@op}"><xsl:apply-templates select="d:after/node()"/></p>
  </xsl:template>
  <xsl:template match="d:del"><del><xsl:value-of select="."/></del></xsl:template>
  <xsl:template match="d:ins"><ins><xsl:value-of select="."/></ins></xsl:template>
</xsl:stylesheet>

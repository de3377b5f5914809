<?xml version="1.0" encoding="UTF-8"?>
<!--
  kensho.xsl - the verification document (検証書) as one self-contained HTML page.

  Input: kpic's enriched XML (the source plus r:* results).  Every figure on the
  page comes from an r:* attribute or a k:* extension function; this stylesheet
  never computes or formats a number itself.  Order of the page:
    header, table of contents, the narrative (document/section, in source order),
    付録1 KPI一覧 (per goal: table, footnotes, trend charts),
    付録2 交付金事業, 付録3 担当課別の達成状況 (付録2 without grants), footer.
  Anchors: #goal-ID for a goal, #kpi-ID for a KPI row, #h-ID for a heading,
  #SECTION-ID for a narrative section.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="urn:x-kpic:strategy:1"
    xmlns:r="urn:x-kpic:result:1"
    xmlns:k="urn:x-kpic:fn"
    exclude-result-prefixes="s r k">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>
  <!-- What this sheet shares with kensho-layout.xsl (keys, variables, texts,
       which cells a row has) is in common.xsl; here are its own format's elements. -->
  <xsl:include href="common.xsl"/>
  <!-- The KPI finder (kensho.js), read by kpic like the CSS. -->
  <xsl:param name="js"/>

  <!-- ================================================================ page -->
  <xsl:template match="/s:strategy">
    <html lang="ja">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="{$summary/@r:generator}"/>
        <title><xsl:value-of select="s:document/s:title"/></title>
        <style><xsl:value-of select="$css"/></style>
      </head>
      <body>
        <a class="skip" href="#main">本文へ移動</a>
        <header class="doc-header">
          <p class="municipality"><xsl:value-of select="s:meta/s:municipality"/></p>
          <h1><xsl:apply-templates select="s:document/s:title/node()"/></h1>
          <p class="as-of">
            <xsl:value-of select="k:date(s:meta/s:as-of, 'long')"/>
            <xsl:text>現在のデータによる</xsl:text>
          </p>
        </header>
        <xsl:call-template name="toc"/>
        <main id="main">
          <xsl:apply-templates select="s:document/s:section"/>
          <xsl:apply-templates select="." mode="appendix-kpis"/>
          <xsl:apply-templates select="s:grants"/>
          <xsl:if test="not($draft)"><xsl:apply-templates select="$summary" mode="appendix-departments"/></xsl:if>
        </main>
        <footer class="doc-footer">
          <p>
            <xsl:value-of select="s:meta/s:municipality"/>
            <xsl:text>　</xsl:text>
            <xsl:value-of select="s:meta/s:title"/>
            <xsl:text>　検証（</xsl:text>
            <xsl:value-of select="$summary/@r:generator"/>
            <xsl:text>により作成）</xsl:text>
          </p>
        </footer>
        <xsl:if test="not($draft) and $js != ''"><script><xsl:value-of select="$js"/></script></xsl:if>
      </body>
    </html>
  </xsl:template>

  <!-- ====================================================== table of contents -->
  <xsl:template name="toc">
    <nav class="toc" aria-labelledby="toc-h">
      <h2 id="toc-h">目次</h2>
      <ol>
        <xsl:for-each select="s:document/s:section">
          <li>
            <a href="#{@id}"><xsl:call-template name="section-heading-text"/></a>
            <xsl:if test="s:section">
              <ol>
                <xsl:for-each select="s:section">
                  <li><a href="#{@id}"><xsl:call-template name="section-heading-text"/></a></li>
                </xsl:for-each>
              </ol>
            </xsl:if>
          </li>
        </xsl:for-each>
        <li>
          <a href="#appendix-kpi">付録1　KPI一覧</a>
          <ol>
            <xsl:for-each select="s:goals/s:goal">
              <li>
                <a href="#goal-{@id}">
                  <xsl:value-of select="$level-goal"/><xsl:value-of select="@number"/><xsl:text>　</xsl:text>
                  <xsl:apply-templates select="s:title/node()"/>
                </a>
              </li>
            </xsl:for-each>
          </ol>
        </li>
        <xsl:if test="s:grants">
          <li><a href="#appendix-grants">付録2　<xsl:value-of select="$grants-title"/></a></li>
        </xsl:if>
        <xsl:if test="not($draft)">
          <li><a href="#appendix-departments"><xsl:call-template name="departments-title"/></a></li>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template name="section-heading-text">
    <xsl:if test="@label">
      <xsl:value-of select="@label"/>
      <xsl:text>　</xsl:text>
    </xsl:if>
    <xsl:apply-templates select="s:title/node()"/>
  </xsl:template>

  <!-- ============================================================= narrative -->
  <xsl:template match="s:section">
    <xsl:variable name="depth" select="count(ancestor::s:section) + 2"/>
    <section id="{@id}" aria-labelledby="{@id}-h">
      <xsl:element name="h{$depth}">
        <xsl:attribute name="id"><xsl:value-of select="@id"/>-h</xsl:attribute>
        <xsl:call-template name="section-heading-text"/>
      </xsl:element>
      <xsl:apply-templates select="*[not(self::s:title)]"/>
    </section>
  </xsl:template>

  <xsl:template match="s:p">
    <p><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="s:list">
    <ul class="list-{@style}{substring('plain', 1, 5 * not(@style))}">
      <xsl:for-each select="s:item">
        <li><xsl:apply-templates/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="s:note">
    <p class="note"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- What staff must still write or decide (drafts); never published by mistake:
       kpic check reports each one (draft-placeholder). -->
  <xsl:template match="s:placeholder">
    <p class="placeholder"><strong>要記入：</strong><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="s:review">
    <p class="review"><xsl:apply-templates/></p>
  </xsl:template>


  <!-- inline -->
  <xsl:template match="s:em"><strong><xsl:apply-templates/></strong></xsl:template>
  <xsl:template match="s:ref">
    <a href="#{@to}"><xsl:apply-templates/></a>
  </xsl:template>

  <!-- A wide table scrolls inside its own box (div.table-scroll), never the page. -->
  <xsl:template match="s:table">
    <div role="region" class="table-scroll" tabindex="0" aria-labelledby="{@id}-cap">
      <table id="{@id}">
        <caption id="{@id}-cap"><xsl:apply-templates select="s:caption/node()"/></caption>
        <xsl:if test="s:row[@header = 'yes']">
          <thead>
            <xsl:for-each select="s:row[@header = 'yes']">
              <tr>
                <xsl:for-each select="s:cell">
                  <th scope="col"><xsl:apply-templates/></th>
                </xsl:for-each>
              </tr>
            </xsl:for-each>
          </thead>
        </xsl:if>
        <tbody>
          <xsl:for-each select="s:row[not(@header = 'yes')]">
            <tr>
              <xsl:for-each select="s:cell">
                <xsl:choose>
                  <xsl:when test="position() = 1"><th scope="row"><xsl:apply-templates/></th></xsl:when>
                  <xsl:otherwise><td><xsl:apply-templates/></td></xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="s:committee">
    <div role="region" class="table-scroll" tabindex="0" aria-labelledby="{@id}-cap">
      <table id="{@id}" class="committee">
        <caption id="{@id}-cap">
          <xsl:apply-templates select="s:caption/node()"/>
          <xsl:text>　</xsl:text>
          <xsl:value-of select="@r:date-text"/>
          <xsl:text>現在</xsl:text>
        </caption>
        <thead><tr><th scope="col">団体名</th><th scope="col">役職</th><th scope="col">氏名</th></tr></thead>
        <tbody>
          <xsl:for-each select="s:member">
            <tr>
              <td><xsl:value-of select="@organization"/></td>
              <td><xsl:value-of select="@role"/></td>
              <th scope="row"><xsl:value-of select="@name"/></th>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="s:meetings">
    <div role="region" class="table-scroll" tabindex="0" aria-labelledby="{@id}-cap">
      <table id="{@id}" class="meetings">
        <caption id="{@id}-cap"><xsl:apply-templates select="s:caption/node()"/></caption>
        <thead><tr><th scope="col">開催日</th><th scope="col">主な議論内容</th></tr></thead>
        <tbody>
          <xsl:for-each select="s:meeting">
            <tr>
              <th scope="row"><time datetime="{@date}"><xsl:value-of select="@r:date-text"/></time></th>
              <td><xsl:apply-templates/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <!-- A row of a goal's count table: a grade or state, all / goal / measures. -->
  <xsl:template match="r:grade | r:state" mode="count-row">
    <xsl:param name="c"/>
    <tr>
      <th scope="row"><xsl:value-of select="@r:label"/></th>
      <td><xsl:call-template name="grade-count"><xsl:with-param name="tally" select="$c/r:all"/></xsl:call-template></td>
      <td><xsl:call-template name="grade-count"><xsl:with-param name="tally" select="$c/r:goal-level"/></xsl:call-template></td>
      <td><xsl:call-template name="grade-count"><xsl:with-param name="tally" select="$c/r:measure-level"/></xsl:call-template></td>
      <xsl:variable name="grade" select="."/>
      <xsl:for-each select="$c/r:tag">
        <td><xsl:variable name="tag" select="."/><xsl:for-each select="$grade"><xsl:call-template name="grade-count"><xsl:with-param name="tally" select="$tag"/></xsl:call-template></xsl:for-each></td>
      </xsl:for-each>
    </tr>
  </xsl:template>

  <!-- The seed's per-goal table: a row per grade of the primary scale (and
       per state), the total; columns all / goal / measures. -->
  <!-- The counts of several evaluation years, a column group per year. -->
  <xsl:template match="s:year-counts">
    <xsl:variable name="years" select="r:year"/>
    <xsl:variable name="n" select="count($scale/r:grade | $summary/r:state)"/>
    <xsl:variable name="cid" select="concat('year-counts-', count(preceding::s:year-counts) + 1)"/>
    <div role="region" class="table-scroll" tabindex="0" aria-labelledby="{$cid}-cap">
      <table id="{$cid}" class="counts">
        <caption id="{$cid}-cap"><xsl:call-template name="counts-caption"/></caption>
        <thead>
          <tr>
            <th scope="col" rowspan="2">基本目標</th>
            <xsl:for-each select="$years"><th scope="colgroup" colspan="{$n}"><xsl:value-of select="@r:era"/>年度</th></xsl:for-each>
          </tr>
          <tr>
            <xsl:for-each select="$years">
              <xsl:for-each select="$scale/r:grade | $summary/r:state"><th scope="col"><xsl:value-of select="@r:symbol"/></th></xsl:for-each>
            </xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$summary/r:goal">
            <xsl:variable name="ref" select="@r:ref"/>
            <tr>
              <th scope="row">基本目標<xsl:value-of select="key('id', $ref)/@number"/></th>
              <xsl:for-each select="$years">
                <xsl:call-template name="grade-cells"><xsl:with-param name="tally" select="r:goal[@r:ref = $ref]/r:all"/></xsl:call-template>
              </xsl:for-each>
            </tr>
          </xsl:for-each>
          <tr class="total">
            <th scope="row">合計</th>
            <xsl:for-each select="$years">
              <xsl:call-template name="grade-cells"><xsl:with-param name="tally" select="r:totals/r:all"/></xsl:call-template>
            </xsl:for-each>
          </tr>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="s:count-table">
    <xsl:variable name="cid" select="concat('count-', @goal)"/>
    <xsl:variable name="c" select="r:counts"/>
    <div role="region" class="table-scroll" tabindex="0" aria-labelledby="{$cid}-cap">
      <table id="{$cid}" class="counts">
        <caption id="{$cid}-cap"><xsl:call-template name="counts-caption"/></caption>
        <thead>
          <tr><td></td><th scope="col">全KPI</th><th scope="col"><xsl:value-of select="$level-goal"/></th><th scope="col">各<xsl:value-of select="$level-measure-short"/>のKPI</th>
            <xsl:for-each select="$c/r:tag"><th scope="col"><xsl:call-template name="tag-label"/></th></xsl:for-each></tr>
        </thead>
        <tbody>
          <xsl:apply-templates select="$scale/r:grade | $summary/r:state[@r:counted = 'yes']" mode="count-row">
            <xsl:with-param name="c" select="$c"/>
          </xsl:apply-templates>
          <tr class="total">
            <th scope="row">合計</th>
            <td><xsl:value-of select="$c/r:all/@r:total"/></td>
            <td><xsl:value-of select="$c/r:goal-level/@r:total"/></td>
            <td><xsl:value-of select="$c/r:measure-level/@r:total"/></td>
            <xsl:for-each select="$c/r:tag"><td><xsl:value-of select="@r:total"/></td></xsl:for-each>
          </tr>
          <xsl:apply-templates select="$summary/r:state[@r:counted = 'no']" mode="count-row">
            <xsl:with-param name="c" select="$c"/>
          </xsl:apply-templates>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="s:viewpoints">
    <ol class="viewpoints">
      <xsl:for-each select="s:viewpoint">
        <li>
          <p class="vp-heading"><a href="#goal-{@goal}"><xsl:apply-templates select="s:heading/node()"/></a></p>
          <xsl:for-each select="s:add">
            <p class="vp-add"><span aria-hidden="true">⇒</span><xsl:apply-templates/></p>
          </xsl:for-each>
          <xsl:apply-templates select="s:note"/>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template match="s:priorities">
    <div role="region" class="table-scroll" tabindex="0" aria-labelledby="{@id}-cap">
      <table id="{@id}" class="priorities">
        <caption id="{@id}-cap">重点課題</caption>
        <thead><tr><th scope="col">番号</th><th scope="col">重点課題</th><th scope="col">関連する<xsl:value-of select="$level-goal"/></th></tr></thead>
        <tbody>
          <xsl:for-each select="s:priority">
            <tr>
              <td class="num"><xsl:value-of select="@number"/></td>
              <th scope="row"><xsl:apply-templates/></th>
              <td><xsl:call-template name="goal-links"><xsl:with-param name="ids" select="normalize-space(@goals)"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <!-- The links of common.xsl. -->
  <xsl:template match="*" mode="link">
    <xsl:param name="to"/>
    <xsl:param name="content"/>
    <a href="#{$to}"><xsl:copy-of select="$content"/></a>
  </xsl:template>

  <!-- ================================================================ figures -->
  <xsl:template match="s:figure">
    <figure id="{@id}" class="figure figure-{@kind}">
      <figcaption><xsl:apply-templates select="s:caption/node()"/></figcaption>
      <xsl:choose>
        <xsl:when test="@kind = 'kpi-trend'">
          <xsl:copy-of select="k:chart('kpi', @kpi, concat(@id, '-chart'))"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:copy-of select="k:chart(@kind, '', concat(@id, '-chart'))"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="@kind = 'kpi-trend'">
          <xsl:apply-templates select="key('id', @kpi)" mode="data-table">
            <xsl:with-param name="fid" select="@id"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:when test="@kind = 'population-vision'">
          <xsl:call-template name="vision-table"><xsl:with-param name="fid" select="@id"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <p class="figure-data"><a href="#goal-summary">数値は付録1の表を参照</a></p>
        </xsl:otherwise>
      </xsl:choose>
    </figure>
  </xsl:template>

  <!-- The data behind a KPI chart, as a table. -->
  <xsl:template match="s:kpi" mode="data-table">
    <xsl:param name="fid"/>
    <details class="figure-data">
      <summary>グラフの数値</summary>
      <div role="region" class="table-scroll" tabindex="0" aria-labelledby="{$fid}-data">
        <table>
          <caption id="{$fid}-data"><xsl:value-of select="s:name"/></caption>
          <thead>
            <tr>
              <td></td>
              <xsl:for-each select="$cols"><th scope="col"><xsl:call-template name="col-head"/></th></xsl:for-each>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="s:series | self::s:kpi[not(s:series)]">
              <tr>
                <th scope="row"><xsl:value-of select="@label"/><xsl:if test="not(@label)">実績</xsl:if></th>
                <xsl:call-template name="value-cells"/>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </details>
  </xsl:template>

  <xsl:template name="vision-table">
    <xsl:param name="fid"/>
    <xsl:variable name="pop" select="/s:strategy/s:vision/s:population"/>
    <xsl:if test="$pop">
      <details class="figure-data">
        <summary>グラフの数値</summary>
        <div role="region" class="table-scroll" tabindex="0" aria-labelledby="{$fid}-data">
          <table>
            <caption id="{$fid}-data">人口の将来展望</caption>
            <thead><tr><th scope="col">年</th><th scope="col">区分</th><th scope="col">人口</th></tr></thead>
            <tbody>
              <xsl:for-each select="$pop">
                <tr>
                  <th scope="row"><xsl:value-of select="@year"/>年</th>
                  <td>
                    <xsl:choose>
                      <xsl:when test="@kind = 'census'">実績</xsl:when>
                      <xsl:when test="@kind = 'estimate'">推計</xsl:when>
                      <xsl:otherwise>目標</xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="num"><xsl:value-of select="k:number(normalize-space(.))"/>人</td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- ======================================================= 付録1 KPI一覧 -->
  <!-- data-level-goal: the goal level's name, for the KPI finder's filter
       (on a page that has the finder). -->
  <xsl:template match="/s:strategy" mode="appendix-kpis">
    <section id="appendix-kpi" class="appendix" aria-labelledby="appendix-kpi-h">
      <xsl:if test="not($draft) and $js != ''">
        <xsl:attribute name="data-level-goal"><xsl:value-of select="$level-goal"/></xsl:attribute>
      </xsl:if>
      <h2 id="appendix-kpi-h">付録1　KPI一覧</h2>
      <p><xsl:call-template name="kpi-totals"/></p>
      <xsl:if test="not($draft)"><xsl:call-template name="goal-summary"/></xsl:if>
      <xsl:apply-templates select="s:goals/s:goal" mode="appendix"/>
    </section>
  </xsl:template>

  <!-- A count cell of the per-grade columns (common.xsl's grade-cells). -->
  <xsl:template match="r:grade | r:state" mode="count-cell">
    <xsl:param name="tally"/>
    <xsl:param name="class"/>
    <td>
      <xsl:if test="$class"><xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute></xsl:if>
      <xsl:call-template name="grade-count"><xsl:with-param name="tally" select="$tally"/></xsl:call-template>
    </td>
  </xsl:template>

  <xsl:template name="goal-summary">
    <!-- the chart of met and not met, per grade: none in a rate-only document -->
    <xsl:if test="not($rate-only)">
    <figure id="goal-counts" class="figure figure-goal-counts">
      <figcaption><xsl:value-of select="$level-goal"/>別のKPI達成状況（全KPI）</figcaption>
      <xsl:copy-of select="k:chart('goal-counts', '', 'goal-counts-chart')"/>
    </figure>
    </xsl:if>
    <div role="region" class="table-scroll" tabindex="0" aria-labelledby="goal-summary-cap">
      <table id="goal-summary" class="counts">
        <caption id="goal-summary-cap"><xsl:value-of select="$level-goal"/>別のKPI達成状況</caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="$level-goal"/></th>
            <th scope="col">全KPI</th>
            <xsl:for-each select="$scale/r:grade | $summary/r:state">
              <th scope="col"><xsl:value-of select="@r:label"/></th>
            </xsl:for-each>
            <th scope="col">うち<xsl:value-of select="$level-goal"/>のKPI<xsl:if test="not($rate-only)">（<xsl:value-of select="$met-label"/>／計）</xsl:if></th>
            <th scope="col">うち各<xsl:value-of select="$level-measure-short"/>のKPI<xsl:if test="not($rate-only)">（<xsl:value-of select="$met-label"/>／計）</xsl:if></th>
            <xsl:for-each select="$summary/r:totals/r:tag"><th scope="col"><xsl:call-template name="tag-summary-label"/></th></xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$summary/r:goal">
            <xsl:variable name="g" select="key('id', @r:ref)"/>
            <tr>
              <th scope="row"><a href="#goal-{@r:ref}"><xsl:value-of select="$level-goal"/><xsl:value-of select="$g/@number"/></a></th>
              <td><xsl:value-of select="r:all/@r:total"/></td>
              <xsl:call-template name="grade-cells"><xsl:with-param name="tally" select="r:all"/></xsl:call-template>
              <td><xsl:for-each select="r:goal-level"><xsl:call-template name="met-of-total"/></xsl:for-each></td>
              <td><xsl:for-each select="r:measure-level"><xsl:call-template name="met-of-total"/></xsl:for-each></td>
              <xsl:for-each select="r:tag"><td><xsl:call-template name="met-of-total"/></td></xsl:for-each>
            </tr>
          </xsl:for-each>
          <tr class="total">
            <th scope="row">合計</th>
            <td><xsl:value-of select="$summary/r:totals/r:all/@r:total"/></td>
            <xsl:call-template name="grade-cells"><xsl:with-param name="tally" select="$summary/r:totals/r:all"/></xsl:call-template>
            <td><xsl:for-each select="$summary/r:totals/r:goal-level"><xsl:call-template name="met-of-total"/></xsl:for-each></td>
            <td><xsl:for-each select="$summary/r:totals/r:measure-level"><xsl:call-template name="met-of-total"/></xsl:for-each></td>
            <xsl:for-each select="$summary/r:totals/r:tag"><td><xsl:call-template name="met-of-total"/></td></xsl:for-each>
          </tr>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="s:goal" mode="appendix">
    <section id="goal-{@id}" class="goal" aria-labelledby="goal-{@id}-h">
      <h3 id="goal-{@id}-h">
        <xsl:value-of select="$level-goal"/><xsl:value-of select="@number"/><xsl:text>　</xsl:text>
        <xsl:apply-templates select="s:title/node()"/>
      </h3>
      <xsl:if test="s:viewpoint | s:priority">
        <ul class="goal-additions">
          <xsl:for-each select="s:viewpoint">
            <li>新たな視点：<xsl:apply-templates/></li>
          </xsl:for-each>
          <xsl:for-each select="s:priority">
            <li>重点課題<xsl:value-of select="@number"/>：<xsl:apply-templates/></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <p class="goal-counts"><xsl:call-template name="goal-counts"/></p>
      <div class="kpi-block">
      <p class="col-toggle">
        <input type="checkbox" id="goal-{@id}-all"/>
        <label for="goal-{@id}-all">すべての列を表示する（基準値・各年の実績、基準日、結果公表日、確認方法、担当課）</label>
      </p>
      <div role="region" class="table-scroll kpi-scroll" tabindex="0" aria-labelledby="goal-{@id}-cap">
        <table class="kpi-table" id="goal-{@id}-table">
          <caption id="goal-{@id}-cap">
            <xsl:value-of select="$level-goal"/><xsl:value-of select="@number"/><xsl:text>のKPI</xsl:text>
          </caption>
          <xsl:call-template name="kpi-table-head"/>
          <tbody>
            <xsl:call-template name="kpi-rows"/>
          </tbody>
        </table>
      </div>
      </div>
      <xsl:call-template name="footnotes"/>
      <h4 id="goal-{@id}-charts">KPIの推移</h4>
      <div class="trends">
        <xsl:for-each select=".//s:kpi">
          <figure class="trend" id="trend-{@id}">
            <xsl:copy-of select="k:chart('kpi', @id, concat('c', r:result/@r:n))"/>
            <figcaption><a href="#kpi-{@id}"><xsl:value-of select="s:name"/></a></figcaption>
          </figure>
        </xsl:for-each>
      </div>
    </section>
  </xsl:template>

  <xsl:template name="kpi-table-head">
    <thead>
      <tr>
        <th scope="col" class="level level-1"><xsl:value-of select="$level-policy"/></th>
        <th scope="col" class="level level-2"><xsl:value-of select="$level-direction"/></th>
        <th scope="col" class="level level-3"><xsl:value-of select="$level-measure"/></th>
        <xsl:if test="$has-projects"><th scope="col" class="level level-4"><xsl:value-of select="$level-project"/></th></xsl:if>
        <th scope="col" class="kpi-name">KPI</th>
        <xsl:for-each select="$cols">
          <xsl:if test="@r:role = 'target'"><th scope="col" class="latest">最新値</th></xsl:if>
          <th scope="col">
            <xsl:if test="not(@r:role = 'target')"><xsl:attribute name="class">extra</xsl:attribute></xsl:if>
            <xsl:call-template name="col-head"/>
          </th>
        </xsl:for-each>
        <th scope="col">達成率</th>
        <xsl:if test="$summary/r:previous"><th scope="col">前年度評価</th></xsl:if>
        <xsl:if test="$mark-column"><th scope="col">判定</th></xsl:if>
        <th scope="col" class="extra">基準日<br/>(調査日)</th>
        <th scope="col" class="extra">結果公表日<br/>(確認時期)</th>
        <th scope="col" class="extra">確認方法</th>
        <th scope="col" class="extra">担当課</th>
        <xsl:for-each select="$text-columns"><th scope="col" class="extra"><xsl:value-of select="."/></th></xsl:for-each>
      </tr>
    </thead>
  </xsl:template>

  <!-- A heading's cell, spanning its rows (common.xsl, heading-cells). -->
  <xsl:template match="*" mode="heading-cell">
    <xsl:param name="rowspan"/>
    <th scope="rowgroup" rowspan="{$rowspan}" id="h-{@id}" class="heading level-{count(ancestor-or-self::s:policy | ancestor-or-self::s:direction | ancestor-or-self::s:measure | ancestor-or-self::s:project)}">
      <xsl:apply-templates select="s:title/node()"/>
      <xsl:if test="@repost-of"><span class="repost">（再掲）</span></xsl:if>
      <xsl:if test="not($draft) and @r:rollup"><span class="rollup"><xsl:apply-templates select="." mode="rollup"/></span></xsl:if>
    </th>
  </xsl:template>

  <xsl:template match="*" mode="skip-level"><td class="skip-level heading"></td></xsl:template>

  <!-- A goal-level KPI: the heading columns read 基本目標の数値目標. -->
  <xsl:template match="s:goal/s:kpi" mode="row" priority="2">
    <tr id="kpi-{@id}" class="kpi goal-level">
      <xsl:call-template name="kpi-data"/>
      <xsl:if test="not(preceding-sibling::s:kpi)">
        <th scope="rowgroup" colspan="{$heading-cols}" rowspan="{count(../s:kpi)}" class="heading goal-heading"><xsl:value-of select="$level-goal"/>の数値目標</th>
      </xsl:if>
      <xsl:call-template name="kpi-cells"/>
    </tr>
  </xsl:template>

  <xsl:template match="s:kpi" mode="row">
    <tr id="kpi-{@id}" class="kpi">
      <xsl:call-template name="kpi-data"/>
      <xsl:call-template name="heading-cells"/>
      <xsl:call-template name="kpi-cells"/>
    </tr>
  </xsl:template>

  <xsl:template match="s:repost" mode="row">
    <xsl:variable name="orig" select="key('id', @kpi)"/>
    <tr class="repost">
      <xsl:call-template name="heading-cells"/>
      <th scope="row">
        <a href="#kpi-{@kpi}">
          <xsl:value-of select="@label"/>
          <xsl:if test="not(@label)"><xsl:value-of select="$orig/s:name"/></xsl:if>
        </a>
        <span class="repost">（再掲）</span>
      </th>
      <td colspan="{2 + number($mark-column)}" class="repost-note">
        <xsl:value-of select="$level-goal"/>
        <xsl:value-of select="$orig/ancestor::s:goal/@number"/>
        <xsl:text>に掲載</xsl:text>
      </td>
      <td colspan="{count($cols) + 3 + count($summary/r:previous) + count($text-columns)}" class="extra filler"></td>
      <td class="latest filler"></td>
    </tr>
  </xsl:template>

  <xsl:template match="s:policy | s:direction | s:measure | s:project" mode="row">
    <tr class="no-kpi">
      <xsl:call-template name="heading-cells"/>
      <td colspan="{3 + number($mark-column)}" class="no-kpi">
        <xsl:apply-templates select="s:placeholder"/>
        <xsl:if test="not(s:placeholder)">（KPIの設定なし）</xsl:if>
      </td>
      <td colspan="{count($cols) + 3 + count($summary/r:previous) + count($text-columns)}" class="extra filler"></td>
      <td class="latest filler"></td>
    </tr>
  </xsl:template>

  <!-- The cells of common.xsl's kpi-cells. -->
  <xsl:template match="s:kpi" mode="name-cell">
    <th scope="row" class="kpi-name">
      <xsl:value-of select="s:name"/>
      <xsl:call-template name="year-basis-mark"/>
      <xsl:call-template name="footnote-refs"/>
      <xsl:if test="s:series[@label]">
        <ul class="series-labels">
          <xsl:for-each select="s:series"><li><xsl:value-of select="@label"/></li></xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:apply-templates select="s:review | s:placeholder"/>
    </th>
  </xsl:template>

  <!-- What the KPI finder (kensho.js) reads of a row: its grade (a key and
       the label the table shows), 達成率, 基本目標 and 担当課. -->
  <xsl:template name="kpi-data">
    <xsl:variable name="res" select="r:result"/>
    <xsl:attribute name="data-goal"><xsl:value-of select="ancestor::s:goal/@id"/></xsl:attribute>
    <xsl:attribute name="data-grade">
      <xsl:choose>
        <xsl:when test="$draft and not($res/r:series/@r:latest-year)">none</xsl:when>
        <xsl:when test="$res/@r:state">state-<xsl:value-of select="$res/@r:state"/></xsl:when>
        <xsl:when test="$res/@r:grade">grade-<xsl:value-of select="$res/@r:grade"/></xsl:when>
        <xsl:when test="$rate-only"/>
        <xsl:when test="$res/@r:met = 'yes'">met</xsl:when>
        <xsl:otherwise>unmet</xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
    <xsl:attribute name="data-grade-label">
      <xsl:choose>
        <xsl:when test="$draft and not($res/r:series/@r:latest-year)">未評価</xsl:when>
        <xsl:otherwise><xsl:value-of select="$res/@r:symbol"/></xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
    <xsl:if test="$res/@r:rate">
      <xsl:attribute name="data-rate"><xsl:value-of select="$res/@r:rate"/></xsl:attribute>
    </xsl:if>
    <xsl:attribute name="data-dept">
      <xsl:for-each select="s:responsible">
        <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="@department"/>
      </xsl:for-each>
    </xsl:attribute>
    <xsl:attribute name="data-dept-names">
      <xsl:for-each select="s:responsible">
        <xsl:if test="position() > 1"><xsl:text>&#10;</xsl:text></xsl:if>
        <xsl:value-of select="key('dept', @department)"/>
      </xsl:for-each>
    </xsl:attribute>
  </xsl:template>

  <!-- The latest value of each of the KPI's series, with its year. -->
  <xsl:template match="s:kpi" mode="latest-cell">
    <td class="num latest" data-label="最新値">
      <xsl:for-each select="r:result/r:series">
        <span class="sv">
          <xsl:choose>
            <xsl:when test="@r:latest-year">
              <xsl:choose>
                <xsl:when test="@r:cumulative-text">
                  <xsl:call-template name="cumulative-text">
                    <xsl:with-param name="cum" select="@r:cumulative-text"/>
                    <xsl:with-param name="year" select="@r:latest-text"/>
                  </xsl:call-template>
                </xsl:when>
                <!-- most series: no call per cell -->
                <xsl:otherwise><xsl:value-of select="@r:latest-text"/></xsl:otherwise>
              </xsl:choose>
              <span class="year">（<xsl:value-of select="$cols[@r:value = current()/@r:latest-year]/@r:era"/>）</span>
            </xsl:when>
            <xsl:otherwise>—</xsl:otherwise>
          </xsl:choose>
        </span>
      </xsl:for-each>
    </td>
  </xsl:template>

  <xsl:template match="s:kpi" mode="value-cell">
    <xsl:param name="col"/>
    <xsl:if test="$col/@r:role = 'target'"><xsl:apply-templates select="." mode="latest-cell"/></xsl:if>
    <td>
      <xsl:attribute name="class">
        <xsl:choose>
          <xsl:when test="$col/@r:role = 'target'">num target</xsl:when>
          <xsl:otherwise>num extra</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:attribute name="data-label"><xsl:for-each select="$col"><xsl:call-template name="col-head"/></xsl:for-each></xsl:attribute>
      <xsl:choose>
        <xsl:when test="s:series">
          <xsl:for-each select="s:series">
            <span class="sv"><xsl:call-template name="value-text"><xsl:with-param name="col" select="$col"/></xsl:call-template></span>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="value-text"><xsl:with-param name="col" select="$col"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </td>
  </xsl:template>

  <xsl:template match="s:kpi" mode="cell">
    <xsl:param name="kind"/>
    <xsl:param name="label"/>
    <xsl:param name="content"/>
    <td>
      <xsl:choose>
        <xsl:when test="$kind = 'rate'"><xsl:attribute name="class">num rate</xsl:attribute></xsl:when>
        <xsl:when test="$kind = 'mark'">
          <!-- also: the grades of the other scales follow the mark, and the cell may wrap -->
          <xsl:attribute name="class">
            <xsl:text>mark </xsl:text>
            <xsl:choose>
              <xsl:when test="r:result/@r:met = 'yes'">met</xsl:when>
              <xsl:otherwise>unmet</xsl:otherwise>
            </xsl:choose>
            <xsl:if test="r:result/r:grade"> also</xsl:if>
          </xsl:attribute>
        </xsl:when>
        <xsl:when test="$kind = 'method'"><xsl:attribute name="class">method extra</xsl:attribute></xsl:when>
        <xsl:when test="$kind = 'previous'"><xsl:attribute name="class">mark previous</xsl:attribute></xsl:when>
        <xsl:otherwise><xsl:attribute name="class"><xsl:value-of select="$kind"/> extra</xsl:attribute></xsl:otherwise>
      </xsl:choose>
      <xsl:attribute name="data-label">
        <xsl:choose>
          <xsl:when test="$kind = 'rate'">達成率</xsl:when>
          <xsl:when test="$kind = 'mark'">判定</xsl:when>
          <xsl:when test="$kind = 'survey'">基準日</xsl:when>
          <xsl:when test="$kind = 'publication'">結果公表日</xsl:when>
          <xsl:when test="$kind = 'method'">確認方法</xsl:when>
          <xsl:when test="$kind = 'responsible'">担当課</xsl:when>
          <!-- the rare kinds last: every test is an XPath evaluation per cell -->
          <xsl:when test="$kind = 'previous'">前年度評価</xsl:when>
          <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:copy-of select="$content"/>
    </td>
  </xsl:template>

  <xsl:template match="s:responsible" mode="separator"><br/></xsl:template>

  <!-- One cell per column for the context (a <kpi> without series, or a <series>). -->
  <xsl:template name="value-cells">
    <xsl:variable name="ctx" select="."/>
    <xsl:for-each select="$cols">
      <xsl:variable name="col" select="."/>
      <td class="num">
        <xsl:for-each select="$ctx">
          <xsl:call-template name="value-text"><xsl:with-param name="col" select="$col"/></xsl:call-template>
        </xsl:for-each>
      </td>
    </xsl:for-each>
  </xsl:template>

  <!-- ============================================================ footnotes -->
  <xsl:template match="*" mode="footnote-ref">
    <xsl:param name="n"/>
    <xsl:variable name="gid" select="ancestor::s:goal/@id"/>
    <a class="fnref" href="#fn-{$gid}-{$n}" id="fnref-{$gid}-{$n}" aria-label="注{$n}"><sup>※<xsl:value-of select="$n"/></sup></a>
  </xsl:template>

  <!-- A goal's footnotes (common.xsl, footnotes). -->
  <xsl:template match="s:goal" mode="footnotes">
    <xsl:param name="items"/>
      <h4 id="goal-{@id}-notes">注</h4>
      <ol class="footnotes">
        <xsl:for-each select="$items">
          <xsl:variable name="n"><xsl:call-template name="footnote-number"/></xsl:variable>
          <xsl:variable name="gid" select="ancestor::s:goal/@id"/>
          <li id="fn-{$gid}-{$n}">
            <span class="fn-mark">※<xsl:value-of select="$n"/></span>
            <a href="#kpi-{ancestor::s:kpi/@id}"><xsl:value-of select="ancestor::s:kpi/s:name"/></a>
            <xsl:text>：</xsl:text>
            <xsl:call-template name="footnote-text"/>
            <xsl:text> </xsl:text>
            <a class="fnback" href="#fnref-{$gid}-{$n}" aria-label="本文の注{$n}へ戻る">↩</a>
          </li>
        </xsl:for-each>
      </ol>
  </xsl:template>

  <!-- ================================================ 付録2 交付金事業 -->
  <xsl:template match="s:grants">
    <section id="appendix-grants" class="appendix" aria-labelledby="appendix-grants-h">
      <h2 id="appendix-grants-h">付録2　<xsl:value-of select="$grants-title"/></h2>
      <xsl:apply-templates select="s:program"/>
    </section>
  </xsl:template>

  <xsl:template match="s:program">
    <section id="program-{@id}">
      <h3 id="program-{@id}-h"><xsl:value-of select="s:title"/></h3>
      <div role="region" class="table-scroll" tabindex="0" aria-labelledby="program-{@id}-h">
        <table class="grants">
          <thead>
            <tr>
              <th scope="col">番号</th><th scope="col">事業名</th><th scope="col">事業内容</th>
              <th scope="col">決算額(円)</th><th scope="col">交付金額(円)</th>
              <th scope="col">網走市総合戦略との関連</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="s:grant">
              <tr id="{@id}">
                <td class="num"><xsl:value-of select="@number"/></td>
                <th scope="row"><xsl:value-of select="s:name"/></th>
                <td>
                  <ul class="activities">
                    <xsl:for-each select="s:activity"><li><xsl:apply-templates/></li></xsl:for-each>
                  </ul>
                  <xsl:for-each select="s:note"><p class="note"><xsl:apply-templates/></p></xsl:for-each>
                </td>
                <td class="num"><xsl:value-of select="k:number(normalize-space(s:expenditure))"/></td>
                <td class="num"><xsl:value-of select="k:number(normalize-space(s:subsidy))"/></td>
                <td><xsl:apply-templates select="s:serves"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="s:serves">
    <p class="serves"><xsl:call-template name="serves-link"/></p>
  </xsl:template>

  <!-- ========================================== 付録3 担当課別の達成状況 -->
  <xsl:template match="r:summary" mode="appendix-departments">
    <section id="appendix-departments" class="appendix" aria-labelledby="appendix-departments-h">
      <h2 id="appendix-departments-h"><xsl:call-template name="departments-title"/></h2>
      <p><xsl:call-template name="departments-intro"/></p>
      <div role="region" class="table-scroll" tabindex="0" aria-labelledby="departments-cap">
        <table class="departments">
          <caption id="departments-cap">担当課別のKPI達成状況</caption>
          <thead>
            <tr>
              <th scope="col">担当課</th><th scope="col">KPI数</th>
              <xsl:for-each select="$scale/r:grade | $summary/r:state">
                <th scope="col"><xsl:value-of select="@r:label"/></th>
              </xsl:for-each>
              <th scope="col">担当するKPI</th>
            </tr>
          </thead>
          <tbody>
            <xsl:call-template name="departments"/>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="r:department" mode="department">
    <tr>
      <th scope="row"><xsl:value-of select="key('dept', @r:ref)"/></th>
      <td class="num"><xsl:value-of select="r:all/@r:total"/></td>
      <xsl:call-template name="grade-cells">
        <xsl:with-param name="tally" select="r:all"/>
        <xsl:with-param name="class" select="'num'"/>
      </xsl:call-template>
      <td>
        <ul class="dept-kpis">
          <xsl:call-template name="department-kpis"/>
        </ul>
      </td>
    </tr>
  </xsl:template>

  <xsl:template match="s:kpi" mode="department-kpi">
    <li>
      <a href="#kpi-{@id}"><xsl:value-of select="s:name"/></a>
      <xsl:text>（</xsl:text>
      <xsl:call-template name="list-result"/>
      <xsl:text>）</xsl:text>
    </li>
  </xsl:template>

</xsl:stylesheet>

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
  <xsl:strip-space elements="*"/>
  <xsl:preserve-space elements="s:p s:item s:cell s:note s:em s:title s:caption s:meeting s:priority s:heading s:add s:name s:activity"/>

  <!-- The page's CSS, passed in by kpic from templates/kensho.css. -->
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
  <!-- Columns of an appendix KPI table: 3 headings, item, years, rate, mark, 4 texts. -->
  <xsl:variable name="ncols" select="10 + count($cols)"/>

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
          <xsl:call-template name="appendix-kpis"/>
          <xsl:apply-templates select="s:grants"/>
          <xsl:if test="not($draft)"><xsl:call-template name="appendix-departments"/></xsl:if>
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
                  <xsl:text>基本目標</xsl:text><xsl:value-of select="@number"/><xsl:text>　</xsl:text>
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
          <li><a href="#appendix-departments">付録<xsl:value-of select="$departments-appendix"/>　担当課別の達成状況</a></li>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>

  <xsl:variable name="grants-title">地方創生関係交付金事業</xsl:variable>

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

  <!-- Transcription notes are kept with the data, never printed. -->
  <xsl:template match="s:decision"/>

  <!-- inline -->
  <xsl:template match="s:em"><strong><xsl:apply-templates/></strong></xsl:template>
  <xsl:template match="s:count"><xsl:value-of select="@r:value"/></xsl:template>
  <xsl:template match="s:threshold | s:value | s:era | s:date"><xsl:value-of select="@r:text"/></xsl:template>
  <xsl:template match="s:ref">
    <a href="#{@to}"><xsl:apply-templates/></a>
  </xsl:template>

  <!-- A wide table scrolls inside its own box (div.table-scroll), never the page. -->
  <xsl:template match="s:table">
    <section class="table-scroll" tabindex="0" aria-labelledby="{@id}-cap">
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
    </section>
  </xsl:template>

  <xsl:template match="s:committee">
    <section class="table-scroll" tabindex="0" aria-labelledby="{@id}-cap">
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
    </section>
  </xsl:template>

  <xsl:template match="s:meetings">
    <section class="table-scroll" tabindex="0" aria-labelledby="{@id}-cap">
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
    </section>
  </xsl:template>

  <!-- The seed's per-goal table: rows ≥/< threshold and total, columns all / goal / measures. -->
  <xsl:template match="s:count-table">
    <xsl:variable name="cid" select="concat('count-', @goal)"/>
    <xsl:variable name="c" select="r:counts"/>
    <section class="table-scroll" tabindex="0" aria-labelledby="{$cid}-cap">
      <table id="{$cid}" class="counts">
        <caption id="{$cid}-cap"><xsl:apply-templates select="s:caption/node()"/></caption>
        <thead>
          <tr><td></td><th scope="col">全KPI</th><th scope="col">基本目標</th><th scope="col">各施策のKPI</th></tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row"><xsl:value-of select="$met-label"/></th>
            <td><xsl:value-of select="$c/r:all/@r:met"/></td>
            <td><xsl:value-of select="$c/r:goal-level/@r:met"/></td>
            <td><xsl:value-of select="$c/r:measure-level/@r:met"/></td>
          </tr>
          <tr>
            <th scope="row"><xsl:value-of select="$unmet-label"/></th>
            <td><xsl:value-of select="$c/r:all/@r:not-met"/></td>
            <td><xsl:value-of select="$c/r:goal-level/@r:not-met"/></td>
            <td><xsl:value-of select="$c/r:measure-level/@r:not-met"/></td>
          </tr>
          <tr class="total">
            <th scope="row">合計</th>
            <td><xsl:value-of select="$c/r:all/@r:total"/></td>
            <td><xsl:value-of select="$c/r:goal-level/@r:total"/></td>
            <td><xsl:value-of select="$c/r:measure-level/@r:total"/></td>
          </tr>
        </tbody>
      </table>
    </section>
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
    <section class="table-scroll" tabindex="0" aria-labelledby="{@id}-cap">
      <table id="{@id}" class="priorities">
        <caption id="{@id}-cap">重点課題</caption>
        <thead><tr><th scope="col">番号</th><th scope="col">重点課題</th><th scope="col">関連する基本目標</th></tr></thead>
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
    </section>
  </xsl:template>

  <!-- "g1 g2" -> links 基本目標1、基本目標2 -->
  <xsl:template name="goal-links">
    <xsl:param name="ids"/>
    <xsl:variable name="first" select="substring-before(concat($ids, ' '), ' ')"/>
    <xsl:variable name="rest" select="substring-after($ids, ' ')"/>
    <xsl:if test="$first != ''">
      <a href="#goal-{$first}">基本目標<xsl:value-of select="key('id', $first)/@number"/></a>
      <xsl:if test="$rest != ''">
        <xsl:text>、</xsl:text>
        <xsl:call-template name="goal-links"><xsl:with-param name="ids" select="$rest"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
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
      <section class="table-scroll" tabindex="0" aria-labelledby="{$fid}-data">
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
      </section>
    </details>
  </xsl:template>

  <xsl:template name="vision-table">
    <xsl:param name="fid"/>
    <xsl:variable name="pop" select="/s:strategy/s:vision/s:population"/>
    <xsl:if test="$pop">
      <details class="figure-data">
        <summary>グラフの数値</summary>
        <section class="table-scroll" tabindex="0" aria-labelledby="{$fid}-data">
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
        </section>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- ======================================================= 付録1 KPI一覧 -->
  <xsl:template name="appendix-kpis">
    <section id="appendix-kpi" class="appendix" aria-labelledby="appendix-kpi-h">
      <h2 id="appendix-kpi-h">付録1　KPI一覧</h2>
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
          <xsl:text>件）。達成率</xsl:text>
          <xsl:value-of select="$met-label"/>
          <xsl:text>のものは</xsl:text>
          <xsl:value-of select="$summary/r:totals/r:all/@r:met"/>
          <xsl:text>件（基本目標</xsl:text>
          <xsl:value-of select="$summary/r:totals/r:goal-level/@r:met"/>
          <xsl:text>/</xsl:text>
          <xsl:value-of select="$summary/r:totals/r:goal-level/@r:total"/>
          <xsl:text>件、各施策</xsl:text>
          <xsl:value-of select="$summary/r:totals/r:measure-level/@r:met"/>
          <xsl:text>/</xsl:text>
          <xsl:value-of select="$summary/r:totals/r:measure-level/@r:total"/>
          <xsl:text>件）。達成率は最新の実績値の目標値に対する割合で、</xsl:text>
          <xsl:value-of select="$met-label"/>
          <xsl:text>を「達成」、</xsl:text>
          <xsl:value-of select="$unmet-label"/>
          <xsl:text>を「未達」とする。</xsl:text>
        </p>
      </xsl:if>
      <xsl:if test="not($draft)"><xsl:call-template name="goal-summary"/></xsl:if>
      <xsl:apply-templates select="s:goals/s:goal" mode="appendix"/>
    </section>
  </xsl:template>

  <xsl:template name="goal-summary">
    <figure id="goal-counts" class="figure figure-goal-counts">
      <figcaption>基本目標別のKPI達成状況（全KPI）</figcaption>
      <xsl:copy-of select="k:chart('goal-counts', '', 'goal-counts-chart')"/>
    </figure>
    <section class="table-scroll" tabindex="0" aria-labelledby="goal-summary-cap">
      <table id="goal-summary" class="counts">
        <caption id="goal-summary-cap">基本目標別のKPI達成状況</caption>
        <thead>
          <tr>
            <th scope="col">基本目標</th>
            <th scope="col">全KPI</th>
            <th scope="col"><xsl:value-of select="$met-label"/></th>
            <th scope="col"><xsl:value-of select="$unmet-label"/></th>
            <th scope="col">うち基本目標のKPI（<xsl:value-of select="$met-label"/>／計）</th>
            <th scope="col">うち各施策のKPI（<xsl:value-of select="$met-label"/>／計）</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$summary/r:goal">
            <xsl:variable name="g" select="key('id', @r:ref)"/>
            <tr>
              <th scope="row"><a href="#goal-{@r:ref}">基本目標<xsl:value-of select="$g/@number"/></a></th>
              <td><xsl:value-of select="r:all/@r:total"/></td>
              <td><xsl:value-of select="r:all/@r:met"/></td>
              <td><xsl:value-of select="r:all/@r:not-met"/></td>
              <td><xsl:value-of select="concat(r:goal-level/@r:met, '／', r:goal-level/@r:total)"/></td>
              <td><xsl:value-of select="concat(r:measure-level/@r:met, '／', r:measure-level/@r:total)"/></td>
            </tr>
          </xsl:for-each>
          <tr class="total">
            <th scope="row">合計</th>
            <td><xsl:value-of select="$summary/r:totals/r:all/@r:total"/></td>
            <td><xsl:value-of select="$summary/r:totals/r:all/@r:met"/></td>
            <td><xsl:value-of select="$summary/r:totals/r:all/@r:not-met"/></td>
            <td><xsl:value-of select="concat($summary/r:totals/r:goal-level/@r:met, '／', $summary/r:totals/r:goal-level/@r:total)"/></td>
            <td><xsl:value-of select="concat($summary/r:totals/r:measure-level/@r:met, '／', $summary/r:totals/r:measure-level/@r:total)"/></td>
          </tr>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <xsl:template match="s:goal" mode="appendix">
    <xsl:variable name="t" select="$summary/r:goal[@r:ref = current()/@id]/r:all"/>
    <section id="goal-{@id}" class="goal" aria-labelledby="goal-{@id}-h">
      <h3 id="goal-{@id}-h">
        <xsl:text>基本目標</xsl:text><xsl:value-of select="@number"/><xsl:text>　</xsl:text>
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
      <p class="goal-counts">
        <xsl:text>KPI </xsl:text><xsl:value-of select="$t/@r:total"/>
        <xsl:text>件</xsl:text>
        <xsl:if test="not($draft)">
          <xsl:text>：</xsl:text><xsl:value-of select="$met-label"/><xsl:text> </xsl:text>
          <xsl:value-of select="$t/@r:met"/>
          <xsl:text>件、</xsl:text><xsl:value-of select="$unmet-label"/><xsl:text> </xsl:text>
          <xsl:value-of select="$t/@r:not-met"/><xsl:text>件</xsl:text>
        </xsl:if>
      </p>
      <section class="table-scroll kpi-scroll" tabindex="0" aria-labelledby="goal-{@id}-cap">
        <table class="kpi-table" id="goal-{@id}-table">
          <caption id="goal-{@id}-cap">
            <xsl:text>基本目標</xsl:text><xsl:value-of select="@number"/><xsl:text>のKPI</xsl:text>
          </caption>
          <xsl:call-template name="kpi-table-head"/>
          <tbody>
            <xsl:apply-templates select="s:kpi" mode="row"/>
            <xsl:apply-templates mode="row"
                select=".//s:kpi[not(parent::s:goal)] | .//s:repost
                        | .//*[self::s:policy or self::s:direction or self::s:measure]
                              [not(s:policy or s:direction or s:measure or s:kpi or s:repost)]"/>
          </tbody>
        </table>
      </section>
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

  <xsl:template name="col-head">
    <xsl:choose>
      <xsl:when test="@r:role = 'baseline'">基準値(<xsl:value-of select="@r:era"/>)</xsl:when>
      <xsl:when test="@r:role = 'target'">目標値(<xsl:value-of select="@r:era"/>)</xsl:when>
      <xsl:otherwise><xsl:value-of select="@r:era"/>年(度)</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="kpi-table-head">
    <thead>
      <tr>
        <th scope="col" rowspan="2">基本方針</th>
        <th scope="col" rowspan="2">基本的な方向性</th>
        <th scope="col" rowspan="2">具体的な施策</th>
        <th scope="colgroup" colspan="{count($cols) + 3}">KPI</th>
        <th scope="col" rowspan="2">基準日<br/>(調査日)</th>
        <th scope="col" rowspan="2">結果公表日<br/>(確認時期)</th>
        <th scope="col" rowspan="2">確認方法</th>
        <th scope="col" rowspan="2">担当課</th>
      </tr>
      <tr>
        <th scope="col">項目</th>
        <xsl:for-each select="$cols"><th scope="col"><xsl:call-template name="col-head"/></th></xsl:for-each>
        <th scope="col">達成率</th>
        <th scope="col">判定</th>
      </tr>
    </thead>
  </xsl:template>

  <!-- The heading cells that start at this row: a heading's cell spans all of its rows. -->
  <xsl:template name="heading-cells">
    <xsl:variable name="row" select="."/>
    <xsl:for-each select="ancestor-or-self::s:policy[1] | ancestor-or-self::s:direction[1] | ancestor-or-self::s:measure[1]">
      <!-- Its rows: descendant-or-self::*[self::s:kpi or self::s:repost or ((self::s:policy
           or self::s:direction or self::s:measure) and not(s:policy or s:direction
           or s:measure or s:kpi or s:repost))]: the schema nests policy > direction >
           measure, so the nearest heading of a level above a row is its only one. -->
      <xsl:variable name="rows" select="key(concat('rows-', local-name()), generate-id())"/>
      <xsl:if test="generate-id($rows[1]) = generate-id($row)">
        <th scope="rowgroup" rowspan="{count($rows)}" id="h-{@id}" class="heading">
          <xsl:apply-templates select="s:title/node()"/>
          <xsl:if test="@repost-of"><span class="repost">（再掲）</span></xsl:if>
        </th>
      </xsl:if>
    </xsl:for-each>
    <!-- A level the hierarchy skips gets an empty cell in this row. -->
    <xsl:if test="not(ancestor-or-self::s:policy)"><td class="skip-level"></td></xsl:if>
    <xsl:if test="not(ancestor-or-self::s:direction)"><td class="skip-level"></td></xsl:if>
    <xsl:if test="not(ancestor-or-self::s:measure)"><td class="skip-level"></td></xsl:if>
  </xsl:template>

  <!-- A goal-level KPI: the three heading columns read 基本目標の数値目標. -->
  <xsl:template match="s:goal/s:kpi" mode="row" priority="2">
    <tr id="kpi-{@id}" class="kpi goal-level">
      <xsl:if test="not(preceding-sibling::s:kpi)">
        <th scope="rowgroup" colspan="3" rowspan="{count(../s:kpi)}" class="heading">基本目標の数値目標</th>
      </xsl:if>
      <xsl:call-template name="kpi-cells"/>
    </tr>
  </xsl:template>

  <xsl:template match="s:kpi" mode="row">
    <tr id="kpi-{@id}" class="kpi">
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
      <td colspan="{$ncols - 4}" class="repost-note">
        <xsl:text>基本目標</xsl:text>
        <xsl:value-of select="$orig/ancestor::s:goal/@number"/>
        <xsl:text>に掲載</xsl:text>
      </td>
    </tr>
  </xsl:template>

  <xsl:template match="s:policy | s:direction | s:measure" mode="row">
    <tr class="no-kpi">
      <xsl:call-template name="heading-cells"/>
      <td colspan="{$ncols - 3}" class="no-kpi">
        <xsl:apply-templates select="s:placeholder"/>
        <xsl:if test="not(s:placeholder)">（KPIの設定なし）</xsl:if>
      </td>
    </tr>
  </xsl:template>

  <xsl:template name="kpi-cells">
    <xsl:variable name="res" select="r:result"/>
    <th scope="row" class="kpi-name">
      <xsl:value-of select="s:name"/>
      <xsl:call-template name="footnote-refs"/>
      <xsl:if test="s:series[@label]">
        <ul class="series-labels">
          <xsl:for-each select="s:series"><li><xsl:value-of select="@label"/></li></xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:apply-templates select="s:review | s:placeholder"/>
    </th>
    <xsl:choose>
      <xsl:when test="s:series">
        <xsl:for-each select="$cols">
          <xsl:variable name="col" select="."/>
          <td class="num">
            <xsl:for-each select="$res/..">
              <xsl:for-each select="s:series">
                <span class="sv"><xsl:call-template name="value-text"><xsl:with-param name="col" select="$col"/></xsl:call-template></span>
              </xsl:for-each>
            </xsl:for-each>
          </td>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="value-cells"/></xsl:otherwise>
    </xsl:choose>
    <td class="num rate"><xsl:value-of select="$res/@r:rate-text"/></td>
    <td class="mark {substring('met', 1, 3 * ($res/@r:met = 'yes'))}{substring('unmet', 1, 5 * ($res/@r:met != 'yes'))}">
      <xsl:choose>
        <xsl:when test="$draft and not($res/r:series/@r:latest-year)">—</xsl:when>
        <xsl:when test="$res/@r:met = 'yes'">達成</xsl:when>
        <xsl:otherwise>未達</xsl:otherwise>
      </xsl:choose>
      <xsl:if test="s:override">
        <xsl:for-each select="s:override"><xsl:call-template name="footnote-ref"/></xsl:for-each>
      </xsl:if>
    </td>
    <td><xsl:value-of select="s:survey"/></td>
    <td><xsl:value-of select="s:publication"/></td>
    <td class="method"><xsl:value-of select="s:method"/></td>
    <td>
      <xsl:for-each select="s:responsible">
        <xsl:if test="position() > 1"><br/></xsl:if>
        <xsl:value-of select="key('dept', @department)"/>
      </xsl:for-each>
    </td>
  </xsl:template>

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

  <xsl:template name="value-text">
    <xsl:param name="col"/>
    <xsl:choose>
      <xsl:when test="$col/@r:role = 'baseline'"><xsl:value-of select="s:baseline/@r:text"/></xsl:when>
      <xsl:when test="$col/@r:role = 'target'"><xsl:value-of select="s:target/@r:text"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="s:value[@year = $col/@r:value]/@r:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ footnotes -->
  <!-- Notes, per-value notes, values outside the table's columns, and override reasons
       are numbered per goal table. -->
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
    <xsl:variable name="gid" select="ancestor::s:goal/@id"/>
    <a class="fnref" href="#fn-{$gid}-{$n}" id="fnref-{$gid}-{$n}" aria-label="注{$n}"><sup>※<xsl:value-of select="$n"/></sup></a>
  </xsl:template>

  <!-- Plain descendant steps: libxml2 merges the node-sets of "//" steps
       with a duplicate check per node, which made this quadratic. -->
  <xsl:template name="footnotes">
    <xsl:variable name="items"
        select="descendant::s:note[ancestor::s:kpi] | descendant::s:baseline[@note]
                | descendant::s:value[@note] | descendant::s:target[@note] | descendant::s:override"/>
    <xsl:if test="$items">
      <h4 id="goal-{@id}-notes">注</h4>
      <ol class="footnotes">
        <xsl:for-each select="$items">
          <xsl:variable name="n"><xsl:call-template name="footnote-number"/></xsl:variable>
          <xsl:variable name="gid" select="ancestor::s:goal/@id"/>
          <li id="fn-{$gid}-{$n}">
            <span class="fn-mark">※<xsl:value-of select="$n"/></span>
            <a href="#kpi-{ancestor::s:kpi/@id}"><xsl:value-of select="ancestor::s:kpi/s:name"/></a>
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
                <xsl:text> </xsl:text>
                <xsl:value-of select="@r:text"/>
                <!-- The text of a provisional value already says 未確定: a note saying only that is not repeated. -->
                <xsl:if test="not(@status = 'provisional' and normalize-space(@note) = '未確定')">
                  <xsl:text>（</xsl:text><xsl:value-of select="@note"/><xsl:text>）</xsl:text>
                </xsl:if>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:text> </xsl:text>
            <a class="fnback" href="#fnref-{$gid}-{$n}" aria-label="本文の注{$n}へ戻る">↩</a>
          </li>
        </xsl:for-each>
      </ol>
    </xsl:if>
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
      <section class="table-scroll" tabindex="0" aria-labelledby="program-{@id}-h">
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
      </section>
    </section>
  </xsl:template>

  <xsl:template match="s:serves">
    <xsl:variable name="t" select="key('id', @ref)"/>
    <p class="serves">
      <xsl:choose>
        <xsl:when test="$t/self::s:goal">
          <xsl:text>○</xsl:text>
          <a href="#goal-{@ref}"><xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="$t/s:title"/></xsl:if></a>
        </xsl:when>
        <xsl:when test="$t/self::s:kpi">
          <xsl:text>・</xsl:text>
          <a href="#kpi-{@ref}"><xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="$t/s:name"/></xsl:if></a>
        </xsl:when>
        <xsl:otherwise>
          <xsl:text>・</xsl:text>
          <a href="#h-{@ref}"><xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="$t/s:title"/></xsl:if></a>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- ========================================== 付録3 担当課別の達成状況 -->
  <xsl:template name="appendix-departments">
    <section id="appendix-departments" class="appendix" aria-labelledby="appendix-departments-h">
      <h2 id="appendix-departments-h">付録<xsl:value-of select="$departments-appendix"/>　担当課別の達成状況</h2>
      <p>各担当課が担当するKPIの数と、達成率<xsl:value-of select="$met-label"/>のものの数（複数の課が担当するKPIは各課に数える）。</p>
      <section class="table-scroll" tabindex="0" aria-labelledby="departments-cap">
        <table class="departments">
          <caption id="departments-cap">担当課別のKPI達成状況</caption>
          <thead>
            <tr>
              <th scope="col">担当課</th><th scope="col">KPI数</th>
              <th scope="col"><xsl:value-of select="$met-label"/></th>
              <th scope="col"><xsl:value-of select="$unmet-label"/></th>
              <th scope="col">担当するKPI</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$summary/r:department[r:all/@r:total > 0]">
              <xsl:variable name="d" select="@r:ref"/>
              <tr>
                <th scope="row"><xsl:value-of select="key('dept', $d)"/></th>
                <td class="num"><xsl:value-of select="r:all/@r:total"/></td>
                <td class="num"><xsl:value-of select="r:all/@r:met"/></td>
                <td class="num"><xsl:value-of select="r:all/@r:not-met"/></td>
                <td>
                  <ul class="dept-kpis">
                    <xsl:for-each select="$root/s:goals//s:kpi[s:responsible/@department = $d]">
                      <li>
                        <a href="#kpi-{@id}"><xsl:value-of select="s:name"/></a>
                        <xsl:text>（</xsl:text>
                        <xsl:choose>
                          <xsl:when test="r:result/@r:met = 'yes'">達成</xsl:when>
                          <xsl:otherwise>未達</xsl:otherwise>
                        </xsl:choose>
                        <xsl:text>）</xsl:text>
                      </li>
                    </xsl:for-each>
                  </ul>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
    </section>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!-- A stylesheet whose errors libxslt reports without a place: a match
     pattern that does not compile, an include of a missing file. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="missing.xsl"/>
  <xsl:template match="(("/>
  <xsl:template match="/">
    <xsl:value-of select="$undeclared"/>
  </xsl:template>
</xsl:stylesheet>

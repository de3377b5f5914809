<?xml version="1.0" encoding="UTF-8"?>
<!-- A stylesheet with a compile error: an XPath expression cut short. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <xsl:value-of select="1 +"/>
  </xsl:template>
</xsl:stylesheet>

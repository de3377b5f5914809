<?xml version="1.0" encoding="UTF-8"?>
<!-- A stylesheet with an XSLT instruction that does not exist: libxslt
     counts it as a warning and leaves it out of the page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <html><body><xsl:value-of-all select="."/></body></html>
  </xsl:template>
</xsl:stylesheet>

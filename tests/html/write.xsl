<?xml version="1.0" encoding="UTF-8"?>
<!-- A hostile stylesheet: writes a file with exsl:document. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:output method="html"/>
  <xsl:param name="css"/>
  <xsl:template match="/">
    <exsl:document href="/tmp/kpic-exsl-probe.txt" method="text">written</exsl:document>
    <html><body>x</body></html>
  </xsl:template>
</xsl:stylesheet>

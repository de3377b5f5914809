<?xml version="1.0" encoding="UTF-8"?>
<!-- A hostile stylesheet: fetches a document over the network. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html"/>
  <xsl:param name="css"/>
  <xsl:template match="/"><html><body><xsl:copy-of select="document('http://127.0.0.1:9/x.xml')"/></body></html></xsl:template>
</xsl:stylesheet>

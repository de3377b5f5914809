<?xml version="1.0" encoding="UTF-8"?>
<!-- A hostile stylesheet: a URI whose encoded separator (%2F) makes the
     decoded path the read check sees (@TPL@/decoy.xml) differ from the raw
     path libxml2 would open (the file next to the templates directory). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html"/>
  <xsl:param name="css"/>
  <xsl:template match="/"><html><body><pre><xsl:value-of select="document('file://@TPL@/a%2Fb/../../secret.xml')"/></pre></body></html></xsl:template>
</xsl:stylesheet>

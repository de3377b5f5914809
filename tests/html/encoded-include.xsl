<?xml version="1.0" encoding="UTF-8"?>
<!-- A hostile stylesheet: includes a stylesheet through an encoded separator,
     which names a file outside the templates directory. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="file://@TPL@/a%2Fb/../../secret.xsl"/>
  <xsl:output method="html"/>
  <xsl:param name="css"/>
</xsl:stylesheet>

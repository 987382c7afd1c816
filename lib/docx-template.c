/*
 * docx-template.c: the parts of the .docx that never change, as text: content
 * types, relationships, settings, the page-number header and the styles of an administrative document
 * per Decree 30/2020/NĐ-CP (Times New Roman 14 pt body, justified, 6 pt
 * between paragraphs; 12 pt tables). Edit the XML here; docx.c writes the
 * document itself and the properties.
 */
#include "docx-template.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define PKG_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define DOC_RELS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char content_types[] = XML_DECL
"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\n"
"  <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\n"
"  <Default Extension=\"xml\" ContentType=\"application/xml\"/>\n"
"  <Override PartName=\"/word/document.xml\""
" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\n"
"  <Override PartName=\"/word/styles.xml\""
" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\n"
"  <Override PartName=\"/word/settings.xml\""
" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\n"
"  <Override PartName=\"/word/header1.xml\""
" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\n"
"  <Override PartName=\"/docProps/core.xml\""
" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\n"
"</Types>\n";

static const char package_rels[] = XML_DECL
"<Relationships xmlns=\"" PKG_RELS "\">\n"
"  <Relationship Id=\"rId1\" Type=\"" DOC_RELS "/officeDocument\" Target=\"word/document.xml\"/>\n"
"  <Relationship Id=\"rId2\""
" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\""
" Target=\"docProps/core.xml\"/>\n"
"</Relationships>\n";

static const char document_rels[] = XML_DECL
"<Relationships xmlns=\"" PKG_RELS "\">\n"
"  <Relationship Id=\"rId1\" Type=\"" DOC_RELS "/styles\" Target=\"styles.xml\"/>\n"
"  <Relationship Id=\"rId2\" Type=\"" DOC_RELS "/settings\" Target=\"settings.xml\"/>\n"
"  <Relationship Id=\"rId3\" Type=\"" DOC_RELS "/header\" Target=\"header1.xml\"/>\n"
"</Relationships>\n";

static const char settings[] = XML_DECL
"<w:settings xmlns:w=\"" W_NS "\">\n"
"  <w:defaultTabStop w:val=\"720\"/>\n"
"  <w:characterSpacingControl w:val=\"doNotCompress\"/>\n"
"  <w:compat>\n"
"    <w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>\n"
"  </w:compat>\n"
"</w:settings>\n";

/* Run properties every style starts from: Times New Roman, Vietnamese. */
#define TNR "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"" \
	" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"

static const char styles[] = XML_DECL
"<w:styles xmlns:w=\"" W_NS "\">\n"
"  <w:docDefaults>\n"
"    <w:rPrDefault><w:rPr>" TNR "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"
"<w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\n"
"    <w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"120\" w:line=\"276\""
" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\n"
"  </w:docDefaults>\n"
/* Body text: 14 pt, justified by the paragraphs that want it. */
"  <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">\n"
"    <w:name w:val=\"Normal\"/><w:qFormat/>\n"
"  </w:style>\n"
/* Section headings of the body ("1. Tình hình ..."): bold 14 pt, kept with what follows. */
"  <w:style w:type=\"paragraph\" w:styleId=\"Heading1\">\n"
"    <w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\n"
"    <w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr>\n"
"    <w:rPr><w:b/><w:bCs/></w:rPr>\n"
"  </w:style>\n"
/* The document's heading block (issuing body, national title): 13 pt, no spacing. */
"  <w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"HeaderText\">\n"
"    <w:name w:val=\"Header Text\"/><w:basedOn w:val=\"Normal\"/>\n"
"    <w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/></w:pPr>\n"
"    <w:rPr><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr>\n"
"  </w:style>\n"
/* Table cells: 12 pt, tight. */
"  <w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\">\n"
"    <w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>\n"
"    <w:pPr><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\n"
"    <w:rPr><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr>\n"
"  </w:style>\n"
/* Recipients and notes: 11 pt, as Decree 30 sets for "Nơi nhận". */
"  <w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Small\">\n"
"    <w:name w:val=\"Small\"/><w:basedOn w:val=\"Normal\"/>\n"
"    <w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\n"
"    <w:rPr><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr>\n"
"  </w:style>\n"
"  <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">\n"
"    <w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>\n"
"    <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
"<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"57\" w:type=\"dxa\"/>"
"<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/>"
"</w:tblCellMar></w:tblPr>\n"
"  </w:style>\n"
/* Data tables: a single black grid. */
"  <w:style w:type=\"table\" w:styleId=\"TableGrid\">\n"
"    <w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>\n"
"    <w:tblPr><w:tblBorders>"
"<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
"<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
"<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
"<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
"<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
"<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
"</w:tblBorders></w:tblPr>\n"
"  </w:style>\n"
/* The heading block and the signature: a table without borders. */
"  <w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"TableLayout\">\n"
"    <w:name w:val=\"Layout Table\"/><w:basedOn w:val=\"TableNormal\"/>\n"
"    <w:tblPr><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/>"
"</w:tblCellMar></w:tblPr>\n"
"  </w:style>\n"
"</w:styles>\n";

/* The page number, centred in the top margin (Decree 30: from the second page; the section's titlePg hides it on the first). */
static const char header[] = XML_DECL
"<w:hdr xmlns:w=\"" W_NS "\">\n"
"  <w:p><w:pPr><w:pStyle w:val=\"HeaderText\"/><w:jc w:val=\"center\"/></w:pPr>"
"<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
"<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
"<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
"<w:r><w:t>2</w:t></w:r>"
"<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>\n"
"</w:hdr>\n";

const struct docx_part docx_template[DOCX_TEMPLATE_PARTS] = {
	{ "[Content_Types].xml", content_types },
	{ "_rels/.rels", package_rels },
	{ "word/_rels/document.xml.rels", document_rels },
	{ "word/settings.xml", settings },
	{ "word/styles.xml", styles },
	{ "word/header1.xml", header },
};

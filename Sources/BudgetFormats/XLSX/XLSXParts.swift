/// The fixed parts of a workbook package (ECMA-376 Part 1 and Part 2, transitional),
/// as XML text. Only the worksheets stream; these are small.
enum XLSXParts {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// Style indices in `cellXfs`, used as the `s` attribute of cells.
    enum Style {
        static let normal = 0
        static let header = 1
        static let amount = 2
    }

    static func contentTypes(sheetCount: Int) -> String {
        var xml = declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += override(
            "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
        for index in stride(from: 1, through: sheetCount, by: 1) {
            xml += override(
                "/xl/worksheets/sheet\(index).xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
        }
        xml += override("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
        xml += override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
        xml += override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
        xml += "</Types>"
        return xml
    }

    private static func override(_ part: String, _ type: String) -> String {
        "<Override PartName=\"\(part)\" ContentType=\"\(type)\"/>"
    }

    static let packageRelationships: String = {
        var xml = declaration
        xml += "<Relationships xmlns=\"\(packageRelationshipsNamespace)\">"
        xml +=
            "<Relationship Id=\"rId1\" Type=\"\(relationshipsNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        xml +=
            "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        xml +=
            "<Relationship Id=\"rId3\" Type=\"\(relationshipsNamespace)/extended-properties\" Target=\"docProps/app.xml\"/>"
        xml += "</Relationships>"
        return xml
    }()

    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = declaration
        xml += "<Relationships xmlns=\"\(packageRelationshipsNamespace)\">"
        for index in stride(from: 1, through: sheetCount, by: 1) {
            xml +=
                "<Relationship Id=\"rId\(index)\" Type=\"\(relationshipsNamespace)/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        xml +=
            "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipsNamespace)/styles\" Target=\"styles.xml\"/>"
        xml += "</Relationships>"
        return xml
    }

    /// The workbook: sheet names in tab order, and (optionally) each sheet's header row as
    /// its print titles — a defined name, not a cell formula.
    static func workbook(sheetNames: [String], printTitles: Bool) -> String {
        var xml = declaration
        xml += "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in sheetNames.enumerated() {
            xml +=
                "<sheet name=\"\(XMLText.escaped(name, forAttribute: true))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets>"
        if printTitles && !sheetNames.isEmpty {
            xml += "<definedNames>"
            for (index, name) in sheetNames.enumerated() {
                let quoted = "'" + name.replacingOccurrences(of: "'", with: "''") + "'!$1:$1"
                xml +=
                    "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">\(XMLText.escaped(quoted))</definedName>"
            }
            xml += "</definedNames>"
        }
        xml += "</workbook>"
        return xml
    }

    static func styles(fontName: String, fontSize: Int) -> String {
        let font = "<sz val=\"\(max(1, fontSize))\"/><name val=\"\(XMLText.escaped(fontName, forAttribute: true))\"/>"
        var xml = declaration
        xml += "<styleSheet xmlns=\"\(mainNamespace)\">"
        xml += "<fonts count=\"2\"><font>\(font)</font><font><b/>\(font)</font></fonts>"
        xml +=
            "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        xml += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"3\">"
        // 0: normal
        xml += "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        // 1: header — bold, centred, wrapped
        xml +=
            "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\">"
        xml += "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
        // 2: amount — built-in format 3, "#,##0", which Excel shows with the reader's own
        // thousands separator ("150.000.000" in a Vietnamese locale)
        xml += "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        xml += "</cellXfs>"
        xml += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        xml += "</styleSheet>"
        return xml
    }

    static func coreProperties(title: String?, author: String?, created: String) -> String {
        var xml = declaration
        xml += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
        xml += " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
        xml +=
            " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        if let title { xml += "<dc:title>\(XMLText.escaped(title))</dc:title>" }
        if let author { xml += "<dc:creator>\(XMLText.escaped(author))</dc:creator>" }
        xml += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(created)</dcterms:created>"
        xml += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(created)</dcterms:modified>"
        xml += "</cp:coreProperties>"
        return xml
    }

    static func appProperties(application: String) -> String {
        var xml = declaration
        xml += "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\""
        xml += " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        xml += "<Application>\(XMLText.escaped(application))</Application>"
        xml += "</Properties>"
        return xml
    }
}

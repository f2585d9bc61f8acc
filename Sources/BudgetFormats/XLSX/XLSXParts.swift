/// The fixed parts of a workbook package (ECMA-376 Part 1 and Part 2, transitional),
/// as XML text. Only the worksheets stream; these are small.
enum XLSXParts {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// Style indices in `cellXfs`, used as the `s` attribute of cells.
    enum Style {
        /// No border, no format: the default of every cell.
        static let normal = 0
        /// Column titles: bold, centred, wrapped, bordered.
        static let header = 1
        /// Whole đồng: `#,##0`, bordered.
        static let amount = 2
        /// Text in a table: bordered, at the top of its cell.
        static let text = 3
        /// Text that wraps within its column.
        static let wrapped = 4
        /// Other numbers (integers, decimals): general format, bordered.
        static let number = 5
        /// Dates and times: `dd/mm/yyyy hh:mm:ss`, bordered.
        static let date = 6
        /// The first line of a title block: bold, two points larger, centred, wrapped.
        static let title = 7
        /// The other lines of a title block: italic, centred, wrapped.
        static let subtitle = 8
        /// A label beside a value above a form's table (`Mã đơn vị`): bold, no border.
        static let label = 9
        /// An identifier (``TableColumn/isIdentifier``): three points smaller, bordered.
        static let identifier = 10
        /// A ``TableColumn/Kind/tenths`` figure: `#,##0.0`, bordered.
        static let tenths = 11

        /// The table style of a data cell in `column`.
        static func data(_ column: TableColumn) -> Int {
            switch column.kind {
            case .amount: return amount
            case .integer, .decimal: return number
            case .tenths: return tenths
            case .text: return column.isIdentifier ? identifier : column.wraps ? wrapped : text
            }
        }
    }

    /// The custom number format of dates, as Vietnamese documents write them.
    static let dateFormatID = 164
    static let dateFormat = "dd/mm/yyyy hh:mm:ss"
    /// The custom number format of ``Style/tenths`` (Excel has no built-in one-place format;
    /// the reader's locale supplies the marks, "1.234,5" in Vietnamese).
    static let tenthsFormatID = 165
    static let tenthsFormat = "#,##0.0"

    static func contentTypes(sheetCount: Int, sharedStrings: Bool = false) -> String {
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
        if sharedStrings {
            xml += override(
                "/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
            )
        }
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

    static func workbookRelationships(sheetCount: Int, sharedStrings: Bool = false) -> String {
        var xml = declaration
        xml += "<Relationships xmlns=\"\(packageRelationshipsNamespace)\">"
        for index in stride(from: 1, through: sheetCount, by: 1) {
            xml +=
                "<Relationship Id=\"rId\(index)\" Type=\"\(relationshipsNamespace)/worksheet\" Target=\"worksheets/sheet\(index).xml\"/>"
        }
        xml +=
            "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipsNamespace)/styles\" Target=\"styles.xml\"/>"
        if sharedStrings {
            xml +=
                "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(relationshipsNamespace)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        xml += "</Relationships>"
        return xml
    }

    /// What a worksheet repeats on every printed page: its header row, and its key
    /// columns when it has any.
    struct PrintTitles: Equatable {
        var headerRow: Int
        var keyColumns: Int

        /// `'Ma trận'!$A:$B,'Ma trận'!$5:$5`: columns first, then rows, as Excel writes it.
        func reference(sheet name: String) -> String {
            let quoted = "'" + name.replacingOccurrences(of: "'", with: "''") + "'!"
            var parts: [String] = []
            if keyColumns > 0 { parts.append(quoted + "$A:$" + CellReference.columnLetters(keyColumns - 1)) }
            parts.append(quoted + "$\(headerRow):$\(headerRow)")
            return parts.joined(separator: ",")
        }
    }

    /// The workbook: sheet names in tab order, and each sheet's print titles — a defined
    /// name, not a cell formula.
    ///
    /// With `recalculate`, `<calcPr fullCalcOnLoad="1"/>` asks Excel and LibreOffice to
    /// compute every formula when the file is opened rather than trust the cached values.
    static func workbook(sheetNames: [String], printTitles: [PrintTitles?], recalculate: Bool = false) -> String {
        var xml = declaration
        xml += "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in sheetNames.enumerated() {
            xml +=
                "<sheet name=\"\(XMLText.escaped(name, forAttribute: true))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets>"
        let titled = sheetNames.indices.compactMap { index in
            index < printTitles.count ? printTitles[index].map { (index, $0) } : nil
        }
        if !titled.isEmpty {
            xml += "<definedNames>"
            for (index, titles) in titled {
                xml += "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">"
                xml += XMLText.escaped(titles.reference(sheet: sheetNames[index])) + "</definedName>"
            }
            xml += "</definedNames>"
        }
        if recalculate { xml += "<calcPr fullCalcOnLoad=\"1\"/>" }
        xml += "</workbook>"
        return xml
    }

    static func styles(fontName: String, fontSize: Int) -> String {
        let name = "<name val=\"\(XMLText.escaped(fontName, forAttribute: true))\"/>"
        let size = "<sz val=\"\(max(1, fontSize))\"/>"
        var xml = declaration
        xml += "<styleSheet xmlns=\"\(mainNamespace)\">"
        xml += "<numFmts count=\"2\"><numFmt numFmtId=\"\(dateFormatID)\" formatCode=\"\(dateFormat)\"/>"
        xml += "<numFmt numFmtId=\"\(tenthsFormatID)\" formatCode=\"\(tenthsFormat)\"/></numFmts>"
        // 0 regular, 1 bold, 2 a title's (bold, two points larger), 3 italic, 4 small (identifiers).
        xml += "<fonts count=\"5\"><font>\(size)\(name)</font><font><b/>\(size)\(name)</font>"
        xml += "<font><b/><sz val=\"\(max(1, fontSize) + 2)\"/>\(name)</font><font><i/>\(size)\(name)</font>"
        xml += "<font><sz val=\"\(max(1, fontSize - 3))\"/>\(name)</font></fonts>"
        xml +=
            "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        let thin =
            "<left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>"
            + "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom>"
        xml += "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        xml += "<border>\(thin)<diagonal/></border></borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        let top = "<alignment vertical=\"top\"/>"
        let xfs = [
            // 0: normal
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
            // 1: header — bold, centred, wrapped, bordered
            "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\""
                + " applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>",
            // 2: amount — built-in format 3, "#,##0", which Excel shows with the reader's own
            // thousands separator ("150.000.000" in a Vietnamese locale)
            "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\""
                + " applyBorder=\"1\" applyAlignment=\"1\">\(top)</xf>",
            // 3: text
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\">"
                + "\(top)</xf>",
            // 4: wrapped text
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\">"
                + "<alignment vertical=\"top\" wrapText=\"1\"/></xf>",
            // 5: other numbers
            "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\">"
                + "\(top)</xf>",
            // 6: date and time
            "<xf numFmtId=\"\(dateFormatID)\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\""
                + " applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"top\"/></xf>",
            // 7: title
            "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\">"
                + "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>",
            // 8: subtitle
            "<xf numFmtId=\"0\" fontId=\"3\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\">"
                + "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>",
            // 9: label
            "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
            // 10: identifier
            "<xf numFmtId=\"0\" fontId=\"4\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\""
                + " applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>",
            // 11: tenths
            "<xf numFmtId=\"\(tenthsFormatID)\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\""
                + " applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\">\(top)</xf>",
        ]
        xml += "<cellXfs count=\"\(xfs.count)\">" + xfs.joined() + "</cellXfs>"
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

/// The structure of an XLSX package: which part is the workbook, its sheets in tab
/// order, their parts, the shared strings, the styles, and the date system.
///
/// Found as OPC says: `_rels/.rels` names the workbook (its `officeDocument`
/// relationship; `xl/workbook.xml` if that part is absent), the workbook's own
/// relationships (`xl/_rels/workbook.xml.rels`) map each `<sheet r:id>` to a part and name
/// the shared strings and styles. `[Content_Types].xml` is not needed and not read.
struct WorkbookPackage {
    struct Sheet: Equatable {
        var name: String
        /// `state` absent or `visible`.
        var isVisible: Bool
        /// The worksheet's part; nil for a chartsheet, dialog or macro sheet.
        var part: String?
    }

    /// The name the template gives its sheet: preferred when visible.
    static let templateSheetName = "Dự toán"
    /// The most sheets, and relationships per part, accepted (a workbook has a handful;
    /// the caps keep a hostile 16 MiB part from costing seconds).
    static let maxSheets = 10_000
    static let maxRelationships = 100_000

    let archive: ZipArchive
    let caps: WorkbookCaps
    let workbookPart: String
    private(set) var sheets: [Sheet] = []
    private(set) var sharedStringsPart: String?
    private(set) var stylesPart: String?
    /// `<workbookPr date1904="1">`: serial 0 is 1904-01-01.
    private(set) var uses1904Dates = false

    private struct Relationship {
        var id: String
        var type: String
        var target: String?
    }

    /// Reads the package structure. Throws ``WorkbookProblem/Kind/notWorkbook`` for a ZIP
    /// that holds no SpreadsheetML workbook, naming what it seems to be.
    init(_ archive: ZipArchive, caps: WorkbookCaps) throws(WorkbookProblem) {
        self.archive = archive
        self.caps = caps
        var workbook: String? = nil
        if let rels = archive.entry("_rels/.rels") {
            let relationships = try Self.relationships(archive, rels, source: "", caps: caps)
            workbook = relationships.first { $0.type.hasSuffix("/officeDocument") }?.target
        }
        guard let workbookPart = workbook ?? (archive.entry("xl/workbook.xml") != nil ? "xl/workbook.xml" : nil)
        else { throw WorkbookProblem(.notWorkbook, Self.describe(archive)) }
        guard let workbookEntry = Self.entry(archive, workbookPart) else {
            if workbookPart.hasSuffix(".xml") { throw .damaged("the part \(workbookPart) is missing") }
            throw WorkbookProblem(.notWorkbook, Self.describe(archive))
        }
        self.workbookPart = workbookPart

        var declared: [(name: String, visible: Bool, id: String?)] = []
        var sawWorkbook = false
        var inSheets = false
        var date1904 = false
        try XMLPart.scan(archive, workbookEntry, cap: caps.smallPart) { token, scanner throws(WorkbookProblem) in
            guard token == .start || token == .end else { return }
            if !sawWorkbook {
                guard token == .start, scanner.isNamed("workbook") else {
                    throw WorkbookProblem(.notWorkbook, Self.describe(archive))
                }
                sawWorkbook = true
                return
            }
            if scanner.isNamed("sheets") {
                inSheets = token == .start && !scanner.isEmptyElement
            } else if token == .start, inSheets, scanner.isNamed("sheet") {
                guard declared.count < Self.maxSheets else {
                    throw .tooLarge("\(workbookPart): more than \(Self.maxSheets) sheets")
                }
                let state = try scanner.string("state") ?? "visible"
                declared.append((try scanner.string("name") ?? "", state == "visible", try scanner.string("id")))
            } else if token == .start, scanner.isNamed("workbookPr") {
                let flag = try scanner.string("date1904") ?? "0"
                date1904 = flag == "1" || flag == "true"
            }
        }
        uses1904Dates = date1904

        let relsPart = XMLPart.relationshipsPart(of: workbookPart)
        guard let relsEntry = Self.entry(archive, relsPart) else {
            if declared.isEmpty { throw WorkbookProblem(.noSheet, "") }
            throw .damaged("the part \(relsPart) is missing")
        }
        let relationships = try Self.relationships(archive, relsEntry, source: workbookPart, caps: caps)
        sharedStringsPart = relationships.first { $0.type.hasSuffix("/sharedStrings") }?.target
        stylesPart = relationships.first { $0.type.hasSuffix("/styles") }?.target
        var byId: [String: Relationship] = [:]
        for relationship in relationships where byId[relationship.id] == nil { byId[relationship.id] = relationship }
        for sheet in declared {
            let relationship = sheet.id.flatMap { byId[$0] }
            guard let relationship else {
                throw .damaged("the sheet \(sheet.name) has no relationship in \(relsPart)")
            }
            let isWorksheet = relationship.type.hasSuffix("/worksheet")
            sheets.append(
                Sheet(name: sheet.name, isVisible: sheet.visible, part: isWorksheet ? relationship.target : nil))
        }
    }

    /// The sheet to read: the first visible worksheet named like the template's
    /// (``templateSheetName``, compared as column names are: case, tone marks, spacing),
    /// else the first visible worksheet, else the first worksheet at all (a workbook whose
    /// worksheets are all hidden still has one to read). Nil without a worksheet.
    func chosenSheet() -> Sheet? {
        let worksheets = sheets.filter { $0.part != nil }
        let visible = worksheets.filter(\.isVisible)
        let template = NameFolding.key(Self.templateSheetName)
        return visible.first { NameFolding.key($0.name) == template } ?? visible.first ?? worksheets.first
    }

    /// The entry of `part`: by its name, else by its name with `%XX` escapes decoded.
    static func entry(_ archive: ZipArchive, _ part: String) -> ZipEntry? {
        archive.entry(part) ?? XMLPart.percentDecoded(part).flatMap { archive.entry($0) }
    }

    /// The entry of a part the workbook needs: missing, the package is damaged.
    func requiredEntry(_ part: String) throws(WorkbookProblem) -> ZipEntry {
        guard let entry = Self.entry(archive, part) else { throw .damaged("the part \(part) is missing") }
        return entry
    }

    private static func relationships(
        _ archive: ZipArchive, _ entry: ZipEntry, source: String, caps: WorkbookCaps
    ) throws(WorkbookProblem) -> [Relationship] {
        var found: [Relationship] = []
        try XMLPart.scan(archive, entry, cap: caps.smallPart) { token, scanner throws(WorkbookProblem) in
            guard token == .start, scanner.isNamed("Relationship") else { return }
            guard found.count < maxRelationships else {
                throw .tooLarge("\(entry.name): more than \(maxRelationships) relationships")
            }
            let external = try scanner.string("TargetMode") == "External"
            let target = external ? nil : try scanner.string("Target").flatMap { XMLPart.resolve($0, from: source) }
            found.append(
                Relationship(id: try scanner.string("Id") ?? "", type: try scanner.string("Type") ?? "", target: target)
            )
        }
        return found
    }

    /// What a ZIP that is not a workbook seems to be, for the message.
    static func describe(_ archive: ZipArchive) -> String {
        if archive.entries.isEmpty { return "an empty ZIP archive" }
        if let mimetype = archive.entry("mimetype"), mimetype.size < 256,
            let bytes = try? readWhole(archive, mimetype, cap: 256)
        {
            let type = String(decoding: bytes, as: UTF8.self)
            if type.contains("opendocument.spreadsheet") { return "an OpenDocument spreadsheet (ODS)" }
            if type.contains("opendocument") { return "an OpenDocument file" }
        }
        if archive.entry("xl/workbook.bin") != nil { return "an Excel binary workbook (XLSB)" }
        if archive.entry("word/document.xml") != nil { return "a Word document (DOCX)" }
        if archive.entry("ppt/presentation.xml") != nil { return "a PowerPoint presentation (PPTX)" }
        return "a ZIP archive without an Excel workbook"
    }

    /// A small part's bytes, whole.
    static func readWhole(_ archive: ZipArchive, _ entry: ZipEntry, cap: Int) throws(WorkbookProblem) -> [UInt8] {
        let part = try PartReader(archive, entry, cap: cap)
        var bytes = [UInt8](repeating: 0, count: entry.size)
        var filled = 0
        while filled < bytes.count {
            let count = try bytes.withUnsafeMutableBufferPointer { buffer throws(WorkbookProblem) in
                try part.read(into: UnsafeMutableBufferPointer(rebasing: buffer[filled...]))
            }
            if count == 0 { break }
            filled += count
        }
        // The end, where the CRC is checked.
        var end: UInt8 = 0
        _ = try withUnsafeMutablePointer(to: &end) { pointer throws(WorkbookProblem) in
            try part.read(into: UnsafeMutableBufferPointer(start: pointer, count: 1))
        }
        return bytes
    }
}

/// How large the parts of a workbook may be once uncompressed.
///
/// Tied to the file-size limit, so that `--max-file-size` bounds the work too: a sheet or
/// the shared strings may be 4 × the file-size limit uncompressed, at most 256 MiB (a
/// 64 MiB CSV's table is about 200 MB of sheet XML); the workbook, relationships and
/// styles 16 MiB (a few kilobytes in practice). Beside the caps, ``PartReader`` refuses a
/// deflated part claiming more than 1 100 times its compressed size.
struct WorkbookCaps: Equatable {
    var part: Int
    var smallPart: Int

    init(_ limits: IntakeLimits) {
        let fileCap = limits.maxFileBytes > Int.max / 4 ? Int.max : limits.maxFileBytes * 4
        part = min(256 << 20, max(1 << 20, fileCap))
        smallPart = min(part, 16 << 20)
    }
}

import BudgetCore

/// Reads an `.xlsx` workbook as ``SubmissionReader`` reads a CSV: the chosen sheet's rows
/// go, as records, through the very same table stage (``RowReader``), so that key rows,
/// the header, numbers, total and "Bằng chữ" rows and every finding follow the CSV rules.
///
/// ```
/// bytes ─▶ ZipArchive ─▶ WorkbookPackage ─▶ sheet choice
///                         SharedStrings, CellStyles (in memory, capped)
///          PartReader (inflate, CRC) ─▶ XMLInput ─▶ XMLScanner ─▶ SheetReader ─▶ RowReader ─▶ consumer
/// ```
///
/// The file is read into memory whole (the ZIP directory is at its end), within the
/// file-size limit; the sheet is inflated and scanned as a stream. What makes the file
/// unreadable is one `unreadable-encoding` finding (``WorkbookProblem``); when it is found
/// while the sheet is read (a CRC mismatch at its end, damaged XML), the lines before it
/// stand, as with an invalid byte in a CSV, and the finding carries the row reached.
enum WorkbookIntake {
    /// The size of each read of the rest of the file.
    static let readSize = 1 << 20

    /// Reads the file whose first bytes are `first` (the whole file if `isWholeFile`, else
    /// the rest comes from `source`): a ZIP, or an OLE2 compound file.
    ///
    /// - Returns: the report, `encoding` "xlsx" once a sheet is being read; findings
    ///   unsorted, without the file name (the caller sets both).
    /// - Throws: only what `source` throws.
    static func read<C: LineConsumer>(
        first: UnsafeBufferPointer<UInt8>, isWholeFile: Bool, rest source: inout any ByteSource,
        options: IntakeOptions, into consumer: inout C
    ) throws -> IntakeReport {
        let limits = options.limits
        let bytes = ArchiveBytes(capacity: isWholeFile ? first.count : 2 * first.count)
        bytes.append(first)
        if !isWholeFile {
            while true {
                bytes.reserve(bytes.count + readSize)
                let count = try source.read(
                    into: UnsafeMutableRawBufferPointer(start: bytes.base + bytes.count, count: readSize))
                if count == 0 { break }
                bytes.didAppend(count)
                if bytes.count > limits.maxFileBytes {
                    return IntakeReport(
                        findings: [
                            Finding(
                                .limitExceeded, value: String(bytes.count), variant: "file-size",
                                arguments: ["limit": String(limits.maxFileBytes)])
                        ], byteCount: bytes.count)
                }
            }
        }
        var report = IntakeReport(byteCount: bytes.count)
        if FileSignature.isCompoundFile(first) {
            report.findings.append(CompoundFile.finding(bytes.buffer))
            return report
        }
        let sheet: SheetSource
        do {
            sheet = try SheetSource(bytes, limits: limits)
        } catch {
            report.findings.append(error.finding())
            return report
        }
        report.encoding = "xlsx"
        if let legacy = WorkbookLegacyCheck.finding(sheet, limits: limits) {
            // Text typed in a legacy font is refused before any line is read, as in a CSV.
            report.findings.append(legacy)
            return report
        }
        return withUnsafeMutablePointer(to: &consumer) { consumer in
            var sink = IntakeSink(consumer: consumer, keepsText: options.keepsLineText, report: report)
            var reader = SheetReader(
                strings: sheet.strings, styles: sheet.styles, uses1904: sheet.uses1904, limits: limits)
            do throws(WorkbookProblem) {
                switch try reader.read(sheet.part, into: &sink) {
                case .end, .stopped:
                    break
                case .limit(let limit, let row):
                    sink.rows.report.findings.append(limitFinding(limit, line: row, limits: limits))
                }
            } catch {
                guard reader.row > 0 else {
                    report.findings.append(error.finding())
                    return report
                }
                sink.rows.report.findings.append(error.finding(line: reader.row))
            }
            sink.rows.finish()
            sink.handOn()
            return sink.rows.report
        }
    }

    /// The `limit-exceeded` finding for a limit crossed in the sheet, worded as the CSV
    /// reader words it.
    static func limitFinding(_ limit: CSVLimit, line: Int, limits: IntakeLimits) -> Finding {
        switch limit {
        case .fieldSize:
            return Finding(
                .limitExceeded, line: line, variant: "field-size", arguments: ["limit": String(limits.maxFieldBytes)])
        case .columns:
            return Finding(
                .limitExceeded, line: line, value: String(limits.maxColumns + 1), variant: "columns",
                arguments: ["limit": String(limits.maxColumns)])
        case .rows:
            return Finding(.limitExceeded, line: line, variant: "rows", arguments: ["limit": String(limits.maxRows)])
        }
    }
}

/// Everything needed to read the chosen sheet: its part opened, the shared strings and
/// the date styles read, the date system known.
struct SheetSource {
    let name: String
    let archive: ZipArchive
    let entry: ZipEntry
    let cap: Int
    let part: PartReader
    let strings: SharedStrings
    let styles: CellStyles
    let uses1904: Bool

    init(_ bytes: ArchiveBytes, limits: IntakeLimits) throws(WorkbookProblem) {
        let caps = WorkbookCaps(limits)
        let archive = try ZipArchive(bytes)
        let package = try WorkbookPackage(archive, caps: caps)
        guard let sheet = package.chosenSheet(), let sheetPart = sheet.part else {
            throw WorkbookProblem(.noSheet, "")
        }
        name = sheet.name
        let sheetEntry = try package.requiredEntry(sheetPart)
        if let stringsPart = package.sharedStringsPart {
            strings = try SharedStrings.read(
                archive, try package.requiredEntry(stringsPart), cap: caps.part, maxFieldBytes: limits.maxFieldBytes)
        } else {
            strings = SharedStrings()
        }
        if let stylesPart = package.stylesPart {
            styles = try CellStyles.read(archive, try package.requiredEntry(stylesPart), cap: caps.smallPart)
        } else {
            styles = CellStyles()
        }
        uses1904 = package.uses1904Dates
        self.archive = archive
        entry = sheetEntry
        cap = caps.part
        part = try PartReader(archive, sheetEntry, cap: caps.part)
    }

    /// The sheet's part opened again, from its start.
    func reopen() throws(WorkbookProblem) -> PartReader { try PartReader(archive, entry, cap: cap) }
}

/// The legacy-font check of a CSV's first megabyte (``LegacyEncodingDetector``), on the
/// first megabyte of the sheet's cell text: text typed in TCVN3 or VNI fonts is stored in
/// a workbook as the Windows characters of its bytes, exactly as in a UTF-8 CSV of it.
///
/// A first, short pass over the sheet gathers the text (cells separated by tabs, rows by
/// line feeds, as the detector's samples and lines expect); the finding's line is mapped
/// back to the row. `--encoding tcvn3` does not convert a workbook: the hint (variants
/// "workbook", "workbook-vni") says how to convert it in Excel.
struct WorkbookLegacyCheck: SheetRowSink {
    static let size = 1 << 20

    var text: [UInt8] = []
    var rows: [Int] = []

    mutating func row(_ record: CSVRecord) -> Bool {
        for index in 0..<record.count {
            if index > 0 { text.append(0x09) }
            text.append(contentsOf: record.field(index))
        }
        text.append(0x0A)
        rows.append(record.line)
        return text.count < Self.size
    }

    mutating func formulaWithoutValue(row: Int, column: Int, formula: String) {}
    mutating func progress() {}

    /// The `legacy-encoding` finding for the sheet, or nil (also when the sheet cannot be
    /// read: the main pass reports that).
    static func finding(_ sheet: SheetSource, limits: IntakeLimits) -> Finding? {
        var sample = WorkbookLegacyCheck()
        var reader = SheetReader(strings: sheet.strings, styles: sheet.styles, uses1904: sheet.uses1904, limits: limits)
        guard let part = try? sheet.reopen() else { return nil }
        _ = try? reader.read(part, into: &sample)
        guard !sample.text.isEmpty else { return nil }
        let found = sample.text.withUnsafeBufferPointer {
            LegacyEncodingDetector.finding(LegacyText(bytes: $0, start: 0, source: .utf8))
        }
        guard var finding = found else { return nil }
        finding.variant = finding.variant == "vni" ? "workbook-vni" : "workbook"
        finding.line = finding.line.flatMap { $0 >= 1 && $0 <= sample.rows.count ? sample.rows[$0 - 1] : nil }
        return finding
    }
}

/// The sheet's rows into the table stage, and finished lines on to the consumer.
private struct IntakeSink<C: LineConsumer>: SheetRowSink {
    let consumer: UnsafeMutablePointer<C>
    var rows = RowReader()
    var begun = false

    init(consumer: UnsafeMutablePointer<C>, keepsText: Bool, report: IntakeReport) {
        self.consumer = consumer
        rows.keepsText = keepsText
        rows.report = report
    }

    mutating func row(_ record: CSVRecord) -> Bool { rows.record(record) }

    mutating func formulaWithoutValue(row: Int, column: Int, formula: String) {
        let belowHeader = rows.report.preamble.map { row > $0.headerLine } ?? false
        let name = belowHeader ? rows.name(column) : nil
        // The amount read as empty because its formula has no value: that is the one
        // finding for the cell, not also a line missing its amount.
        if belowHeader && column == rows.columns.amount {
            rows.report.findings.removeAll { $0.code == .missingAmount && $0.line == row }
        }
        var text = formula
        // A formula cut for the message may end in half a character.
        while text.unicodeScalars.last == "\u{FFFD}" { text.unicodeScalars.removeLast() }
        rows.report.findings.append(
            Finding(
                .formulaWithoutValue, line: row, column: name, columnNumber: column + 1,
                value: text.isEmpty ? nil : "=" + text, variant: text.isEmpty ? "no-text" : "",
                arguments: ["cell": SheetReader.reference(column: column, row: row)]))
    }

    mutating func progress() { handOn() }

    mutating func handOn() { rows.handOn(to: &consumer.pointee, begun: &begun) }
}

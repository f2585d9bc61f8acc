import BudgetCore

/// The table stage: turns scanned records into the preamble, estimate lines, total and
/// words rows, and findings.
///
/// Not generic over the consumer, so that it is compiled once, specialised, in this
/// module: finished lines collect in ``ready`` and the driver hands them on after each
/// chunk (at most a chunk's worth of lines is ever buffered).
///
/// Above the header it reads key rows; the header is the first row naming three known
/// columns (``HeaderMatcher``). Below it, each row is an estimate line, a total row, a
/// "Bằng chữ" row, or a heading (skipped). Numbers are read from bytes
/// (``NumberLexer``) under the file's one decimal-mark decision
/// (``DecimalMarkDecision``); lines whose quantity waits for that decision are held in
/// ``pending`` and given to the consumer once it is made, or at the end.
struct RowReader: CSVRecordSink {
    /// Rows searched for a header before giving up with `no-header`: bounds the work on
    /// files that are not estimates at all.
    static var headerSearchLimit: Int { 10_000 }

    var report = IntakeReport()
    /// Finished lines not yet given to the consumer, in the order they were finished.
    let ready = LineQueue<EstimateLine>()
    /// The same, for lines read without their text (``keepsText`` false): only one of the
    /// two queues is ever used by a reader.
    let keyed = LineQueue<KeyedLine>()
    /// The item codes of ``keyed`` lines.
    let codeNumbers = CodeNumbers()

    private(set) var headerFound = false
    private var readingLines = false
    private var keyRows: [KeyRow] = []
    private var rowsBeforeHeader = 0
    var columns = ColumnIndex()
    var names: [String] = []
    var width = 0
    var amountExponent = 0
    var priceExponent = 0
    var decision = DecimalMarkDecision()
    var pending: [PendingLine] = []
    /// The signature block being read: its first and last rows and its first row's text.
    var signatureBlock: (first: Int, last: Int, text: String)?
    var sum: Money? = .zero
    /// Strings for repeated short fields (codes, units, notes).
    let cache = TextCache()
    /// Whether lines carry STT, description, unit and note (``IntakeOptions/keepsLineText``).
    var keepsText = true
    /// Whether lines are given in file order (``IntakeOptions/keepsFileOrder``).
    var keepsFileOrder = false
    /// Keys descriptions when their text is not kept.
    let keyer = Folding.CaseAndSpaceKeyer()
    /// The keys of repeated descriptions.
    let descriptionKeys = FoldKeyCache()

    init() {}

    mutating func record(_ record: CSVRecord) -> Bool {
        if !record.issues.isEmpty {
            addIssues(record)
            // A quote never closed ran the field to the end of the input: the record cannot
            // be read, and is reported once, as malformed, not also as a line missing parts.
            if readingLines && record.issues.contains(where: { $0.kind == .unterminatedQuote }) { return true }
        }
        if readingLines {
            readRow(record)
            return true
        }
        if headerFound { return false }
        rowsBeforeHeader += 1
        if rowsBeforeHeader > RowReader.headerSearchLimit { return false }
        var width = 0
        for index in 0..<record.count where !TextBytes.isBlank(record.field(index)) { width = index + 1 }
        guard width > 0 else { return true }
        let cells = (0..<width).map { TextBytes.text(record.field($0)) }
        if let match = HeaderMatcher.match(cells) {
            return acceptHeader(match, line: record.line)
        }
        keyRows += KeyRowMatcher.match(cells, line: record.line)
        return true
    }

    /// Records the header, its findings and the money scale, and starts the consumer.
    /// Returns whether lines can be read (both required columns present).
    private mutating func acceptHeader(_ match: HeaderMatch, line: Int) -> Bool {
        headerFound = true
        names = match.names
        width = match.width
        columns = ColumnIndex(match.columns)
        for duplicate in match.duplicates {
            report.findings.append(
                Finding(
                    .duplicateColumn, line: line, column: duplicate.column.name,
                    columnNumber: duplicate.column.number, value: duplicate.column.name,
                    arguments: [
                        "field": duplicate.field.vietnameseName, "other": duplicate.first.name,
                        "otherNumber": String(duplicate.first.number),
                    ]))
        }
        var missing = false
        for field in [ColumnField.itemCode, .amount] where match.columns[field] == nil {
            missing = true
            report.findings.append(
                Finding(.missingColumn, line: line, arguments: ["field": field.vietnameseName]))
        }
        applyMoneyScale(match, headerLine: line)
        let preamble = Preamble(keyRows: keyRows, columns: match.columns, headerLine: line)
        report.preamble = preamble
        readingLines = !missing
        return readingLines
    }

    /// Chooses the scale of amounts and of unit prices: each column's own header unit,
    /// else the other money column's, else the `Đơn vị tính` row, else đồng.
    private mutating func applyMoneyScale(_ match: HeaderMatch, headerLine: Int) {
        var rowUnit: (unit: MoneyUnit, row: KeyRow)? = nil
        for row in keyRows where row.key == .moneyUnit {
            if let unit = MoneyUnit.parse(folded: NameFolding.key(row.value)) { rowUnit = (unit, row) }
        }
        var announced: Set<String> = []
        func source(_ field: ColumnField, _ other: ColumnField) -> Int {
            if let stated = match.units[field] ?? match.units[other] {
                let owner = match.units[field] != nil ? field : other
                if stated.unit.exponent > 0, let ref = match.columns[owner], announced.insert("h\(owner)").inserted {
                    report.findings.append(
                        Finding(
                            .moneyScale, line: headerLine, column: ref.name, columnNumber: ref.number,
                            value: stated.text, arguments: ["factor": String(stated.unit.factor)]))
                }
                return stated.unit.exponent
            }
            if let rowUnit {
                if rowUnit.unit.exponent > 0, announced.insert("row").inserted {
                    report.findings.append(
                        Finding(
                            .moneyScale, line: rowUnit.row.line, value: rowUnit.row.value,
                            arguments: ["factor": String(rowUnit.unit.factor)]))
                }
                return rowUnit.unit.exponent
            }
            return 0
        }
        amountExponent = source(.amount, .unitPrice)
        priceExponent = source(.unitPrice, .amount)
        report.moneyScale = MoneyUnit(exponent: amountExponent).factor
    }

    /// Turns the scanner's quoting issues into `malformed-csv` findings.
    private mutating func addIssues(_ record: CSVRecord) {
        for issue in record.issues {
            let column = headerFound && issue.field < names.count ? names[issue.field] : nil
            var value: String? = nil
            var variant = ""
            switch issue.kind {
            case .quoteInUnquotedField:
                value = RowReader.excerpt(TextBytes.text(record.field(issue.field)))
            case .textAfterClosingQuote:
                variant = "after-quote"
                value = RowReader.excerpt(TextBytes.text(record.field(issue.field)))
            case .unterminatedQuote:
                variant = "unterminated"
            }
            report.findings.append(
                Finding(
                    .malformedCSV, line: issue.line, column: column, columnNumber: issue.field + 1,
                    value: value, variant: variant))
        }
    }

    /// At most 120 characters of `text`, for a finding's value.
    static func excerpt(_ text: String) -> String {
        text.count <= 120 ? text : String(text.prefix(120)) + "…"
    }

    /// Ends the table: releases or reports held lines, and reports a missing header.
    mutating func finish() {
        endSignatureBlock()
        if !headerFound { report.findings.append(Finding(.noHeader)) }
        finishPending()
        report.decimalMark = decision.mark?.scalar
        report.lineSum = sum
    }
}

import BudgetCore

/// Receives the rows of a worksheet from a ``SheetReader``.
protocol SheetRowSink {
    /// One row with at least one non-empty cell, as a record: `line` is the row number,
    /// field k the text of column k (empty for a missing cell). Returns false to stop.
    mutating func row(_ record: CSVRecord) -> Bool
    /// A formula cell of row `row`, column `column` (0-based), without a cached value:
    /// reported after its row, so that the header (if the row is below it) names the column.
    mutating func formulaWithoutValue(row: Int, column: Int, formula: String)
    /// Called every few hundred rows: finished lines may be handed on.
    mutating func progress()
}

/// Streams one worksheet part (`<sheetData>`) into records of cell texts.
///
/// Each cell becomes the text the CSV export of the same sheet would hold for it — so
/// that the table stage reads a workbook by exactly its CSV rules:
///
/// | cell | text |
/// |---|---|
/// | `t="s"` | the shared string |
/// | `t="inlineStr"` | the `<is>` text (runs concatenated, phonetic runs left out) |
/// | `t="str"` (a formula's text) | the cached value |
/// | `t="b"` | `TRUE` / `FALSE` |
/// | `t="e"` | the error as written (`#VALUE!`), which the number reader refuses |
/// | `t="d"` | the ISO date as written (`2020-03-10`; a zero time dropped) |
/// | `t="n"` or none | the number (``CellNumber``): 15 significant digits, or an ISO date when the style shows a date |
///
/// A formula is read by its cached value (`<v>`); a formula cell without one is reported
/// (``SheetRowSink/formulaWithoutValue(row:column:formula:)``) and read as empty. Cells
/// without `r` take the column after the previous cell; missing cells are empty; rows
/// keep their numbers (a gap is rows that are not there). A row without any non-empty
/// cell is no record, as a blank line is none in a CSV.
///
/// The limits are the CSV reader's: a cell's text over `maxFieldBytes`, a non-empty cell
/// past column `maxColumns`, more than `maxRows` records stop reading
/// (``Stop/limit(_:row:)``). Rows must come in ascending order and cells in ascending
/// columns within a row (ECMA-376 requires it; Excel refuses other files as corrupt): a
/// sheet that breaks this is damaged.
struct SheetReader {
    /// Why reading ended.
    enum Stop: Equatable {
        /// The end of the part (`</worksheet>`, size and CRC-32 checked).
        case end
        /// The sink asked to stop.
        case stopped
        /// A limit of ``IntakeLimits`` was crossed at `row`.
        case limit(CSVLimit, row: Int)
    }

    /// Excel's last row and column.
    static let maxRowNumber = 1_048_576
    static let maxColumnCount = 16_384
    /// How many bytes of a formula a finding shows.
    static let formulaExcerpt = 200
    /// Rows between calls to ``SheetRowSink/progress()``.
    static let progressRows = 512

    private enum CellType {
        case number, shared, inline, formulaString, boolean, error, date
    }

    private enum Capture {
        case none, value, formula, inline
    }

    let strings: SharedStrings
    let styles: CellStyles
    let uses1904: Bool
    let limits: IntakeLimits

    /// The row being read, or the last one read (0 before the first): where a problem is reported.
    private(set) var row = 0
    private var records = 0
    private var inSheetData = false
    private var inRow = false

    // The row's record.
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var lastColumn = -1
    private var formulas: [(column: Int, text: String)] = []

    // The cell being read.
    private var inCell = false
    private var column = 0
    private var type = CellType.number
    private var style = 0
    private var hasValue = false
    private var hasFormula = false
    private var formulaCut = false
    private var capture = Capture.none
    private var inInline = false
    private var sawInline = false
    private var phonetic = 0
    private var value: [UInt8] = []
    private var inline: [UInt8] = []
    private var formula: [UInt8] = []
    private var stop: Stop? = nil

    init(strings: SharedStrings, styles: CellStyles, uses1904: Bool, limits: IntakeLimits) {
        self.strings = strings
        self.styles = styles
        self.uses1904 = uses1904
        self.limits = limits
        bytes.reserveCapacity(4096)
        value.reserveCapacity(256)
        starts.reserveCapacity(64)
        ends.reserveCapacity(64)
    }

    /// Reads the worksheet `part` into `sink`. `window`: the XML window's first capacity
    /// (tests shrink it to put its boundaries everywhere).
    mutating func read<Sink: SheetRowSink>(
        _ part: PartReader, into sink: inout Sink, window: Int = XMLInput.initialCapacity
    ) throws(WorkbookProblem) -> Stop {
        var scanner = XMLScanner(XMLInput(part, capacity: window))
        while true {
            switch try scanner.next() {
            case .start:
                try start(&scanner, &sink)
            case .end:
                try end(&scanner, &sink)
            case .text:
                try text(&scanner)
            case .done:
                return .end
            }
            if let stop { return stop }
        }
    }

    private mutating func start<Sink: SheetRowSink>(
        _ scanner: inout XMLScanner, _ sink: inout Sink
    ) throws(WorkbookProblem) {
        if inCell {
            if scanner.isNamed("v") {
                hasValue = true
                if !value.isEmpty { value.removeAll(keepingCapacity: true) }
                capture = scanner.isEmptyElement ? .none : .value
            } else if scanner.isNamed("f") {
                hasFormula = true
                formula.removeAll(keepingCapacity: true)
                formulaCut = false
                capture = scanner.isEmptyElement ? .none : .formula
            } else if scanner.isNamed("is") {
                inInline = !scanner.isEmptyElement
                inline.removeAll(keepingCapacity: true)
                hasValue = true
                sawInline = true
            } else if inInline, scanner.isNamed("rPh") {
                if !scanner.isEmptyElement { phonetic += 1 }
            } else if inInline, phonetic == 0, scanner.isNamed("t") {
                capture = scanner.isEmptyElement ? .none : .inline
            }
            return
        }
        if scanner.isNamed("c") {
            guard inRow else { throw .damaged("\(scanner.input.part.entry.name): a cell outside a row") }
            try startCell(&scanner)
            if scanner.isEmptyElement { try endCell(&sink) }
        } else if scanner.isNamed("row") {
            guard inSheetData, !inRow else { throw .damaged("\(scanner.input.part.entry.name): a misplaced row") }
            try startRow(&scanner)
            if scanner.isEmptyElement { endRow(&sink) }
        } else if scanner.isNamed("sheetData") {
            inSheetData = !scanner.isEmptyElement
        }
    }

    private mutating func end<Sink: SheetRowSink>(
        _ scanner: inout XMLScanner, _ sink: inout Sink
    ) throws(WorkbookProblem) {
        if inCell {
            if scanner.isNamed("c") {
                try endCell(&sink)
            } else if scanner.isNamed("v") || scanner.isNamed("f") || scanner.isNamed("t") {
                capture = .none
            } else if scanner.isNamed("rPh") {
                phonetic = max(0, phonetic - 1)
            } else if scanner.isNamed("is") {
                inInline = false
                capture = .none
            }
            return
        }
        if scanner.isNamed("row") {
            endRow(&sink)
        } else if scanner.isNamed("sheetData") {
            inSheetData = false
        }
    }

    private mutating func text(_ scanner: inout XMLScanner) throws(WorkbookProblem) {
        switch capture {
        case .none:
            return
        case .value:
            if try !scanner.appendText(to: &value, limit: limits.maxFieldBytes) {
                stop = .limit(.fieldSize, row: row)
            }
        case .inline:
            if try !scanner.appendText(to: &inline, limit: limits.maxFieldBytes) {
                stop = .limit(.fieldSize, row: row)
            }
        case .formula:
            if !formulaCut, try !scanner.appendText(to: &formula, limit: Self.formulaExcerpt) {
                formulaCut = true
            }
        }
    }

    private mutating func startRow(_ scanner: inout XMLScanner) throws(WorkbookProblem) {
        var number = row + 1
        if let index = scanner.attribute("r") {
            guard let raw = scanner.rawValue(index), let parsed = Self.integer(raw), parsed >= 1 else {
                throw .damaged("\(scanner.input.part.entry.name): a row number that is not a number")
            }
            number = parsed
        }
        guard number > row else {
            throw .damaged("\(scanner.input.part.entry.name): row \(number) comes after row \(row)")
        }
        guard number <= Self.maxRowNumber else {
            throw .damaged("\(scanner.input.part.entry.name): row \(number) is past Excel's last row")
        }
        row = number
        inRow = true
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        if !formulas.isEmpty { formulas.removeAll(keepingCapacity: true) }
        lastColumn = -1
    }

    private mutating func endRow<Sink: SheetRowSink>(_ sink: inout Sink) {
        inRow = false
        guard !starts.isEmpty else {
            reportFormulas(&sink)
            return
        }
        records += 1
        guard records <= limits.maxRows else {
            stop = .limit(.rows, row: row)
            return
        }
        let line = row
        let count = starts.count
        let keepGoing = bytes.withUnsafeBufferPointer { text in
            starts.withUnsafeBufferPointer { starts in
                ends.withUnsafeBufferPointer { ends in
                    // An empty row buffer still needs an address for the record's fields.
                    withUnsafePointer(to: 0) { zero in
                        let base = text.baseAddress ?? UnsafeRawPointer(zero).assumingMemoryBound(to: UInt8.self)
                        guard let startBase = starts.baseAddress, let endBase = ends.baseAddress else { return true }
                        let record = CSVRecord(
                            line: line, count: count, issues: UnsafeBufferPointer(start: nil, count: 0),
                            bytes: base, starts: startBase, ends: endBase)
                        return sink.row(record)
                    }
                }
            }
        }
        reportFormulas(&sink)
        if !keepGoing {
            stop = .stopped
            return
        }
        if records % Self.progressRows == 0 { sink.progress() }
    }

    private mutating func reportFormulas<Sink: SheetRowSink>(_ sink: inout Sink) {
        for formula in formulas { sink.formulaWithoutValue(row: row, column: formula.column, formula: formula.text) }
    }

    private mutating func startCell(_ scanner: inout XMLScanner) throws(WorkbookProblem) {
        inCell = !scanner.isEmptyElement
        var number = lastColumn + 1
        if let index = scanner.attribute("r") {
            guard let raw = scanner.rawValue(index), let parsed = Self.column(raw) else {
                throw .damaged("\(scanner.input.part.entry.name): a cell reference that is not one")
            }
            number = parsed
        }
        guard number > lastColumn else {
            throw .damaged(
                "\(scanner.input.part.entry.name): cell \(Self.reference(column: number, row: row)) is out of order")
        }
        guard number < Self.maxColumnCount else {
            throw .damaged("\(scanner.input.part.entry.name): a cell past Excel's last column")
        }
        column = number
        lastColumn = number
        type = .number
        if let index = scanner.attribute("t"), let raw = scanner.rawValue(index) {
            type = Self.cellType(raw)
        }
        style = 0
        if let index = scanner.attribute("s"), let raw = scanner.rawValue(index) {
            style = Self.integer(raw) ?? 0
        }
        hasValue = false
        hasFormula = false
        capture = .none
        inInline = false
        sawInline = false
        phonetic = 0
        // Most cells leave these empty: clearing an empty array still costs a call.
        if !value.isEmpty { value.removeAll(keepingCapacity: true) }
        if !inline.isEmpty { inline.removeAll(keepingCapacity: true) }
    }

    private mutating func endCell<Sink: SheetRowSink>(_ sink: inout Sink) throws(WorkbookProblem) {
        inCell = false
        capture = .none
        let start = bytes.count
        let keepsEmptyValue = type == .formulaString || type == .inline
        if hasFormula && (!hasValue || (value.isEmpty && !keepsEmptyValue)) {
            var text = String(decoding: formula, as: UTF8.self)
            if formulaCut { text += "…" }
            formulas.append((column, text))
            return
        }
        switch type {
        case .shared:
            let index = value.withUnsafeBufferPointer { Self.integer(Self.trimmed($0)) }
            let found: Void? = try strings.withString(index ?? -1) { text throws(WorkbookProblem) in
                bytes.append(contentsOf: text)
            }
            guard found != nil else {
                throw .damaged(
                    "cell \(Self.reference(column: column, row: row)) names shared string "
                        + "\(String(decoding: value.prefix(20), as: UTF8.self)) of \(strings.count)")
            }
        case .inline:
            // `<is>`, or (rarely written) a `<v>` in its place.
            if !sawInline { swap(&inline, &value) }
            ExcelEscapes.resolve(&inline, from: 0)
            bytes.append(contentsOf: inline)
        case .formulaString:
            ExcelEscapes.resolve(&value, from: 0)
            bytes.append(contentsOf: value)
        case .boolean:
            let trimmed = value.withUnsafeBufferPointer { Array(Self.trimmed($0)) }
            switch trimmed {
            case [0x31], Array("true".utf8): bytes.append(contentsOf: Array("TRUE".utf8))
            case [0x30], Array("false".utf8): bytes.append(contentsOf: Array("FALSE".utf8))
            default: bytes.append(contentsOf: value)
            }
        case .error:
            bytes.append(contentsOf: value)
        case .date:
            Self.appendISODate(value, to: &bytes)
        case .number:
            if !value.isEmpty {
                value.withUnsafeBufferPointer {
                    CellNumber.append($0, kind: styles.kind(style), uses1904: uses1904, to: &bytes)
                }
            }
        }
        let length = bytes.count - start
        guard length > 0 else { return }
        guard length <= limits.maxFieldBytes else {
            stop = .limit(.fieldSize, row: row)
            return
        }
        guard column < limits.maxColumns else {
            stop = .limit(.columns, row: row)
            return
        }
        while starts.count < column {
            starts.append(start)
            ends.append(start)
        }
        starts.append(start)
        ends.append(bytes.count)
    }

    private static func cellType(_ raw: UnsafeBufferPointer<UInt8>) -> CellType {
        switch raw.count {
        case 1:
            switch raw[0] {
            case 0x73: return .shared  // s
            case 0x62: return .boolean  // b
            case 0x65: return .error  // e
            case 0x64: return .date  // d
            default: return .number
            }
        case 3 where raw[0] == 0x73 && raw[1] == 0x74 && raw[2] == 0x72: return .formulaString  // str
        case 9 where raw[0] == 0x69: return .inline  // inlineStr
        default: return .number
        }
    }

    /// `2020-03-10T00:00:00` → `2020-03-10`; another time keeps it, after a space.
    private static func appendISODate(_ value: [UInt8], to out: inout [UInt8]) {
        guard value.count >= 11, value[10] == 0x54 else {
            out.append(contentsOf: value)
            return
        }
        let time = value[11...].prefix { $0 != 0x5A && $0 != 0x2B }
        if time.allSatisfy({ $0 == 0x30 || $0 == 0x3A || $0 == 0x2E }) {
            out.append(contentsOf: value[..<10])
        } else {
            out.append(contentsOf: value[..<10])
            out.append(0x20)
            out.append(contentsOf: value[11...])
        }
    }

    static func trimmed(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0
        var e = text.count
        while s < e && XMLScanner.isSpace(text[s]) { s += 1 }
        while e > s && XMLScanner.isSpace(text[e - 1]) { e -= 1 }
        return UnsafeBufferPointer(rebasing: text[s..<e])
    }

    /// A non-negative decimal integer of at most 9 digits.
    static func integer(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !text.isEmpty, text.count <= 9 else { return nil }
        var value = 0
        for byte in text {
            guard byte &- 0x30 <= 9 else { return nil }
            value = value * 10 + Int(byte &- 0x30)
        }
        return value
    }

    /// The 0-based column of a reference such as `AB12` (letters, then digits), if valid.
    static func column(_ reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = 0
        var value = 0
        while k < reference.count {
            let letter = reference[k] & ~0x20
            guard letter >= 0x41 && letter <= 0x5A, reference[k] >= 0x41 else { break }
            value = value * 26 + Int(letter - 0x40)
            k += 1
            if k > 3 { return nil }
        }
        guard k > 0 else { return nil }
        for digit in reference[k...] where digit &- 0x30 > 9 { return nil }
        return value - 1
    }

    /// `G12` for column 6, row 12.
    static func reference(column: Int, row: Int) -> String {
        var letters: [UInt8] = []
        var rest = column + 1
        while rest > 0 {
            letters.append(UInt8(0x41 + (rest - 1) % 26))
            rest = (rest - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self) + String(row)
    }
}

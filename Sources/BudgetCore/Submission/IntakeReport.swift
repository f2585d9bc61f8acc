/// A key–value row above the table, such as `Mã đơn vị,BAOKT`.
public struct KeyRow: Hashable, Sendable, Codable {
    /// Which key the row names.
    public enum Key: String, Sendable, Codable {
        /// `Mã đơn vị` / "Agency code".
        case agencyCode
        /// `Đơn vị` / "Agency": the agency's name.
        case agencyName
        /// `Kế hoạch` / "Plan": the plan id.
        case plan
        /// `Đơn vị tính` / "Unit": the money unit (đồng, nghìn đồng, triệu đồng).
        case moneyUnit
    }

    public var key: Key
    /// The physical line, 1-based.
    public var line: Int
    /// The value: the next non-empty cell after the key, trimmed, NFC.
    public var value: String

    public init(key: Key, line: Int, value: String) {
        self.key = key
        self.line = line
        self.value = value
    }
}

/// What the reader learned above the table; given to consumers before the first line.
public struct Preamble: Sendable, Hashable {
    /// The key rows found above the header, in file order.
    public var keyRows: [KeyRow]
    /// Where each known field sits; absent fields are not in the file.
    public var columns: [ColumnField: ColumnRef]
    /// The header's physical line.
    public var headerLine: Int

    public init(keyRows: [KeyRow], columns: [ColumnField: ColumnRef], headerLine: Int) {
        self.keyRows = keyRows
        self.columns = columns
        self.headerLine = headerLine
    }

    /// The last key row for `key`, if any.
    public func value(_ key: KeyRow.Key) -> KeyRow? { keyRows.last { $0.key == key } }
}

/// A row without an item code whose text names a total ("Tổng cộng", "Cộng", "Total").
public struct TotalRow: Hashable, Sendable, Codable {
    public var line: Int
    /// The row's label as written ("Tổng cộng").
    public var label: String
    /// The amount column's text as written.
    public var amountText: String
    /// The amount in đồng after the money scale, or `nil` if it could not be read.
    public var amount: Money?

    public init(line: Int, label: String, amountText: String, amount: Money?) {
        self.line = line
        self.label = label
        self.amountText = amountText
        self.amount = amount
    }
}

/// A "Bằng chữ: …" line.
public struct WordsRow: Hashable, Sendable, Codable {
    public var line: Int
    /// The column where the words were found.
    public var column: ColumnRef?
    /// The words after "Bằng chữ" (and a colon), trimmed.
    public var words: String

    public init(line: Int, column: ColumnRef?, words: String) {
        self.line = line
        self.column = column
        self.words = words
    }
}

/// What reading one file produced, beside the lines given to the consumer.
public struct IntakeReport: Sendable {
    /// The encoding the file was read in ("utf-8", "utf-8-bom", "utf-16le", "utf-16be",
    /// "windows-1258", "tcvn3"), or `nil` if unreadable.
    public var encoding: String?
    /// The separator, or `nil` if none could be found.
    public var separator: Unicode.Scalar?
    /// The preamble, or `nil` if no header was found.
    public var preamble: Preamble?
    /// The money scale applied to amounts and prices: 1, 1 000 or 1 000 000.
    public var moneyScale: Int64
    /// The decimal mark decided for the file, if any number needed one.
    public var decimalMark: Unicode.Scalar?
    /// Total rows in file order (the last is the grand total).
    public var totalRows: [TotalRow]
    /// "Bằng chữ" lines in file order.
    public var wordsRows: [WordsRow]
    /// The number of estimate lines given to the consumer.
    public var lineCount: Int
    /// The sum of the amounts of those lines, or `nil` if it overflowed.
    public var lineSum: Money?
    /// Structural findings: encoding, CSV, header, numbers, limits.
    public var findings: [Finding]
    /// The number of bytes read.
    public var byteCount: Int

    public init(
        encoding: String? = nil, separator: Unicode.Scalar? = nil, preamble: Preamble? = nil,
        moneyScale: Int64 = 1, decimalMark: Unicode.Scalar? = nil, totalRows: [TotalRow] = [],
        wordsRows: [WordsRow] = [], lineCount: Int = 0, lineSum: Money? = .zero,
        findings: [Finding] = [], byteCount: Int = 0
    ) {
        self.encoding = encoding
        self.separator = separator
        self.preamble = preamble
        self.moneyScale = moneyScale
        self.decimalMark = decimalMark
        self.totalRows = totalRows
        self.wordsRows = wordsRows
        self.lineCount = lineCount
        self.lineSum = lineSum
        self.findings = findings
        self.byteCount = byteCount
    }
}

/// Receives what the reader produces, as it produces it.
///
/// The reader streams: it never holds the file or all its lines. Whoever needs the lines
/// (validation, the store) consumes them one at a time. The reader may start over from
/// the beginning — when bytes late in a file show it is not UTF-8 after all — and then
/// calls ``restart()`` first: forget everything consumed so far.
public protocol LineConsumer {
    /// Called once, when the header has been found and before the first line.
    mutating func begin(_ preamble: Preamble)
    /// Called for each estimate line (a row with an item code or an amount), possibly out
    /// of file order when a line waits for the file's decimal mark to be decided.
    ///
    /// The line is handed over (`consuming`): a consumer that keeps or forwards it need
    /// not copy it. Conformers may still declare the parameter without `consuming`.
    mutating func consume(_ line: consuming EstimateLine)
    /// Called instead of ``consume(_:)-(EstimateLine)`` for each line when the reader does not keep
    /// the lines' text (`check`): the line's code is a number in `codes`.
    ///
    /// The default gives ``consume(_:)-(EstimateLine)`` the line as an ``EstimateLine``
    /// (``KeyedLine/estimateLine(codes:)``); a consumer that can judge the keyed form directly
    /// (the validator) saves making it.
    mutating func consume(_ line: KeyedLine, codes: ItemCodes)
    /// The reader starts over; discard everything.
    mutating func restart()
}

extension LineConsumer {
    public mutating func consume(_ line: KeyedLine, codes: ItemCodes) {
        consume(line.estimateLine(codes: codes))
    }
}

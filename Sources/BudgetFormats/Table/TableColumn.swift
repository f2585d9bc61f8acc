/// One column of a ``TableSheet``: its title, what kind of values it holds, its width.
///
/// The kind drives presentation, never the values: an amount column is right-aligned in
/// HTML and Markdown and formatted `#,##0` in XLSX, while each ``Cell`` still says what
/// it holds (a total row may put text in an amount column).
public struct TableColumn: Sendable, Hashable {
    /// How a column presents its values.
    public enum Kind: Sendable, Hashable {
        /// Free text, left-aligned.
        case text
        /// A whole number that is not money (a row number, a count), shown plainly.
        case integer
        /// Whole đồng, shown with thousands grouping ("150.000.000" in documents, `#,##0` in
        /// XLSX) and written plainly in CSV and JSON.
        case amount
        /// A decimal quantity ("2,5" in documents, "2.5" in CSV and JSON).
        case decimal
        /// A figure to one decimal place that documents always show, so that a column reads
        /// evenly ("12,0" beside "12,5" in HTML, `#,##0.0` in XLSX; CSV and JSON still write
        /// the number, "12"): the comparison's percentages.
        case tenths

        /// Whether values are numbers (right-aligned).
        public var isNumeric: Bool { self != .text }
    }

    public var title: String
    public var kind: Kind
    /// The width in characters (XLSX), also the column's share of a printed page's width
    /// (HTML); `nil` picks one from the title and kind.
    public var width: Int?
    /// Long text that wraps within the column's width onto as many lines as it needs:
    /// XLSX wraps the cell and makes its row tall enough; HTML wraps anyway.
    public var wraps: Bool
    /// An opaque identifier such as a SHA-256, meant to be copied rather than read: HTML
    /// prints it in small monospaced type and breaks it anywhere, so that it never
    /// widens its column.
    public var isIdentifier: Bool
    /// Text that repeats down the column (codes, file names, digests): XLSX writes each
    /// value once in the workbook's shared strings and refers to it (other formats ignore it).
    public var repeats: Bool

    public init(
        _ title: String, kind: Kind = .text, width: Int? = nil, wraps: Bool = false, isIdentifier: Bool = false,
        repeats: Bool = false
    ) {
        self.title = title
        self.kind = kind
        self.width = width
        self.wraps = wraps
        self.isIdentifier = isIdentifier
        self.repeats = repeats
    }
}

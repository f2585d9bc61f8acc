/// One value of a table row, typed so that every writer can render it faithfully: text
/// stays text (never a formula), numbers stay numbers.
public enum Cell: Sendable, Hashable {
    /// No value: an empty CSV field, no XLSX cell, JSON `null`.
    case empty
    /// Text, written as a string in every format. In CSV a leading `=`, `+`, `-`, `@`,
    /// tab or CR is neutralised with `'`.
    case text(String)
    /// A whole number that is not money.
    case integer(Int64)
    /// Whole đồng.
    case amount(Int64)
    /// `mantissa × 10^-scale`: 2.5 is `decimal(mantissa: 25, scale: 1)`. A negative scale
    /// multiplies by a power of ten; scales beyond ±64 are clamped (``NumberText/maxScale``).
    case decimal(mantissa: Int64, scale: Int)
    /// A date and time of day with its UTC offset: ISO 8601 text in CSV, JSON and
    /// Markdown, a date-formatted number in XLSX, `dd/mm/yyyy hh:mm:ss` in HTML.
    case dateTime(CellDateTime)
}

extension Cell: ExpressibleByStringLiteral {
    /// A text cell, so that tests and fixed rows can write `["Tổng cộng", .amount(5)]`.
    public init(stringLiteral value: String) { self = .text(value) }
}

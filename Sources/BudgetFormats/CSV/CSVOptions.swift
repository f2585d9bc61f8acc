/// How ``CSVWriter`` writes a table.
///
/// The defaults are the package's: comma (RFC 4180), a byte-order mark so that Excel reads
/// the file as UTF-8, CRLF line ends, "." as the decimal mark.
public struct CSVOptions: Sendable, Hashable {
    /// The field separator.
    public enum Separator: UInt8, Sendable, Hashable {
        /// `,` — RFC 4180, for programs.
        case comma = 0x2C
        /// `;` — what Excel in a Vietnamese (or other comma-decimal) locale opens by double-click.
        case semicolon = 0x3B
        /// Tab.
        case tab = 0x09
    }

    public var separator: Separator
    /// Whether to begin with the UTF-8 byte-order mark (EF BB BF). Excel needs it to read
    /// UTF-8; some programs do not want it.
    public var byteOrderMark: Bool
    /// Whether to write the column titles as the first record.
    public var header: Bool
    /// The decimal mark for ``Cell/decimal(mantissa:scale:)`` cells. A mark equal to the
    /// separator is fine: such fields are quoted.
    public var decimalMark: String

    public init(
        separator: Separator = .comma, byteOrderMark: Bool = true, header: Bool = true, decimalMark: String = "."
    ) {
        self.separator = separator
        self.byteOrderMark = byteOrderMark
        self.header = header
        self.decimalMark = decimalMark
    }
}

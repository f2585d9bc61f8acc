/// One of the two marks a number may use for decimals or thousands.
enum DecimalMark: UInt8, Sendable, Hashable {
    case dot = 0x2E
    case comma = 0x2C

    /// The other mark: the thousands mark when this one is decimal.
    var other: DecimalMark { self == .dot ? .comma : .dot }

    var scalar: Unicode.Scalar { Unicode.Scalar(rawValue) }

    var text: String { self == .dot ? "." : "," }
}

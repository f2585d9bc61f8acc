import BudgetCore
import BudgetIntake

/// The verdict on one file, as `check` prints it and `submit` records it.
public struct FileCheck: Sendable {
    /// The file name as the user gave it.
    public var file: String
    /// The agency the file was attributed to, if any.
    public var agency: Party?
    /// No finding of severity error.
    public var valid: Bool
    /// The number of estimate lines counted.
    public var lines: Int
    /// The sum of the lines' amounts, or `nil` if it overflowed.
    public var total: Money?
    /// Totals by the plan's canonical item code.
    public var totalsByItem: [String: Money]
    /// Every finding, reader's and rules', in report order.
    public var findings: [Finding]
    /// The encoding the file was read in.
    public var encoding: String?
    /// The encoding as the reader names it, to read the same bytes again the same way.
    var sourceEncoding: SourceEncoding? { Self.sourceEncoding(named: encoding) }

    /// The reader's encoding for an encoding name as a check reports it (and a receipt
    /// records it): "utf-8" with or without its BOM note is UTF-8.
    static func sourceEncoding(named encoding: String?) -> SourceEncoding? {
        guard let encoding else { return nil }
        return encoding.hasPrefix(SourceEncoding.utf8.rawValue) ? .utf8 : SourceEncoding(rawValue: encoding)
    }
}

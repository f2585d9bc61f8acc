/// What `budget submit` decided about a received file. Stored in the round's ledger and
/// printed in JSON, so the raw values are part of the contract.
public enum Decision: String, Sendable, Hashable, Codable, CaseIterable {
    /// On time and valid: it counts.
    case accepted
    /// Invalid: returned to the agency for correction (on time, or late with an exception).
    case returned
    /// Late, and no exception recorded: refused whatever its content.
    case refusedLate = "refused-late"
    /// Late with an exception recorded (`--accept-late --reason`), and valid: it counts.
    case acceptedLate = "accepted-late"

    /// The exit code `submit` ends with: 0 for a file that counts, 1 returned, 3 refused
    /// because the deadline has passed (the contract's exit codes).
    public var exitCode: Int32 {
        switch self {
        case .accepted, .acceptedLate: 0
        case .returned: 1
        case .refusedLate: 3
        }
    }

    /// Whether a file with this decision counts in the sums (until a later one supersedes it).
    public var counts: Bool { self == .accepted || self == .acceptedLate }
}

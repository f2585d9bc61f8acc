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

    /// Whether a file with this decision counts in the sums (until a later one supersedes it).
    public var counts: Bool { self == .accepted || self == .acceptedLate }
}

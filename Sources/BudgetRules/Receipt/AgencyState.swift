import BudgetCore

/// Where an agency stands in a round, as `status` shows it. The raw values are the
/// contract's `state` strings.
public enum AgencyState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing received.
    case missing
    /// Its counted submission was on time.
    case accepted
    /// Its counted submission was late, with an exception.
    case acceptedLate = "accepted-late"
    /// Nothing counts, and its latest file was invalid.
    case returned
    /// Nothing counts, and its latest file came after the deadline without an exception.
    case refusedLate = "refused-late"
}

/// The outcome of one receipt, as much as agency state needs of it.
public struct ReceiptOutcome: Sendable, Hashable {
    /// What `submit` decided.
    public var decision: Decision
    /// Whether the file had no error (a refused-late file may be valid).
    public var valid: Bool
    /// Whether the receipt was annulled (`budget void`): it then counts for nothing, as if
    /// it had not been received.
    public var voided: Bool

    public init(decision: Decision, valid: Bool, voided: Bool = false) {
        self.decision = decision
        self.valid = valid
        self.voided = voided
    }
}

/// An agency's state and which of its receipts counts.
public struct AgencyStanding: Sendable, Hashable {
    /// The state `status` shows.
    public var state: AgencyState
    /// The index of the counted receipt (its latest valid accepted one), if any.
    public var counted: Int?

    public init(state: AgencyState, counted: Int?) {
        self.state = state
        self.counted = counted
    }

    /// Derives the standing from an agency's receipts, oldest first.
    ///
    /// The contract ("Agency state"): `accepted`/`accepted-late` when the agency has a
    /// counted submission — its latest valid accepted one; otherwise the decision on its
    /// latest file (`returned` or `refused-late`); otherwise `missing`. A refused or
    /// returned file never displaces a counted one; a later valid accepted file
    /// supersedes an earlier one. A voided receipt is passed over entirely, as if it had
    /// not been received (an earlier one may count again).
    ///
    /// Complexity: O(n).
    public static func derive(_ receipts: [ReceiptOutcome]) -> AgencyStanding {
        if let index = receipts.lastIndex(where: { $0.decision.counts && $0.valid && !$0.voided }) {
            return AgencyStanding(
                state: receipts[index].decision == .acceptedLate ? .acceptedLate : .accepted, counted: index)
        }
        guard let latest = receipts.last(where: { !$0.voided }) else {
            return AgencyStanding(state: .missing, counted: nil)
        }
        let state: AgencyState =
            switch latest.decision {
            case .refusedLate: .refusedLate
            // A counting decision on an invalid file cannot come from ReceiptPolicy;
            // if a store holds one, it does not count, and "returned" is the honest state.
            case .returned, .accepted, .acceptedLate: .returned
            }
        return AgencyStanding(state: state, counted: nil)
    }
}

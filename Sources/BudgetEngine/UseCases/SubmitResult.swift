import BudgetCore
import BudgetStore

/// The receipt `submit` prints for one file.
public struct SubmitResult: Sendable {
    public var receipt: StoredReceipt
    public var check: FileCheck
    public var plan: Plan
    /// Whether the receipt time was at or before the deadline.
    public var onTime: Bool
    /// The agency's counted receipt just before this one was recorded, and just after:
    /// read from the ledger in the recording transaction, so that what the receipt says
    /// about the sums is what the ledger holds.
    public var countedBefore: StoredReceipt?
    public var countedAfter: StoredReceipt?

    /// The exit status of the contract for this decision.
    public var exitStatus: ExitStatus { receipt.decision.exitStatus }

    /// The earlier receipt this one replaces in the sums, if it does.
    public var supersedes: StoredReceipt? {
        guard let before = countedBefore, countedAfter?.id == receipt.id, before.id != receipt.id else { return nil }
        return before
    }

    /// Whether the round's sums changed: what counts for the agency is now a file of other
    /// content than before (an identical resubmission that comes to count again changes them).
    public var sumsChanged: Bool { countedBefore?.sha256 != countedAfter?.sha256 }
}

/// What one `submit` command did.
public struct SubmitOutcome: Sendable {
    /// A receipt per file recorded, in argument order.
    public var results: [SubmitResult]
    /// The failure that stopped the command, if any (the files after it were not read).
    public var failure: EngineError?
    /// The files not recorded because of that failure.
    public var unrecorded: [String]

    /// The most serious outcome: 4 over 3 over 1 over 0.
    public var exitStatus: ExitStatus {
        let statuses = results.map(\.exitStatus) + (failure.map { [$0.exitStatus] } ?? [])
        return statuses.max() ?? .done
    }
}

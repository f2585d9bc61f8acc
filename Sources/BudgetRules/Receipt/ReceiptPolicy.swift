import BudgetCore

/// The decision on a received file, from its lateness, the officer's exception and its
/// validity.
///
/// The contract's order: lateness first — a late file without `--accept-late` is
/// `refused-late` whatever its content (its findings are still recorded and printed);
/// then validity — valid is `accepted` (or `accepted-late` when it was late and excused),
/// invalid is `returned`. So a late invalid file with `--accept-late` is `returned`: the
/// exception lets it in, it does not make it right. `--accept-late` on a file that is on
/// time changes nothing: `accepted`, not `accepted-late`.
public enum ReceiptPolicy {
    /// - Parameters:
    ///   - onTime: whether the receipt time is at or before the deadline.
    ///   - acceptLate: whether the officer recorded an exception for lateness.
    ///   - valid: whether the file has no finding of severity error.
    public static func decide(onTime: Bool, acceptLate: Bool, valid: Bool) -> Decision {
        if !onTime && !acceptLate { return .refusedLate }
        guard valid else { return .returned }
        return onTime ? .accepted : .acceptedLate
    }
}

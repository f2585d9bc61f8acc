import BudgetCore

/// Recognises the rows below the table that are not estimate lines: totals and the
/// amount in words.
enum SpecialRows {
    /// Total labels, folded for case and spacing with tone marks kept.
    static let totalLabels = ["tổng cộng", "tổng số", "total", "cộng"]

    /// Whether a text cell names a total: after `Folding.caseAndSpace` it equals one of
    /// ``totalLabels`` or begins with one followed by a space or a colon. Tone marks are
    /// kept, so "Công tác phí" is not "Cộng".
    static func isTotalLabel(_ text: String) -> Bool {
        let folded = Folding.caseAndSpace(text)
        for label in totalLabels {
            if folded == label || folded.hasPrefix(label + " ") || folded.hasPrefix(label + ":") { return true }
        }
        return false
    }

    /// Cheap pre-check on a trimmed cell's first byte: every total label starts with
    /// t/T or c/C.
    @inline(__always)
    static func mayBeTotal(_ firstByte: UInt8) -> Bool {
        firstByte | 0x20 == 0x74 || firstByte | 0x20 == 0x63
    }

    /// The words after "Bằng chữ" (and an optional colon), trimmed, if `text` starts
    /// with it (compared like column names: case, tone marks, spacing).
    static func words(_ text: String) -> String? {
        guard NameFolding.key(String(text.prefix(24))).hasPrefix("bang chu") else { return nil }
        var prefixLength = 0
        for length in 1...max(1, min(24, text.count)) where NameFolding.key(String(text.prefix(length))) == "bang chu" {
            prefixLength = length
            break
        }
        guard prefixLength > 0 else { return nil }
        var rest = Substring(text.dropFirst(prefixLength))
        rest = Substring(Folding.trim(String(rest)))
        if rest.first == ":" { rest = rest.dropFirst() }
        return Folding.trim(String(rest))
    }
}

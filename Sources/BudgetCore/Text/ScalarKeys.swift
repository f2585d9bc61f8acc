import Foundation

/// ``Folding/key(_:)`` a scalar at a time, for text of the scalars most names are made of.
///
/// **Why it gives the general fold's answer.** The general fold decomposes the text (NFD),
/// drops combining marks, makes white space one space and lowers each remaining scalar
/// alone. A text's NFD is the NFD of each of its scalars, one after the other, with runs of
/// combining marks reordered among themselves — and marks are dropped. So the fold of a
/// text is the fold of each scalar, joined, as long as no scalar's decomposition holds
/// white space (none in these ranges does; one that did would be refused here), with the
/// spacing rule applied across the joins as the general fold applies it. Each scalar's
/// entry is made once, by the general fold of that scalar alone.
///
/// The scalars covered: U+0000–U+036F (ASCII, Latin-1, Latin Extended-A and B, IPA,
/// spacing modifiers, combining marks) and U+1E00–U+1EFF (Latin Extended Additional, the
/// precomposed Vietnamese letters). Text with any other scalar returns `nil`, for the
/// general fold.
final class ScalarKeys: @unchecked Sendable {
    // `@unchecked`: `entries` is read and written under `lock` only.
    static let shared = ScalarKeys()

    private enum Entry {
        /// White space: one space between words, none at the ends.
        case space
        /// What the scalar folds to; empty for a combining mark.
        case text(String)
        /// Left to the general fold.
        case refused
    }

    private static let latinEnd: UInt32 = 0x370
    private static let vietnameseStart: UInt32 = 0x1E00
    private static let count = Int(latinEnd) + 0x100

    private let lock = NSLock()
    private var entries: [Entry?] = Array(repeating: nil, count: ScalarKeys.count)

    /// ``Folding/key(_:)`` of `text`, or `nil` when a scalar is outside the table.
    func key(_ text: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            guard let index = Self.index(of: scalar) else { return nil }
            let entry: Entry
            if let known = entries[index] {
                entry = known
            } else {
                entry = Self.entry(for: scalar)
                entries[index] = entry
            }
            switch entry {
            case .space:
                pendingSpace = !out.isEmpty
            case .text(let folded):
                if folded.isEmpty { continue }
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                out.append(folded)
            case .refused:
                return nil
            }
        }
        return out
    }

    private static func index(of scalar: Unicode.Scalar) -> Int? {
        let value = scalar.value
        if value < latinEnd { return Int(value) }
        if value &- vietnameseStart < 0x100 { return Int(latinEnd) + Int(value - vietnameseStart) }
        return nil
    }

    /// The entry of `scalar`, by the general fold.
    private static func entry(for scalar: Unicode.Scalar) -> Entry {
        if Folding.isSpace(scalar) { return .space }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        if decomposed.contains(where: Folding.isSpace) { return .refused }
        return .text(Folding.decomposedKey(String(scalar)))
    }
}

import BudgetCore

/// Remembers which plan item each item code *as written* matched, for one file.
///
/// ``Plan/itemIndex(matching:)`` trims and upper-cases the code and looks it up in a
/// dictionary (hashing it with SipHash) — a few hundred instructions, for every line. A
/// file uses a few dozen distinct codes over and over, so a small open-addressing table
/// keyed by the code's bytes answers nearly every line with a short hash and one string
/// comparison (the reader hands the same `String` for the same bytes, so that comparison
/// is usually of identical strings). A hit returns exactly what the plan returned for an
/// equal string.
///
/// Bounded: a file of endless different codes (each unknown, so each with its own
/// finding) empties the table when it holds ``maxCount`` codes rather than growing on.
struct ItemLookupCache: Sendable {
    static let maxCount = 4_096
    private static let maxHashedBytes = 32

    private var codes: [String?] = Array(repeating: nil, count: 64)
    /// The item index for each slot, or -1 for a code the plan does not know.
    private var indices: [Int32] = Array(repeating: -1, count: 64)
    private var count = 0

    /// `plan.itemIndex(matching: code)`, remembered.
    mutating func index(matching code: String, in plan: Plan) -> Int? {
        let hash = ItemLookupCache.hash(code)
        var slot = hash & (codes.count - 1)
        while let cached = codes[slot] {
            if cached == code {
                let index = indices[slot]
                return index < 0 ? nil : Int(index)
            }
            slot = (slot + 1) & (codes.count - 1)
        }
        let index = plan.itemIndex(matching: code)
        if count >= ItemLookupCache.maxCount {
            self = ItemLookupCache()
        } else if (count + 1) * 2 > codes.count {
            grow()
        } else {
            codes[slot] = code
            indices[slot] = Int32(truncatingIfNeeded: index ?? -1)
            count += 1
            return index
        }
        insert(code, Int32(truncatingIfNeeded: index ?? -1))
        return index
    }

    private mutating func insert(_ code: String, _ index: Int32) {
        var slot = ItemLookupCache.hash(code) & (codes.count - 1)
        while codes[slot] != nil { slot = (slot + 1) & (codes.count - 1) }
        codes[slot] = code
        indices[slot] = index
        count += 1
    }

    /// Doubles the table and re-inserts every code.
    private mutating func grow() {
        let old = zip(codes, indices)
        codes = Array(repeating: nil, count: codes.count * 2)
        indices = Array(repeating: -1, count: indices.count * 2)
        count = 0
        for (code, index) in old {
            if let code { insert(code, index) }
        }
    }

    /// A hash of the code's length and (up to) its first 32 bytes.
    @inline(__always)
    private static func hash(_ code: String) -> Int {
        var hash = UInt32(truncatingIfNeeded: code.utf8.count) &* 0x9E37_79B1
        var taken = 0
        for byte in code.utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
            taken += 1
            if taken == maxHashedBytes { break }
        }
        return Int(truncatingIfNeeded: hash ^ hash >> 16)
    }
}

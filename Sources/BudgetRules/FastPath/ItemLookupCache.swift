import BudgetCore

/// Remembers which plan item each item code *as written* matched, for one file.
///
/// ``Plan/itemIndex(matching:)`` trims and upper-cases the code and looks it up in a
/// dictionary (hashing it with SipHash) — a few hundred instructions, for every line. A
/// file uses a few dozen distinct codes over and over, and the reader hands the same
/// `String` value for the same bytes, so this table is keyed by the code's *value as
/// stored*: the 16 bytes of the `String` itself (`withUnsafeBytes(of:)`), compared as two
/// machine words. A hit costs a multiply and two comparisons.
///
/// Why that is exact: a `String` is 16 bytes that hold either the text itself (up to 15
/// UTF-8 bytes — every code a plan uses) or a count and a reference to immutable storage.
/// Two strings with identical bytes are therefore the same text as long as that storage
/// is alive and unchanged — and the table keeps each cached string alive (so its storage
/// is never freed, nor mutated in place, while cached). Equal texts stored differently
/// merely miss, and are looked up in the plan as before: a hit always returns what the
/// plan returns for that text.
///
/// Bounded: a file of endless different codes (each unknown, each with its own finding)
/// empties the table when it holds ``maxCount`` codes rather than growing on.
struct ItemLookupCache: Sendable {
    static let maxCount = 512
    private static let slotCount = 1_024

    /// The codes cached, kept alive so that their bytes keep meaning the same text.
    private var codes: [String?] = Array(repeating: nil, count: ItemLookupCache.slotCount)
    /// The two words of each cached code's bytes.
    private var firstWords: [UInt64] = Array(repeating: 0, count: ItemLookupCache.slotCount)
    private var secondWords: [UInt64] = Array(repeating: 0, count: ItemLookupCache.slotCount)
    /// The item index for each slot, -1 for a code the plan does not know.
    private var indices: [Int32] = Array(repeating: -1, count: ItemLookupCache.slotCount)
    private var count = 0

    /// `plan.itemIndex(matching: code)`, remembered.
    @inline(__always)
    mutating func index(matching code: String, in plan: Plan) -> Int? {
        if let cached = cachedIndex(code) { return cached }
        let index = plan.itemIndex(matching: code)
        remember(code, index)
        return index
    }

    /// What the plan answered for `code` before: `.some(index)`, `.some(nil)` for a code it
    /// does not know, or `nil` when `code` has not been looked up. Kept apart from the
    /// look-up itself so that the hot path does not take the plan as an argument (a copy
    /// of the whole `Plan` value per call, as the validator holds both).
    @inline(__always)
    func cachedIndex(_ code: String) -> Int?? {
        let (first, second) = ItemLookupCache.words(code)
        var slot = ItemLookupCache.slot(first, second)
        while codes[slot] != nil {
            if firstWords[slot] == first && secondWords[slot] == second {
                let index = indices[slot]
                return .some(index < 0 ? nil : Int(index))
            }
            slot = (slot + 1) & (ItemLookupCache.slotCount - 1)
        }
        return nil
    }

    /// Caches the plan's answer for `code`.
    mutating func remember(_ code: String, _ index: Int?) {
        if count >= ItemLookupCache.maxCount { self = ItemLookupCache() }
        let (first, second) = ItemLookupCache.words(code)
        var slot = ItemLookupCache.slot(first, second)
        while codes[slot] != nil { slot = (slot + 1) & (ItemLookupCache.slotCount - 1) }
        codes[slot] = code
        firstWords[slot] = first
        secondWords[slot] = second
        indices[slot] = Int32(truncatingIfNeeded: index ?? -1)
        count += 1
    }

    /// The two machine words of the string's 16 bytes.
    @inline(__always)
    private static func words(_ code: String) -> (UInt64, UInt64) {
        withUnsafeBytes(of: code) { raw in
            (
                raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            )
        }
    }

    @inline(__always)
    private static func slot(_ first: UInt64, _ second: UInt64) -> Int {
        let mixed = (first ^ second &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 54)  // 10 bits: 0..<1024
    }
}

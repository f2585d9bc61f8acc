import BudgetCore

/// Remembers the description keys (``TextBytes/foldKey(_:_:)``) of descriptions seen
/// recently, by their bytes: an estimate repeats its descriptions (the same activity
/// month after month, in every unit), and a repeated one then costs a hash and a
/// comparison of its bytes instead of the fold, which cost more than anything else the
/// reader does with a line.
///
/// Direct-mapped (``ByteSlots``, like ``TextCache``): 4096 slots of at most
/// ``maxKeyLength`` bytes (384 KiB); a collision replaces the slot, and longer descriptions
/// are folded every time. The key is a function of the trimmed bytes alone and a hit is
/// checked byte for byte, so the result is identical to `foldKey` by construction. A
/// miss costs the hash and the copy on top of the fold: about a tenth of it.
final class FoldKeyCache {
    static let slots = 4096
    static let maxKeyLength = 96

    private let storage = ByteSlots<UInt64>(
        slotCount: FoldKeyCache.slots, maxKeyLength: FoldKeyCache.maxKeyLength, empty: 0)

    /// ``TextBytes/foldKey(_:_:)`` of `field`.
    func key(_ field: UnsafeBufferPointer<UInt8>, _ keyer: Folding.CaseAndSpaceKeyer) -> UInt64 {
        guard let base = field.baseAddress, field.count > 0 else { return TextBytes.foldKey(field, keyer) }
        var s = 0
        var e = field.count
        TextBytes.trim(base, &s, &e)
        let length = e - s
        guard length >= 8, length <= FoldKeyCache.maxKeyLength else { return TextBytes.foldKey(field, keyer) }
        let text = base + s
        let slot = FoldKeyCache.slot(text, length)
        if let key = storage.value(at: slot, for: text, length) { return key }
        let key = TextBytes.foldKey(trimmed: UnsafeBufferPointer(start: text, count: length), of: field, keyer)
        storage.store(key, at: slot, for: text, length)
        return key
    }

    /// The slot of `count` (8 or more) bytes: from their length and three of their words,
    /// at the start, in the middle and at the end (descriptions made from the same words
    /// differ somewhere in those, mostly). A slot shared by two texts costs hits, never
    /// a wrong key.
    @inline(__always)
    private static func slot(_ text: UnsafePointer<UInt8>, _ count: Int) -> Int {
        let load = ByteSlots<UInt64>.load
        var hash = (UInt64(truncatingIfNeeded: count) ^ load(text)) &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ load(text + (count &- 8) / 2)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ load(text + (count &- 8))) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: hash &>> 52)  // 12 bits: 4096 slots
    }
}

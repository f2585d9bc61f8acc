import BudgetCore

/// Remembers the description keys (``TextBytes/foldKey(_:_:)``) of descriptions seen
/// recently, by their bytes: an estimate repeats its descriptions (the same activity
/// month after month, in every unit), and a repeated one then costs a hash and a
/// comparison of its bytes instead of the fold, which cost more than anything else the
/// reader does with a line.
///
/// Direct-mapped, like ``TextCache``: 4096 slots of at most ``maxKeyLength`` bytes (a
/// 384 KiB); a collision replaces the slot, and longer descriptions are
/// folded every time. The key is a function of the trimmed bytes alone and a hit is
/// checked byte for byte, so the result is identical to `foldKey` by construction. A
/// miss costs the hash and the copy on top of the fold: about a tenth of it.
final class FoldKeyCache {
    static let slots = 4096
    static let maxKeyLength = 96

    // Only `let` pointers: a `var` property of a class costs a dynamic exclusivity
    // check on every access.
    private let texts: UnsafeMutablePointer<UInt8>
    private let lengths: UnsafeMutablePointer<Int>
    private let keys: UnsafeMutablePointer<UInt64>

    init() {
        // Bytes of a slot are read only once its length is set, after they were written.
        texts = .allocate(capacity: FoldKeyCache.slots * FoldKeyCache.maxKeyLength)
        lengths = .allocate(capacity: FoldKeyCache.slots)
        lengths.initialize(repeating: -1, count: FoldKeyCache.slots)
        keys = .allocate(capacity: FoldKeyCache.slots)
        keys.initialize(repeating: 0, count: FoldKeyCache.slots)
    }

    deinit {
        texts.deallocate()
        lengths.deallocate()
        keys.deallocate()
    }

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
        let stored = texts + slot * FoldKeyCache.maxKeyLength
        if lengths[slot] == length && FoldKeyCache.equal(stored, text, length) { return keys[slot] }
        let key = TextBytes.foldKey(trimmed: UnsafeBufferPointer(start: text, count: length), of: field, keyer)
        FoldKeyCache.copy(text, to: stored, length)
        lengths[slot] = length
        keys[slot] = key
        return key
    }

    /// Eight bytes from `pointer`.
    @inline(__always)
    private static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The slot of `count` (8 or more) bytes: from their length and three of their words,
    /// at the start, in the middle and at the end (descriptions made from the same words
    /// differ somewhere in those, mostly). A slot shared by two texts costs hits, never
    /// a wrong key.
    @inline(__always)
    private static func slot(_ text: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var hash = (UInt64(truncatingIfNeeded: count) ^ load(text)) &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ load(text + (count &- 8) / 2)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ load(text + (count &- 8))) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: hash &>> 52)  // 12 bits: 4096 slots
    }

    /// Copies `count` (8 or more) bytes a word at a time, the last word ending at the end.
    @inline(__always)
    private static func copy(_ from: UnsafePointer<UInt8>, to: UnsafeMutablePointer<UInt8>, _ count: Int) {
        var i = 0
        while i &+ 8 < count {
            UnsafeMutableRawPointer(to + i).storeBytes(of: load(from + i), as: UInt64.self)
            i &+= 8
        }
        UnsafeMutableRawPointer(to + (count &- 8)).storeBytes(of: load(from + (count &- 8)), as: UInt64.self)
    }

    /// Whether `count` (8 or more) bytes at `a` and `b` are equal, a word at a time.
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        while i &+ 8 < count {
            if load(a + i) != load(b + i) { return false }
            i &+= 8
        }
        return load(a + (count &- 8)) == load(b + (count &- 8))
    }
}

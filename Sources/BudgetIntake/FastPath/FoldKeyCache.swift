import BudgetCore

/// Remembers the description keys (``TextBytes/foldKey(_:_:)``) of descriptions seen
/// recently: an estimate repeats its descriptions (the same activity month after month,
/// in every unit), and a repeated one then costs a hash of its bytes instead of the fold,
/// which costs several times as much.
///
/// Two-way set-associative: up to 16 384 slots of 16 bytes (256 KiB, within a core's L2
/// cache) in pairs sharing a cache line, each the 64-bit hash of a description's trimmed bytes as
/// written and its key. A new text goes to the pair's first slot and moves the text there
/// to the second, so two texts whose hashes pick the same pair both stay (why two ways,
/// not one: the module's "Decisions", the fast path). A hit is recognised by the whole
/// 64-bit hash, not by comparing the
/// bytes: that keeps a slot small (so many more descriptions fit) and a hit cheap. Two
/// different descriptions whose hashes are equal would share a key — a chance of about
/// 2⁻⁶⁴ for a pair, the same order as the duplicate-line key itself (``DuplicateLineRule``)
/// — and the only effect would be one wrong `duplicate-line` warning or one missed.
///
/// The table starts at 1 024 slots and grows (four times larger, empty again) each time it
/// has stored as many texts as it has slots, up to its size: a reader is made for every
/// file, and zeroing 256 KiB for each of a thousand small files was a twentieth of
/// `check` of them all.
final class FoldKeyCache {
    private struct Slot {
        /// The hash of the bytes; 0 for an empty slot (a text whose hash is 0 is not cached).
        var hash: UInt64
        var key: UInt64
    }

    private var slots: UnsafeMutablePointer<Slot>
    /// `log2` of the pairs `slots` has now, and at most.
    private var pairBits: Int
    private let maxPairBits: Int
    /// Texts stored since `slots` was made.
    private var stored = 0
    /// Look-ups counted in the current window, and how many of them hit.
    private var looked = 0
    private var hits = 0
    /// Texts still to fold without the cache: when few recent ones were seen before
    /// (descriptions that do not repeat), a look-up and an insert are only a cost, so the
    /// cache is left alone for ``restAfterMisses`` texts, then tried again. What a text's
    /// key is never depends on it.
    private var resting = 0

    /// The window over which hits are counted.
    static let window = 1 << 12
    /// Fewer hits than this in a window, and the cache rests.
    static let minHits = window / 8
    /// How many texts the cache rests for.
    static let restAfterMisses = 1 << 16
    /// `64 - log2(pairs)`: a text's pair is the top bits of its hash (64: one pair).
    private var shift: UInt64

    /// The slots a cache starts with (`log2`).
    static let initialSlotBits = 10

    /// A cache of at most `1 << slotBits` slots, at least two (tests use tiny ones, to make
    /// texts share a pair), starting with `1 << initialSlotBits` or fewer.
    init(slotBits: Int = 14, initialSlotBits: Int = FoldKeyCache.initialSlotBits) {
        maxPairBits = max(0, slotBits - 1)
        pairBits = min(maxPairBits, max(0, initialSlotBits - 1))
        (slots, shift) = Self.table(pairBits: pairBits)
    }

    deinit { slots.deallocate() }

    /// Empty slots for `1 << pairBits` pairs, and the shift that picks a pair.
    private static func table(pairBits: Int) -> (UnsafeMutablePointer<Slot>, UInt64) {
        let count = 2 << pairBits
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: count)
        slots.initialize(repeating: Slot(hash: 0, key: 0), count: count)
        return (slots, UInt64(64 - pairBits))
    }

    /// The number of slots now (for tests).
    var slotCount: Int { 2 << pairBits }

    /// Four times the slots, empty, once as many texts were stored as there are slots.
    private func grow() {
        slots.deallocate()
        pairBits = min(maxPairBits, pairBits + 2)
        (slots, shift) = Self.table(pairBits: pairBits)
        stored = 0
    }

    /// ``TextBytes/foldKey(_:_:)`` of `field`.
    @inline(__always)
    func key(_ field: UnsafeBufferPointer<UInt8>, _ keyer: Folding.CaseAndSpaceKeyer) -> UInt64 {
        guard let base = field.baseAddress, field.count > 0 else { return TextBytes.foldKey(field, keyer) }
        var s = 0
        var e = field.count
        TextBytes.trim(base, &s, &e)
        let length = e - s
        // A text shorter than a word folds about as fast as it hashes.
        guard length >= 8 else { return TextBytes.foldKey(field, keyer) }
        let text = base + s
        if resting > 0 {
            resting &-= 1
            return TextBytes.foldKey(trimmed: UnsafeBufferPointer(start: text, count: length), of: field, keyer)
        }
        looked &+= 1
        if looked == FoldKeyCache.window {
            if hits < FoldKeyCache.minHits { resting = FoldKeyCache.restAfterMisses }
            looked = 0
            hits = 0
        }
        let hash = FoldKeyCache.hash(text, length)
        let pair = slots + 2 &* Int(truncatingIfNeeded: shift == 64 ? 0 : hash &>> shift)
        if pair[0].hash == hash || pair[1].hash == hash {
            hits &+= 1
            return pair[0].hash == hash ? pair[0].key : pair[1].key
        }
        let key = TextBytes.foldKey(trimmed: UnsafeBufferPointer(start: text, count: length), of: field, keyer)
        if hash != 0 {
            pair[1] = pair[0]
            pair[0] = Slot(hash: hash, key: key)
            stored &+= 1
            if stored > 2 << pairBits, pairBits < maxPairBits { grow() }
        }
        return key
    }

    /// A 64-bit hash of `count` (8 or more) bytes, in the manner of wyhash: each 16 bytes
    /// mixed in with one 64×64→128-bit multiply folded to 64 bits (the two words, one
    /// xored with a constant and one with the running state), the last 16 (or the whole
    /// text, overlapping, if shorter) the ones ending at the last byte, then the length.
    /// One multiply per 16 bytes on the chain from one step to the next, not one per 8:
    /// the chain, not the work, is what a line waits for. A word equal to the constant it is xored with would
    /// make the product 0 whatever the other; that constant holds the byte 0x1D, a control
    /// the reader refuses in text.
    ///
    /// Not `CaseAndSpaceFold.hash` (the keys' own hash), whose last word is gathered byte
    /// by byte so that the fold can feed it: reading it in one load is cheaper.
    @inline(__always)
    static func hash(_ text: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        @inline(__always) func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = a.multipliedFullWidth(by: b)
            return product.high ^ product.low
        }
        let load = ByteSlots<UInt64>.load
        let secret: UInt64 = 0xA076_1D64_78BD_642F
        var state: UInt64 = 0x243F_6A88_85A3_08D3
        var i = 0
        while i &+ 16 < count {
            state = mum(load(text + i) ^ secret, load(text + (i &+ 8)) ^ state)
            i &+= 16
        }
        let first = count >= 16 ? load(text + (count &- 16)) : load(text)
        state = mum(first ^ secret, load(text + (count &- 8)) ^ state)
        return mum(state ^ UInt64(truncatingIfNeeded: count), 0x8EBC_6AF0_9C88_C6E3)
    }
}

/// The storage of a direct-mapped cache keyed by short runs of bytes: per slot, the key's
/// bytes (at most `maxKeyLength`), its length and the value. ``FieldCache`` chooses which
/// fields are cached and how a key picks its slot; the storage, the byte-for-byte check
/// that makes a hit exact, and the replacement on a collision are this one piece.
///
/// A class of `let` pointers, not arrays: a `var` property of a class costs a dynamic
/// exclusivity check on every access, and these are read once per field.
final class ByteSlots<Value> {
    let slotCount: Int
    let maxKeyLength: Int
    private let keys: UnsafeMutablePointer<UInt8>
    private let lengths: UnsafeMutablePointer<Int>
    private let values: UnsafeMutablePointer<Value>

    /// `slotCount` slots of keys up to `maxKeyLength` bytes, every value `empty` until set.
    init(slotCount: Int, maxKeyLength: Int, empty: Value) {
        self.slotCount = slotCount
        self.maxKeyLength = maxKeyLength
        // The bytes of a slot are read only once its length is set, after they were written.
        keys = .allocate(capacity: slotCount * maxKeyLength)
        lengths = .allocate(capacity: slotCount)
        lengths.initialize(repeating: -1, count: slotCount)
        values = .allocate(capacity: slotCount)
        values.initialize(repeating: empty, count: slotCount)
    }

    deinit {
        keys.deallocate()
        lengths.deallocate()
        values.deinitialize(count: slotCount)
        values.deallocate()
    }

    /// The value of `slot` when it holds exactly the `length` bytes at `text`.
    @inline(__always)
    func value(at slot: Int, for text: UnsafePointer<UInt8>, _ length: Int) -> Value? {
        guard lengths[slot] == length, ByteSlots.equal(keys + slot * maxKeyLength, text, length) else { return nil }
        return values[slot]
    }

    /// Puts `value` in `slot` under the `length` (at most `maxKeyLength`) bytes at `text`,
    /// replacing whatever the slot held.
    /// Empties every slot.
    func clear() { lengths.update(repeating: -1, count: slotCount) }

    @inline(__always)
    func store(_ value: Value, at slot: Int, for text: UnsafePointer<UInt8>, _ length: Int) {
        ByteSlots.copy(text, to: keys + slot * maxKeyLength, length)
        lengths[slot] = length
        values[slot] = value
    }

    /// Eight bytes from `pointer`.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// Copies `count` bytes: a word at a time, the last word ending at the end, from eight
    /// bytes on; byte by byte below.
    @inline(__always)
    private static func copy(_ from: UnsafePointer<UInt8>, to: UnsafeMutablePointer<UInt8>, _ count: Int) {
        guard count >= 8 else {
            to.update(from: from, count: count)
            return
        }
        var i = 0
        while i &+ 8 < count {
            UnsafeMutableRawPointer(to + i).storeBytes(of: load(from + i), as: UInt64.self)
            i &+= 8
        }
        UnsafeMutableRawPointer(to + (count &- 8)).storeBytes(of: load(from + (count &- 8)), as: UInt64.self)
    }

    /// Whether `count` bytes at `a` and `b` are equal: a word at a time from eight bytes
    /// on, byte by byte below.
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count >= 8 else {
            for k in 0..<count where a[k] != b[k] { return false }
            return true
        }
        var i = 0
        while i &+ 8 < count {
            if load(a + i) != load(b + i) { return false }
            i &+= 8
        }
        return load(a + (count &- 8)) == load(b + (count &- 8))
    }
}

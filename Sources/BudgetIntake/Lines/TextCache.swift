/// Remembers the `String`s made for short fields that repeat — item codes, units, notes —
/// so that a repeated field costs a hash and a byte comparison instead of UTF-8
/// validation and a new string.
///
/// A direct-mapped cache of 1024 slots (with 256, a file's sixty codes left one line in
/// twelve to a collision); a collision simply replaces the slot. Keys are the trimmed
/// bytes (at most ``maxKeyLength``); a hit returns the very string made before, so the
/// result is identical to ``TextBytes/text(_:)`` by construction.
final class TextCache {
    static let slots = 1024
    static let maxKeyLength = 32

    // Only `let` pointers: a `var` property of a class costs a dynamic exclusivity
    // check on every access.
    private let keys: UnsafeMutablePointer<UInt8>
    private let lengths: UnsafeMutablePointer<Int>
    private let values: UnsafeMutablePointer<String>

    init() {
        keys = .allocate(capacity: TextCache.slots * TextCache.maxKeyLength)
        lengths = .allocate(capacity: TextCache.slots)
        lengths.initialize(repeating: -1, count: TextCache.slots)
        values = .allocate(capacity: TextCache.slots)
        values.initialize(repeating: "", count: TextCache.slots)
    }

    deinit {
        keys.deallocate()
        lengths.deallocate()
        values.deinitialize(count: TextCache.slots)
        values.deallocate()
    }

    /// The field trimmed and in NFC, as ``TextBytes/text(_:)`` makes it.
    func text(_ field: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = field.baseAddress, field.count > 0 else { return "" }
        var s = 0
        var e = field.count
        TextBytes.trim(base, &s, &e)
        let length = e - s
        if length == 0 { return "" }
        if length > TextCache.maxKeyLength { return TextBytes.text(field) }
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        for k in s..<e { hash = (hash ^ UInt32(base[k])) &* 16_777_619 }
        let slot = Int((hash ^ (hash >> 16)) & UInt32(TextCache.slots - 1))
        let key = keys + slot * TextCache.maxKeyLength
        if lengths[slot] == length && memoryEqual(key, base + s, length) { return values[slot] }
        let value = TextBytes.text(field)
        key.update(from: base + s, count: length)
        lengths[slot] = length
        values[slot] = value
        return value
    }

    @inline(__always)
    private func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for k in 0..<count where a[k] != b[k] { return false }
        return true
    }
}

/// Remembers the `String`s made for short fields that repeat — item codes, units, notes —
/// so that a repeated field costs a hash and a byte comparison instead of UTF-8
/// validation and a new string.
///
/// Direct-mapped (``ByteSlots``), 1024 slots (with 256, a file's sixty codes left one line
/// in twelve to a collision); a collision simply replaces the slot. Keys are the trimmed
/// bytes (at most ``maxKeyLength``); a hit returns the very string made before, so the
/// result is identical to ``TextBytes/text(_:)`` by construction.
final class TextCache {
    static let slots = 1024
    static let maxKeyLength = 32

    private let storage = ByteSlots<String>(slotCount: TextCache.slots, maxKeyLength: TextCache.maxKeyLength, empty: "")

    /// The field trimmed and in NFC, as ``TextBytes/text(_:)`` makes it.
    func text(_ field: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = field.baseAddress, field.count > 0 else { return "" }
        var s = 0
        var e = field.count
        TextBytes.trim(base, &s, &e)
        let length = e - s
        if length == 0 { return "" }
        if length > TextCache.maxKeyLength { return TextBytes.text(field) }
        let slot = TextCache.slot(base + s, length)
        if let value = storage.value(at: slot, for: base + s, length) { return value }
        let value = TextBytes.text(field)
        storage.store(value, at: slot, for: base + s, length)
        return value
    }

    /// The slot of `length` trimmed bytes: FNV-1a, folded to 10 bits.
    @inline(__always)
    static func slot(_ text: UnsafePointer<UInt8>, _ length: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for k in 0..<length { hash = (hash ^ UInt32(text[k])) &* 16_777_619 }
        return Int((hash ^ (hash >> 16)) & UInt32(TextCache.slots - 1))
    }
}

/// Remembers what was made of short fields that repeat — the `String`s of item codes,
/// units and notes (``TextCache``), the numbers of item codes (``CodeNumbers``) — so that
/// a repeated field costs a hash and a byte comparison instead of UTF-8 validation and a
/// new string.
///
/// Direct-mapped (``ByteSlots``), 1024 slots (with 256, a file's sixty codes left one line
/// in twelve to a collision); a collision simply replaces the slot. Keys are the trimmed
/// bytes (at most ``maxKeyLength``); a hit returns the very value made before from the
/// same bytes, so the result is identical to making it by construction. Fields that are
/// blank or longer than the keys are made every time.
final class FieldCache<Value> {
    static var slots: Int { 1024 }
    static var maxKeyLength: Int { 32 }

    private let storage: ByteSlots<Value>

    /// `empty` fills the unused slots; it is never returned for a field not made.
    init(empty: Value) {
        storage = ByteSlots<Value>(slotCount: Self.slots, maxKeyLength: Self.maxKeyLength, empty: empty)
    }

    /// What `make` gives for `field`, remembered by the field's trimmed bytes.
    @inline(__always)
    func value(_ field: UnsafeBufferPointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        guard let base = field.baseAddress, field.count > 0 else { return make(field) }
        var s = 0
        var e = field.count
        TextBytes.trim(base, &s, &e)
        let length = e - s
        guard length > 0, length <= Self.maxKeyLength else { return make(field) }
        let slot = Self.slot(base + s, length)
        if let value = storage.value(at: slot, for: base + s, length) { return value }
        let value = make(field)
        storage.store(value, at: slot, for: base + s, length)
        return value
    }

    /// Forgets every field.
    func clear() { storage.clear() }

    /// The slot of `length` trimmed bytes: FNV-1a, folded to 10 bits.
    @inline(__always)
    private static func slot(_ text: UnsafePointer<UInt8>, _ length: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for k in 0..<length { hash = (hash ^ UInt32(text[k])) &* 16_777_619 }
        return Int((hash ^ (hash >> 16)) & UInt32(Self.slots - 1))
    }
}

/// The `String`s of short repeated fields, as ``TextBytes/text(_:)`` makes them.
typealias TextCache = FieldCache<String>

extension FieldCache where Value == String {
    convenience init() { self.init(empty: "") }

    /// The field trimmed and in NFC, as ``TextBytes/text(_:)`` makes it.
    func text(_ field: UnsafeBufferPointer<UInt8>) -> String { value(field, make: TextBytes.text) }
}

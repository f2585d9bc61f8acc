import BudgetCore

/// Numbers the item codes of lines read without their text (``KeyedLine/code``): the
/// ``ItemCodes`` the consumer reads them from, and a cache from a field's bytes to its
/// number, so that a repeated code costs a hash and a byte comparison (as in
/// ``TextCache``, whose slots it shares the hash of) instead of a `String` and a
/// dictionary look-up.
///
/// A number always names the text ``TextBytes/text(_:)`` makes of the field, so a line
/// numbered here is the line the reader would have made with its text.
final class CodeNumbers {
    /// The codes numbered so far (of the current generation).
    let codes = ItemCodes()
    private let slots = ByteSlots<Int32>(slotCount: TextCache.slots, maxKeyLength: TextCache.maxKeyLength, empty: -1)

    /// The number of the code in `field`.
    @inline(__always)
    func number(_ field: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard let base = field.baseAddress, field.count > 0 else { return codes.number("") }
        var s = 0
        var e = field.count
        TextBytes.trim(base, &s, &e)
        let length = e - s
        guard length > 0, length <= TextCache.maxKeyLength else { return codes.number(TextBytes.text(field)) }
        let slot = TextCache.slot(base + s, length)
        if let known = slots.value(at: slot, for: base + s, length) { return known }
        let number = codes.number(TextBytes.text(field))
        slots.store(number, at: slot, for: base + s, length)
        return number
    }

    /// The number of `text`, a code already made into a `String`.
    func number(_ text: String) -> Int32 { codes.number(text) }

    /// Starts the codes afresh once they reach ``ItemCodes/limit``: to be called only when
    /// no line numbered so far is still waiting for the consumer.
    func resetIfFull() {
        guard codes.isFull else { return }
        codes.reset()
        slots.clear()
    }
}

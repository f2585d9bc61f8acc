import BudgetCore

/// Numbers the item codes of lines read without their text (``KeyedLine/code``): the
/// ``ItemCodes`` the consumer reads them from, and a ``FieldCache`` from a field's bytes to
/// its number, so that a repeated code costs a hash and a byte comparison instead of a
/// `String` and a dictionary look-up.
///
/// A number always names the text ``TextBytes/text(_:)`` makes of the field, so a line
/// numbered here is the line the reader would have made with its text.
final class CodeNumbers {
    /// The codes numbered so far (of the current generation).
    let codes = ItemCodes()
    private let fields = FieldCache<Int32>(empty: -1)

    /// The number of the code in `field`.
    @inline(__always)
    func number(_ field: UnsafeBufferPointer<UInt8>) -> Int32 {
        fields.value(field) { codes.number(TextBytes.text($0)) }
    }

    /// The number of `text`, a code already made into a `String`.
    func number(_ text: String) -> Int32 { codes.number(text) }

    /// Starts the codes afresh once they reach ``ItemCodes/limit``: to be called only when
    /// no line numbered so far is still waiting for the consumer.
    func resetIfFull() {
        guard codes.isFull else { return }
        codes.reset()
        fields.clear()
    }
}

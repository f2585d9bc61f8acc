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
    /// ``TextBytes/mayBeCode(_:)`` of each code, by number: judged once per distinct code,
    /// not once a line. (Read for every line: unchecked for exclusivity, which a class's
    /// stored `var` otherwise pays a dynamic check for; only this object touches it, on one
    /// thread.)
    @exclusivity(unchecked) private var plausible: [Bool] = []

    /// The number of the code in `field`.
    @inline(__always)
    func number(_ field: UnsafeBufferPointer<UInt8>) -> Int32 {
        fields.value(field) { make($0) }
    }

    /// A code not cached: numbered, and judged.
    @inline(never)
    private func make(_ field: UnsafeBufferPointer<UInt8>) -> Int32 { number(TextBytes.text(field)) }

    /// The number of `text`, a code already made into a `String`.
    func number(_ text: String) -> Int32 {
        let number = codes.number(text)
        while plausible.count <= Int(number) {
            let code = codes.text(Int32(truncatingIfNeeded: plausible.count))
            plausible.append(Array(code.utf8).withUnsafeBufferPointer { TextBytes.mayBeCode($0) })
        }
        return number
    }

    /// Whether code `number` could be an item code at all (no space, no letter beyond
    /// ASCII): a row whose code could not is worth a second look (the signature block).
    @inline(__always)
    func mayBeCode(_ number: Int32) -> Bool {
        plausible.withUnsafeBufferPointer { $0[Int(number)] }
    }

    /// Starts the codes afresh once they reach ``ItemCodes/limit``: to be called only when
    /// no line numbered so far is still waiting for the consumer.
    func resetIfFull() {
        guard codes.isFull else { return }
        codes.reset()
        fields.clear()
        plausible.removeAll(keepingCapacity: true)
    }
}

/// UTF-16 code units → Unicode scalars, incrementally: a code unit or a surrogate pair may
/// be split between chunks.
///
/// Invalid: an unpaired surrogate, a lone final byte, and (as in every encoding the reader
/// accepts, see ``TextControls``) U+0000 and C0 controls other than tab, LF and CR.
struct UTF16Decoder: Sendable {
    let isBigEndian: Bool
    /// The first byte of a code unit whose second byte is in the next chunk.
    private var pendingByte: UInt8?
    /// A high surrogate waiting for its low half.
    private var pendingHigh: UInt16?
    /// Where the pending high surrogate starts, relative to the current chunk (negative
    /// once it lies in an earlier chunk), so an unpaired one is reported where it starts.
    private var pendingHighOffset = 0

    init(bigEndian: Bool) { isBigEndian = bigEndian }

    /// Calls `emit` with each scalar of `chunk` (and of units completed from earlier chunks),
    /// in order, with the offset within `chunk` of the scalar's first byte (negative when it
    /// began in an earlier chunk). Returns the offset of the first invalid unit or pair, or
    /// nil — negative (−1 to −3) when it began in an earlier chunk, so the offset never
    /// depends on how the text was split; nothing after it is emitted.
    ///
    /// Complexity: O(n) in `chunk.count`.
    @inline(__always)
    mutating func decode(
        _ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool,
        _ emit: (_ scalar: UInt32, _ offset: Int) -> Void
    ) -> Int? {
        var index = 0
        let count = chunk.count
        // A code unit whose first byte came with the previous chunk.
        if let first = pendingByte, count > 0 {
            pendingByte = nil
            if let bad = take(combine(first, chunk[0]), offset: -1, emit) { return bad }
            index = 1
        }
        // Whole code units; the common case (BMP text, no pair pending) in a tight loop.
        while count - index >= 2 {
            let unit = combine(chunk[index], chunk[index + 1])
            if pendingHigh == nil, unit >= 0x20, unit < 0xD800 {
                emit(UInt32(unit), index)
            } else if let bad = take(unit, offset: index, emit) {
                return bad
            }
            index += 2
        }
        if index < count {
            pendingByte = chunk[index]
            // A high surrogate before the odd byte is unpaired, and comes first.
            if isFinal { return reset(pendingHigh != nil ? pendingHighOffset : index) }
        }
        // The chunk is used up; a pending high surrogate now lies in an earlier chunk.
        if pendingHigh != nil {
            if isFinal { return reset(pendingHighOffset) }
            pendingHighOffset -= count
        }
        if isFinal, pendingByte != nil { return reset(-1) }
        return nil
    }

    /// Takes one code unit that is not plain BMP text: a surrogate, a control, or any unit
    /// while a high surrogate waits. Returns the offset of an invalid unit, or nil.
    @inline(__always)
    private mutating func take(
        _ unit: UInt16, offset: Int, _ emit: (_ scalar: UInt32, _ offset: Int) -> Void
    )
        -> Int?
    {
        if let high = pendingHigh {
            pendingHigh = nil
            guard (0xDC00...0xDFFF).contains(unit) else { return reset(pendingHighOffset) }
            emit(0x10000 + (UInt32(high - 0xD800) << 10 | UInt32(unit - 0xDC00)), pendingHighOffset)
            return nil
        }
        switch unit {
        case 0xD800...0xDBFF:
            pendingHigh = unit
            pendingHighOffset = offset
        case 0xDC00...0xDFFF:
            return reset(offset)
        default:
            if TextControls.isForbiddenControl(unit) { return reset(offset) }
            emit(UInt32(unit), offset)
        }
        return nil
    }

    @inline(__always)
    private func combine(_ first: UInt8, _ second: UInt8) -> UInt16 {
        isBigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first)
    }

    private mutating func reset(_ offset: Int) -> Int {
        pendingByte = nil
        pendingHigh = nil
        pendingHighOffset = 0
        return offset
    }
}

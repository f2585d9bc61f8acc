/// UTF-16 code units → Unicode scalars, incrementally: a code unit or a surrogate pair may
/// be split between chunks.
///
/// Invalid: an unpaired surrogate, a lone final byte, and (as in every encoding the reader
/// accepts, see ``TextBytes``) U+0000 and C0 controls other than tab, LF and CR.
struct UTF16Decoder: Sendable {
    let isBigEndian: Bool
    /// The first byte of a code unit whose second byte is in the next chunk.
    private var pendingByte: UInt8?
    /// A high surrogate waiting for its low half.
    private var pendingHigh: UInt16?
    /// Bytes of the pending high surrogate (and pending byte) that lie in this chunk, so an
    /// unpaired high surrogate is reported where it starts when that is still in the chunk.
    private var pendingHighOffset = 0

    init(bigEndian: Bool) { isBigEndian = bigEndian }

    /// Calls `emit` with each scalar of `chunk` (and of units completed from earlier chunks),
    /// in order, with the offset within `chunk` of the scalar's first byte (0 when it began
    /// in an earlier chunk). Returns the offset of the first invalid unit, or nil; nothing
    /// after it is emitted.
    ///
    /// Complexity: O(n) in `chunk.count`.
    @inline(__always)
    mutating func decode(
        _ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool,
        _ emit: (_ scalar: UInt32, _ offset: Int) -> Void
    ) -> Int? {
        var index = 0
        let count = chunk.count
        while true {
            // Assemble the next code unit.
            let unitOffset: Int
            let unit: UInt16
            if let first = pendingByte {
                guard index < count else { break }
                unit = combine(first, chunk[index])
                unitOffset = 0
                pendingByte = nil
                index += 1
            } else {
                guard count - index >= 2 else {
                    if index < count {
                        pendingByte = chunk[index]
                        if isFinal { return reset(index) }
                    }
                    break
                }
                unit = combine(chunk[index], chunk[index + 1])
                unitOffset = index
                index += 2
            }
            // Pair surrogates.
            if let high = pendingHigh {
                pendingHigh = nil
                guard (0xDC00...0xDFFF).contains(unit) else { return reset(pendingHighOffset) }
                let value = 0x10000 + (UInt32(high - 0xD800) << 10 | UInt32(unit - 0xDC00))
                emit(value, pendingHighOffset)
                continue
            }
            switch unit {
            case 0xD800...0xDBFF:
                pendingHigh = unit
                pendingHighOffset = unitOffset
            case 0xDC00...0xDFFF:
                return reset(unitOffset)
            default:
                if TextBytes.isForbiddenControl(unit) { return reset(unitOffset) }
                emit(UInt32(unit), unitOffset)
            }
        }
        // The chunk is used up; a pending high surrogate now lies in an earlier chunk.
        if pendingHigh != nil {
            if isFinal { return reset(pendingHighOffset) }
            pendingHighOffset = 0
        }
        if isFinal, pendingByte != nil { return reset(0) }
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

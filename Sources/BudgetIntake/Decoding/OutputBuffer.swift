extension Array where Element == UInt8 {
    /// Appends up to `maximumCount` bytes that `body` writes through a pointer, and returns
    /// `body`'s result; `body` counts the bytes it wrote in `written`.
    ///
    /// The decoders' inner loops write one to four bytes per character; `append` per byte
    /// checks capacity and uniqueness every time, which halves their speed. This grows the
    /// array once (zero-filled: a memset), lets the loop write freely, then trims.
    @inline(__always)
    mutating func appendUnsafely<Result>(
        maximumCount: Int, _ body: (_ start: UnsafeMutablePointer<UInt8>, _ written: inout Int) -> Result
    ) -> Result {
        var written = 0
        guard maximumCount > 0 else {
            var scratch: UInt8 = 0
            return withUnsafeMutablePointer(to: &scratch) { body($0, &written) }
        }
        let oldCount = count
        append(contentsOf: repeatElement(0, count: maximumCount))
        let result = withUnsafeMutableBufferPointer { buffer -> Result in
            // Not empty: `maximumCount > 0` bytes were just appended.
            guard let base = buffer.baseAddress else {
                var scratch: UInt8 = 0
                return withUnsafeMutablePointer(to: &scratch) { body($0, &written) }
            }
            return body(base + oldCount, &written)
        }
        removeLast(maximumCount - Swift.min(written, maximumCount))
        return result
    }
}

extension UTF8Packing {
    /// Writes the packed UTF-8 `packed` (from ``pack(_:)``) at `start + written`.
    @inline(__always)
    static func write(_ packed: UInt32, to start: UnsafeMutablePointer<UInt8>, at written: inout Int) {
        start[written] = UInt8(truncatingIfNeeded: packed)
        start[written + 1] = UInt8(truncatingIfNeeded: packed >> 8)
        start[written + 2] = UInt8(truncatingIfNeeded: packed >> 16)
        written += Int(packed >> 24)
    }

    /// Writes the UTF-8 of any scalar at `start + written` (up to 4 bytes).
    @inline(__always)
    static func write(scalar value: UInt32, to start: UnsafeMutablePointer<UInt8>, at written: inout Int) {
        if value < 0x80 {
            start[written] = UInt8(truncatingIfNeeded: value)
            written += 1
        } else if value < 0x10000 {
            write(pack(value), to: start, at: &written)
        } else {
            start[written] = UInt8(truncatingIfNeeded: 0xF0 | value >> 18)
            start[written + 1] = UInt8(truncatingIfNeeded: 0x80 | (value >> 12) & 0x3F)
            start[written + 2] = UInt8(truncatingIfNeeded: 0x80 | (value >> 6) & 0x3F)
            start[written + 3] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            written += 4
        }
    }
}

/// A duplicate-line key and a line number in 12 bytes: the key as two 32-bit halves,
/// so that the struct is aligned to 4 and packs with no padding in an array (a `UInt64`
/// member would pad it to 16). ``FirstLineTable``'s slots and ``DuplicateLog``'s entries.
struct KeyAndLine: Sendable {
    private var low: UInt32
    private var high: UInt32
    var line: Int32

    @inline(__always) var key: UInt64 { UInt64(high) &<< 32 | UInt64(low) }

    @inline(__always)
    init(key: UInt64, line: Int32) {
        low = UInt32(truncatingIfNeeded: key)
        high = UInt32(truncatingIfNeeded: key &>> 32)
        self.line = line
    }
}

/// UTF-8 encoding of single scalars, packed into a `UInt32` for table-driven decoders.
enum UTF8Packing {
    /// The UTF-8 of `value` (a valid scalar value) in the low 24 bits, first byte lowest,
    /// and its length (1–3) in the top 8 bits. Scalars above U+FFFF are not packable and
    /// never occur in the single-byte tables that use this.
    static func pack(_ value: UInt32) -> UInt32 {
        switch value {
        case 0..<0x80:
            return 1 << 24 | value
        case 0x80..<0x800:
            let first = 0xC0 | value >> 6
            let second = 0x80 | value & 0x3F
            return 2 << 24 | second << 8 | first
        default:
            let first = 0xE0 | value >> 12
            let second = 0x80 | (value >> 6) & 0x3F
            let third = 0x80 | value & 0x3F
            return 3 << 24 | third << 16 | second << 8 | first
        }
    }

    /// Appends the packed UTF-8 `packed` (from ``pack(_:)``) to `output`.
    @inline(__always)
    static func append(_ packed: UInt32, to output: inout [UInt8]) {
        output.append(UInt8(truncatingIfNeeded: packed))
        let length = packed >> 24
        if length > 1 { output.append(UInt8(truncatingIfNeeded: packed >> 8)) }
        if length > 2 { output.append(UInt8(truncatingIfNeeded: packed >> 16)) }
    }

    /// Appends the UTF-8 of any scalar to `output`.
    @inline(__always)
    static func append(scalar value: UInt32, to output: inout [UInt8]) {
        if value < 0x10000 {
            append(pack(value), to: &output)
        } else {
            output.append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
            output.append(UInt8(truncatingIfNeeded: 0x80 | (value >> 12) & 0x3F))
            output.append(UInt8(truncatingIfNeeded: 0x80 | (value >> 6) & 0x3F))
            output.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        }
    }
}

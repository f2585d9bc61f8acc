/// Physical line numbers of byte offsets, for findings about bytes.
///
/// A line ends at LF, CR LF or a lone CR (the contract accepts all three), in code units
/// of the encoding: bytes, or 16-bit units for UTF-16.
enum TextPosition {
    /// The 1-based physical line holding the byte at `offset` of `bytes`.
    ///
    /// - Parameters:
    ///   - utf16: the byte order when `bytes` is UTF-16 (from its start), nil for bytes.
    /// - Complexity: O(offset).
    static func line(
        ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>, utf16 bigEndian: Bool? = nil
    )
        -> Int
    {
        let end = min(offset, bytes.count)
        let width = bigEndian == nil ? 1 : 2
        func unit(_ index: Int) -> UInt16 {
            switch bigEndian {
            case nil: return UInt16(bytes[index])
            case true?: return UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            case false?: return UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index])
            }
        }
        var line = 1
        var index = 0
        while index + width <= end {
            let value = unit(index)
            if value == 0x0A {
                line += 1
            } else if value == 0x0D {
                let next = index + width
                if next + width > bytes.count || unit(next) != 0x0A { line += 1 }
            }
            index += width
        }
        return line
    }
}

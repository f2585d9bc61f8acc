/// The byte a legacy-font character was typed as, recovered from the Unicode text it
/// became.
///
/// TCVN3 and VNI are 8-bit *font* encodings: Windows shows byte 0xB8 in a `.VnTime` font
/// as "á", but stores the character its ANSI code page assigns to 0xB8 ("¸"). Saved as
/// UTF-8 or UTF-16, such text is therefore the Windows-1252 (English Windows) or
/// Windows-1258 (Vietnamese Windows) reading of the legacy bytes. Mapping a scalar back
/// through both code pages recovers the byte, which is what the legacy-encoding heuristics
/// and the TCVN3 converter work on.
enum LegacyBytes {
    /// The legacy byte behind `scalar`, or `nil` for a character no Windows code page of
    /// the region produces (most Vietnamese letters, such as U+1EC7 "ệ": real Unicode).
    ///
    /// ASCII maps to itself; U+0080–U+00FF to the same byte (Latin-1, which Windows-1252
    /// and Windows-1258 mostly share); the punctuation block of Windows-1252/1258 and the
    /// Vietnamese letters and combining marks of Windows-1258 to their bytes.
    static func byte(for scalar: UInt32) -> UInt8? {
        if scalar < 0x100 { return UInt8(truncatingIfNeeded: scalar) }
        let index = Int(scalar) - 0x100
        guard index < inverse.count else { return nil }
        let byte = inverse[index]
        return byte == 0 ? nil : byte
    }

    /// The byte of each scalar from U+0100 up to the highest that Windows-1252 or
    /// Windows-1258 produces (U+2122 "™"), by `scalar - 0x100`; 0 for none (no such
    /// scalar maps to byte 0). An array, not a dictionary: every Vietnamese letter of a
    /// file's first megabyte is looked up, and hashing each cost more than the walk.
    private static let inverse: [UInt8] = {
        var pairs: [(UInt32, UInt8)] = []
        for byte in 0x80...0xFF {
            let value = Windows1258.table[byte]
            if value != Windows1258.unassigned, value >= 0x100 { pairs.append((UInt32(value), UInt8(byte))) }
        }
        // Windows-1252 letters at positions Windows-1258 leaves undefined.
        for (byte, value) in [(0x8A, 0x0160), (0x8E, 0x017D), (0x9A, 0x0161), (0x9E, 0x017E)] {
            pairs.append((UInt32(value), UInt8(byte)))
        }
        var table = [UInt8](repeating: 0, count: Int(pairs.map(\.0).max() ?? 0x100) - 0x100 + 1)
        for (value, byte) in pairs { table[Int(value) - 0x100] = byte }
        return table
    }()
}

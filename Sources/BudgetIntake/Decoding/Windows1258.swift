/// The Windows-1258 code page (Vietnamese Windows), byte by byte.
///
/// Written from Microsoft's published table (unicode.org `MAPPINGS/VENDORS/MICSFT/WINDOWS/
/// CP1258.TXT`); a test checks all 256 positions against Python's `cp1258` codec. The upper
/// half is Latin-1 except for the Vietnamese letters Ă Đ Ơ Ư ă đ ơ ư, the dong sign and the
/// five combining tone marks, which is why Windows-1258 text decodes to *decomposed*
/// Vietnamese ("ệ" arrives as "ê" + U+0323): the reader composes fields to NFC.
enum Windows1258 {
    /// The value `table` holds for the nine positions the code page leaves undefined
    /// (0x81 0x8A 0x8D 0x8E 0x8F 0x90 0x9A 0x9D 0x9E). U+FFFF is a noncharacter, so no real
    /// mapping can collide with it.
    static let unassigned: UInt16 = 0xFFFF

    /// Byte → Unicode scalar value (all in the BMP), or ``unassigned``.
    static let table: [UInt16] = {
        var table = (0..<256).map { UInt16($0) }
        // 0x80–0x9F: the Windows punctuation block.
        let block: [UInt16] = [
            0x20AC, 0xFFFF, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0xFFFF, 0x2039, 0x0152, 0xFFFF, 0xFFFF, 0xFFFF,
            0xFFFF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0xFFFF, 0x203A, 0x0153, 0xFFFF, 0xFFFF, 0x0178,
        ]
        for (index, value) in block.enumerated() { table[0x80 + index] = value }
        // 0xC0–0xFF: where Windows-1258 departs from Latin-1.
        let vietnamese: [(Int, UInt16)] = [
            (0xC3, 0x0102), (0xCC, 0x0300), (0xD0, 0x0110), (0xD2, 0x0309), (0xD5, 0x01A0),
            (0xDD, 0x01AF), (0xDE, 0x0303), (0xE3, 0x0103), (0xEC, 0x0301), (0xF0, 0x0111),
            (0xF2, 0x0323), (0xF5, 0x01A1), (0xFD, 0x01B0), (0xFE, 0x20AB),
        ]
        for (byte, value) in vietnamese { table[byte] = value }
        return table
    }()

    /// Byte → its UTF-8, packed for the transcoder's inner loop: the UTF-8 bytes in the low
    /// 24 bits (first byte lowest), the length in the top 8; 0 for a byte that is not text
    /// (unassigned, NUL, a C0 control other than tab, CR and LF).
    static let utf8Table: [UInt32] = table.enumerated().map { byte, value in
        if value == unassigned || TextControls.isForbiddenControl(UInt8(byte)) { return 0 }
        return UTF8Packing.pack(UInt32(value))
    }
}

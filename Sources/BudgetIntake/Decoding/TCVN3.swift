/// TCVN 5712:1993 VN3 — the "ABC" encoding of the `.VnTime`/`.VnArial` fonts — byte by byte.
///
/// VN3 is the 8-bit subset of TCVN 5712 used by those fonts: ASCII, the base letters
/// Ă Â Ê Ô Ơ Ư Đ (0xA1–0xA7) and every lower-case letter with its diacritics in 0xA8–0xFE.
/// Upper-case toned letters have no code: `.VnTimeH` fonts draw the lower-case codes as
/// capitals, so such text converts to lower case (Unikey does the same).
///
/// Written from the standard's layout; positions checked against the TCVN 5712 table of
/// X11's `lcUniConv/tcvn.h` (whose VN1 extras — capitals with tones in the C0 and 0x80–0x9F
/// areas, combining marks at 0xB0–0xB4 — the ABC fonts do not have). Positions VN3 leaves
/// free read as Windows-1258, the code page Vietnamese Excel saved the file in, so NBSP,
/// "°", "²", "–" and the like survive.
enum TCVN3 {
    /// Byte → scalar value; Windows-1258's ``Windows1258/unassigned`` where neither defines
    /// the byte.
    static let table: [UInt16] = {
        var table = Windows1258.table
        let letters: [(Int, UInt16)] = [
            (0xA1, 0x0102), (0xA2, 0x00C2), (0xA3, 0x00CA), (0xA4, 0x00D4), (0xA5, 0x01A0),
            (0xA6, 0x01AF), (0xA7, 0x0110), (0xA8, 0x0103), (0xA9, 0x00E2), (0xAA, 0x00EA),
            (0xAB, 0x00F4), (0xAC, 0x01A1), (0xAD, 0x01B0), (0xAE, 0x0111),
            (0xB5, 0x00E0), (0xB6, 0x1EA3), (0xB7, 0x00E3), (0xB8, 0x00E1), (0xB9, 0x1EA1),
            (0xBB, 0x1EB1), (0xBC, 0x1EB3), (0xBD, 0x1EB5), (0xBE, 0x1EAF),
            (0xC6, 0x1EB7), (0xC7, 0x1EA7), (0xC8, 0x1EA9), (0xC9, 0x1EAB), (0xCA, 0x1EA5),
            (0xCB, 0x1EAD), (0xCC, 0x00E8), (0xCE, 0x1EBB), (0xCF, 0x1EBD),
            (0xD0, 0x00E9), (0xD1, 0x1EB9), (0xD2, 0x1EC1), (0xD3, 0x1EC3), (0xD4, 0x1EC5),
            (0xD5, 0x1EBF), (0xD6, 0x1EC7), (0xD7, 0x00EC), (0xD8, 0x1EC9), (0xDC, 0x0129),
            (0xDD, 0x00ED), (0xDE, 0x1ECB), (0xDF, 0x00F2),
            (0xE1, 0x1ECF), (0xE2, 0x00F5), (0xE3, 0x00F3), (0xE4, 0x1ECD), (0xE5, 0x1ED3),
            (0xE6, 0x1ED5), (0xE7, 0x1ED7), (0xE8, 0x1ED1), (0xE9, 0x1ED9), (0xEA, 0x1EDD),
            (0xEB, 0x1EDF), (0xEC, 0x1EE1), (0xED, 0x1EDB), (0xEE, 0x1EE3), (0xEF, 0x00F9),
            (0xF1, 0x1EE7), (0xF2, 0x0169), (0xF3, 0x00FA), (0xF4, 0x1EE5), (0xF5, 0x1EEB),
            (0xF6, 0x1EED), (0xF7, 0x1EEF), (0xF8, 0x1EE9), (0xF9, 0x1EF1), (0xFA, 0x1EF3),
            (0xFB, 0x1EF7), (0xFC, 0x1EF9), (0xFD, 0x00FD), (0xFE, 0x1EF5),
        ]
        for (byte, value) in letters { table[byte] = value }
        return table
    }()

    /// Byte → packed UTF-8 (see ``UTF8Packing``), 0 for a byte that is not text.
    static let utf8Table: [UInt32] = table.enumerated().map { byte, value in
        if value == Windows1258.unassigned || TextControls.isForbiddenControl(UInt8(byte)) { return 0 }
        return UTF8Packing.pack(UInt32(value))
    }

    /// The letters only TCVN3 puts in 0xA1–0xBE, where Windows-1258 and Windows-1252 have
    /// symbols (¡ ¢ £ … ¨ © ª « ¬ SHY ® µ ¶ · ¸ ¹ » ¼ ½ ¾). Real Vietnamese in any Unicode
    /// or Windows encoding never puts these between letters; TCVN3 text is full of them
    /// (ă â ê ô ơ ư đ à ả ã á ạ ằ ẳ ẵ ắ are among its most frequent letters).
    static func isDistinctiveLetter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0xA1...0xAE, 0xB5...0xB9, 0xBB...0xBE: return true
        default: return false
        }
    }
}

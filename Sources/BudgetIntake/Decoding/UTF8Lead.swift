/// What a UTF-8 lead byte promises (Unicode, table 3-7): the sequence's length and the
/// range its second byte must lie in; later bytes are always 0x80…0xBF. The survey, the
/// validator's byte-by-byte path and the TCVN3 decoder (which tells UTF-8 sequences from
/// raw TCVN3 bytes) all read leads with this one table.
struct UTF8Lead {
    /// 2, 3 or 4.
    let length: Int
    /// The smallest second byte: above 0x80 where a lower one would be an overlong form.
    let low: UInt8
    /// The largest second byte: below 0xBF where a higher one would be a surrogate or
    /// beyond U+10FFFF.
    let high: UInt8

    /// The lead `byte` (≥ 0x80) begins, or nil when it cannot begin a sequence.
    @inline(__always)
    init?(_ byte: UInt8) {
        switch byte {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return nil
        }
    }
}

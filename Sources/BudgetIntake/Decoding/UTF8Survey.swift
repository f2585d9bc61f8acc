/// How much of a prefix is well-formed UTF-8, to tell a damaged UTF-8 file from a file in
/// another encoding.
///
/// A Windows-1258 file practically never contains a well-formed multi-byte UTF-8 sequence
/// (its letters are followed by ASCII or by tone marks ≥ 0xC0, not by 0x80–0xBF). A UTF-8
/// file with one bad byte (a truncated copy, a stray Windows-1258 character pasted in) is
/// full of them. Read as Windows-1258, the latter would become mojibake — or be refused
/// at some innocent "ọ" whose UTF-8 holds an unassigned byte — so the reader refuses it
/// at the bad byte instead.
struct UTF8Survey {
    /// Offset of the first ill-formed sequence (or forbidden control), if any.
    var firstInvalid: Int?
    /// Well-formed multi-byte sequences.
    var sequences = 0
    /// Ill-formed sequences (each bad byte counted once) and forbidden controls.
    var invalid = 0

    /// Surveys `bytes[start...]`; a sequence cut off by the end of a partial prefix is
    /// not counted as ill-formed.
    ///
    /// Complexity: O(n).
    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, isWholeFile: Bool) {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if TextControls.isForbiddenControl(byte) { note(invalidAt: index) }
                index += 1
                continue
            }
            switch Self.sequenceLength(bytes, at: index) {
            case .valid(let length):
                sequences += 1
                index += length
            case .truncated where !isWholeFile:
                return
            case .truncated, .invalid:
                note(invalidAt: index)
                index += 1
            }
        }
    }

    /// Whether the prefix is UTF-8 with damage rather than another encoding: at least four
    /// well-formed sequences, and at least four per bad one.
    var isDamagedUTF8: Bool {
        firstInvalid != nil && sequences >= 4 && sequences >= 4 * invalid
    }

    private mutating func note(invalidAt offset: Int) {
        if firstInvalid == nil { firstInvalid = offset }
        invalid += 1
    }

    enum Sequence {
        case valid(Int)
        case truncated
        case invalid
    }

    /// Classifies the sequence whose lead byte (≥ 0x80) is at `index` (Unicode table 3-7).
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Sequence {
        guard let lead = UTF8Lead(bytes[index]) else { return .invalid }
        let length = lead.length
        var low = lead.low
        var high = lead.high
        for step in 1..<length {
            guard index + step < bytes.count else { return .truncated }
            let byte = bytes[index + step]
            guard byte >= low, byte <= high else { return .invalid }
            low = 0x80
            high = 0xBF
        }
        return .valid(length)
    }
}

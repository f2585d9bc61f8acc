/// A quick test that UTF-8 text holds no TCVN3 or VNI hit at all, so that the walk of
/// ``LegacyEncodingDetector/gather(_:)`` — a step per character of the first megabyte of
/// every file, the dearest part of reading a small file — is made only when a hit is
/// possible.
///
/// **Why it is exact** (``mayHit(_:)`` false ⇒ the walk finds no hit): a hit is a code in
/// 0xA1–0xFF (``LegacyEvidence``: a TCVN3 hit needs a distinctive letter, 0xA1–0xBE; a VNI
/// hit Ñ/ñ or a mark byte 0xC0–0xFF after a vowel). In UTF-8 only the characters that
/// begin with the bytes in ``leads`` have such codes: U+00A1–U+00FF (0xC2, 0xC3), and the
/// Windows-1258 letters and marks ``LegacyBytes`` maps there — Ă ă Đ đ (0xC4), Ơ ơ Ư ư
/// (0xC6), the combining marks (0xCC), ₫ (0xE2). A test checks that for every scalar. So
/// the bytes are searched sixteen at a time for those leads, skipping the rest (ASCII and
/// the precomposed letters U+1E00–U+1EFF that are most of Vietnamese), and each character
/// found is judged with the walk's own tests and the character before it. A TCVN3
/// candidate is taken as a hit whatever its neighbours, and anything unclear (a sequence
/// that does not decode) as possible: the test may answer "possible" needlessly, never
/// "impossible" wrongly.
enum LegacyPrefilter {
    /// The first bytes of the characters whose legacy code can be 0xA1–0xFF.
    static let leads: [UInt8] = [0xC2, 0xC3, 0xC4, 0xC6, 0xCC, 0xE2]

    /// Whether the UTF-8 text may hold a hit; false only when it certainly holds none.
    static func mayHit(_ text: LegacyText) -> Bool {
        guard text.source == .utf8 else { return true }
        guard text.start < text.end else { return false }
        let bytes = UnsafeBufferPointer(rebasing: text.bytes[..<text.end])
        guard let base = bytes.baseAddress else { return false }
        let patterns = leads.map { ByteSearch.Block(repeating: $0) }
        let (c2, c3, c4, c6, cc, e2) = (patterns[0], patterns[1], patterns[2], patterns[3], patterns[4], patterns[5])
        var index = text.start
        while index < bytes.count {
            // The next lead, sixteen bytes a step.
            if index &+ 16 <= bytes.count {
                let block = UnsafeRawPointer(base + index).loadUnaligned(as: ByteSearch.Block.self)
                let found =
                    (block .== c2) .| (block .== c3) .| (block .== c4) .| (block .== c6) .| (block .== cc)
                    .| (block .== e2)
                guard let lane = ByteSearch.firstLane(found) else {
                    index &+= 16
                    continue
                }
                index &+= lane
            } else if !leads.contains(bytes[index]) {
                index &+= 1
                continue
            }
            if isPossibleHit(bytes, at: index, start: text.start) { return true }
            index &+= 1
        }
        return false
    }

    /// Whether the character whose first byte is at `index` (one of ``leads``) may be a hit.
    private static func isPossibleHit(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, start: Int) -> Bool {
        guard let code = code(bytes, at: index) else { return true }
        guard code >= 0xA1, code <= 0xFF else { return false }
        let byte = UInt8(code)
        if TCVN3.isDistinctiveLetter(byte) || byte == 0xD1 || byte == 0xF1 { return true }
        guard byte >= 0xC0 else { return false }
        // A mark byte: a hit only after certain vowels, whatever comes next.
        guard let previous = previousCode(bytes, before: index, start: start) else { return true }
        return LegacyEvidence.isVNIHit(previous: previous, byte: byte, next: 0x20)
    }

    /// The legacy code of the character before `index` (a space at the start, as the walk
    /// has it), or nil if it does not decode.
    private static func previousCode(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int, start: Int) -> Int? {
        guard index > start else { return 0x20 }
        let last = bytes[index - 1]
        if last < 0x80 { return Int(last) }
        var lead = index - 1
        while lead > start, lead > index - 4, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        if lead + 2 == index, bytes[lead] &- 0xC2 < 0x1E { return code(bytes, at: lead) }
        guard let (value, length) = LegacyText.scalar(bytes, at: lead), lead + length == index else { return nil }
        return LegacyText.code(of: value)
    }

    /// The legacy code of the character at `index`, or nil if it does not decode. A
    /// two-byte character (most candidates: à á â ê ô đ ă ơ ư …) straight from
    /// ``LegacyText/twoByteCodes``, without the general decoder.
    @inline(__always)
    private static func code(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        if lead &- 0xC2 < 0x1E {
            guard index + 1 < bytes.count else { return nil }
            let second = bytes[index + 1]
            guard second & 0xC0 == 0x80 else { return nil }
            let value = Int(lead & 0x1F) << 6 | Int(second & 0x3F)
            return Int(LegacyText.twoByteCodes[value - 0x80])
        }
        guard let (value, _) = LegacyText.scalar(bytes, at: index) else { return nil }
        return LegacyText.code(of: value)
    }
}

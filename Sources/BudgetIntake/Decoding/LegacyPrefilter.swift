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
    ///
    /// Sixteen bytes a step: every lead in the block is judged before the next block is
    /// loaded (Vietnamese has one every few bytes — à, â, ê, ô, đ, ơ, ư — and searching
    /// again from each one loaded and compared most blocks several times). A two-byte
    /// candidate is judged by two look-ups (``verdicts``, ``markHits``) in tables fetched
    /// once per text.
    static func mayHit(_ text: LegacyText) -> Bool {
        guard text.source == .utf8 else { return true }
        guard text.start < text.end else { return false }
        let bytes = UnsafeBufferPointer(rebasing: text.bytes[..<text.end])
        guard let base = bytes.baseAddress else { return false }
        let tables = Tables(verdicts: verdicts, markHits: markHits)
        let patterns = leads.map { ByteSearch.Block(repeating: $0) }
        let (c2, c3, c4, c6, cc, e2) = (patterns[0], patterns[1], patterns[2], patterns[3], patterns[4], patterns[5])
        let start = text.start
        var index = start
        while index &+ 16 <= bytes.count {
            let block = UnsafeRawPointer(base + index).loadUnaligned(as: ByteSearch.Block.self)
            let found =
                (block .== c2) .| (block .== c3) .| (block .== c4) .| (block .== c6) .| (block .== cc) .| (block .== e2)
            // One bit a lane (its top bit), lane 0 lowest in `low`, lane 8 in `high`.
            let halves = unsafeBitCast(found, to: SIMD2<UInt64>.self)
            var low = UInt64(littleEndian: halves[0]) & 0x8080_8080_8080_8080
            var high = UInt64(littleEndian: halves[1]) & 0x8080_8080_8080_8080
            while low != 0 {
                let at = index &+ low.trailingZeroBitCount &>> 3
                if isPossibleHit(bytes, at: at, start: start, tables) { return true }
                low &= low &- 1
            }
            while high != 0 {
                let at = index &+ 8 &+ high.trailingZeroBitCount &>> 3
                if isPossibleHit(bytes, at: at, start: start, tables) { return true }
                high &= high &- 1
            }
            index &+= 16
        }
        while index < bytes.count {
            if leads.contains(bytes[index]), isPossibleHit(bytes, at: index, start: start, tables) { return true }
            index &+= 1
        }
        return false
    }

    /// The prefilter's tables, fetched once per text (each static is a lazy global whose
    /// every access checks that it is made).
    struct Tables {
        let verdicts: UnsafePointer<UInt8>
        let markHits: UnsafePointer<UInt64>
    }

    /// ``verdicts`` entry: the character's code can make no hit.
    static let noHit: UInt8 = 0
    /// ``verdicts`` entry: the character may be a hit whatever its neighbours (a TCVN3
    /// distinctive letter, Ñ or ñ). Every other entry is a mark byte, 0xC0 or more.
    static let alwaysPossible: UInt8 = 1

    /// What a two-byte character (U+0080–U+07FF, by `value - 0x80`) can be: ``noHit``,
    /// ``alwaysPossible``, or its legacy code when that is a mark byte (0xC0–0xFF), a hit
    /// only after certain vowels. Made by the rule of ``isPossibleHit(code:previous:)``.
    nonisolated(unsafe) static let verdicts: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x780)
        for index in 0..<0x780 {
            let code = Int(LegacyText.twoByteCodes[index])
            if code < 0xA1 || code > 0xFF {
                table[index] = noHit
            } else if TCVN3.isDistinctiveLetter(UInt8(code)) || code == 0xD1 || code == 0xF1 {
                table[index] = alwaysPossible
            } else {
                table[index] = code >= 0xC0 ? UInt8(code) : noHit
            }
        }
        return UnsafePointer(table)
    }()

    /// For each legacy code before a mark byte (0xC0–0xFF), bit `byte - 0xC0` set when
    /// ``LegacyEvidence/isVNIHit(previous:byte:next:)`` takes the pair for a hit. Codes
    /// beyond the table (Unicode letters and others) make no hit.
    nonisolated(unsafe) static let markHits: UnsafePointer<UInt64> = {
        let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 0x100)
        for previous in 0..<0x100 {
            table[previous] = (0xC0...0xFF).reduce(UInt64(0)) { bits, byte in
                LegacyEvidence.isVNIHit(previous: previous, byte: UInt8(byte), next: 0x20)
                    ? bits | 1 &<< UInt64(byte - 0xC0) : bits
            }
        }
        return UnsafePointer(table)
    }()

    /// Whether a character of legacy `code` after one of code `previous` (nil: it does not
    /// decode) may be a hit: the rule the tables hold.
    static func isPossibleHit(code: Int, previous: Int?) -> Bool {
        guard code >= 0xA1, code <= 0xFF else { return false }
        let byte = UInt8(code)
        if TCVN3.isDistinctiveLetter(byte) || byte == 0xD1 || byte == 0xF1 { return true }
        guard byte >= 0xC0 else { return false }
        // A mark byte: a hit only after certain vowels, whatever comes next.
        guard let previous else { return true }
        return LegacyEvidence.isVNIHit(previous: previous, byte: byte, next: 0x20)
    }

    /// Whether the character whose first byte is at `index` (one of ``leads``) may be a hit.
    @inline(__always)
    private static func isPossibleHit(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, start: Int, _ tables: Tables
    ) -> Bool {
        let lead = bytes[index]
        let verdict: UInt8
        if lead &- 0xC2 < 0x1E {
            guard index &+ 1 < bytes.count else { return true }
            let second = bytes[index &+ 1]
            guard second & 0xC0 == 0x80 else { return true }
            verdict = tables.verdicts[Int(lead & 0x1F) &<< 6 | Int(second & 0x3F) &- 0x80]
        } else {
            // Three bytes or more (₫ and its neighbours): rare, by the general decoder.
            guard let (value, _) = LegacyText.scalar(bytes, at: index) else { return true }
            return isPossibleHit(
                code: LegacyText.code(of: value), previous: previousCode(bytes, before: index, start: start))
        }
        if verdict == noHit { return false }
        if verdict == alwaysPossible { return true }
        guard let previous = previousCode(bytes, before: index, start: start) else { return true }
        guard previous < 0x100 else { return false }
        return tables.markHits[previous] &>> UInt64(verdict &- 0xC0) & 1 != 0
    }

    /// The legacy code of the character before `index` (a space at the start, as the walk
    /// has it), or nil if it does not decode.
    @inline(__always)
    private static func previousCode(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int, start: Int) -> Int? {
        guard index > start else { return 0x20 }
        let last = bytes[index &- 1]
        if last < 0x80 { return Int(last) }
        var lead = index &- 1
        while lead > start, lead > index &- 4, bytes[lead] & 0xC0 == 0x80 { lead &-= 1 }
        if lead &+ 2 == index, bytes[lead] &- 0xC2 < 0x1E {
            let value = Int(bytes[lead] & 0x1F) &<< 6 | Int(last & 0x3F)
            return Int(LegacyText.twoByteCodes[value &- 0x80])
        }
        guard let (value, length) = LegacyText.scalar(bytes, at: lead), lead &+ length == index else { return nil }
        return LegacyText.code(of: value)
    }
}

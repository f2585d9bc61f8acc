/// A prefix of a file read as a sequence of **legacy codes**, the view the legacy-encoding
/// heuristics and samples work on.
///
/// A code is the byte a legacy font would have had (0–255) — the byte itself in a
/// single-byte file, the byte behind a character in UTF-8 or UTF-16 (see ``LegacyBytes``)
/// — or ``unicodeLetter`` / ``unicodeOther`` for characters no legacy byte produces.
struct LegacyText {
    /// How the prefix is encoded.
    enum Source: Equatable {
        case bytes
        case utf8
        case utf16(bigEndian: Bool)
    }

    /// A character no legacy byte produces that is a letter or a combining mark (real
    /// Vietnamese such as "ệ").
    static let unicodeLetter = 0x100
    /// A character no legacy byte produces that is not a letter.
    static let unicodeOther = 0x101

    let bytes: UnsafeBufferPointer<UInt8>
    let start: Int
    let source: Source
    /// Where to stop reading (exclusive); the end of `bytes` unless given.
    let end: Int

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, source: Source, end: Int? = nil) {
        self.bytes = bytes
        self.start = start
        self.source = source
        self.end = min(end ?? bytes.count, bytes.count)
    }

    /// Calls `body` with each character's scalar value, its legacy code and the offset of
    /// its first byte, in order, up to `end` or the first invalid or incomplete sequence.
    ///
    /// Complexity: O(n).
    func forEach(_ body: (_ scalar: UInt32, _ code: Int, _ offset: Int) -> Void) {
        guard start < end else { return }
        let bytes = UnsafeBufferPointer(rebasing: self.bytes[..<end])
        switch source {
        case .bytes:
            let table = Windows1258.table
            for index in start..<bytes.count {
                let byte = bytes[index]
                let value = table[Int(byte)]
                body(value == Windows1258.unassigned ? 0xFFFD : UInt32(value), Int(byte), index)
            }
        case .utf8:
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    body(UInt32(byte), Int(byte), index)
                    index += 1
                    continue
                }
                guard let (value, length) = Self.scalar(bytes, at: index) else { return }
                body(value, Self.code(of: value), index)
                index += length
            }
        case .utf16(let bigEndian):
            var decoder = UTF16Decoder(bigEndian: bigEndian)
            let rest = UnsafeBufferPointer(rebasing: bytes[start...])
            _ = decoder.decode(rest, isFinal: false) { value, offset in
                body(value, Self.code(of: value), start + offset)
            }
        }
    }

    /// The scalar of the well-formed multi-byte UTF-8 sequence at `index` and its length,
    /// or nil if the sequence is ill-formed or cut off.
    @inline(__always)
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int)? {
        guard case .valid(let length) = UTF8Survey.sequenceLength(bytes, at: index) else { return nil }
        var value = UInt32(bytes[index]) & (0x7F >> UInt32(length))
        for step in 1..<length { value = value << 6 | UInt32(bytes[index + step] & 0x3F) }
        return (value, length)
    }

    /// The legacy code of a Unicode scalar.
    static func code(of value: UInt32) -> Int {
        // Precomposed Vietnamese (U+1E00–U+1EFF, Latin Extended Additional): every one a
        // letter and none a legacy byte. Answered first because UTF-8 Vietnamese is full of
        // them, and each would otherwise cost a dictionary and a Unicode property look-up.
        if value &- 0x1E00 < 0x100 { return unicodeLetter }
        // The two-byte characters (à á â … đ ă ơ ư, the combining marks), nearly every
        // other Vietnamese word: from a table made once by the rule below. Looked up in a
        // dictionary each, they were a tenth of `check` of a thousand files.
        if value &- 0x80 < 0x780 { return Int(twoByteCodes[Int(value &- 0x80)]) }
        return ruleCode(of: value)
    }

    /// ``code(of:)`` of U+0080–U+07FF, by `value - 0x80`.
    static let twoByteCodes: [Int16] = (UInt32(0x80)..<0x800).map { Int16(ruleCode(of: $0)) }

    /// The legacy code of a Unicode scalar, by rule (what ``code(of:)`` answers).
    static func ruleCode(of value: UInt32) -> Int {
        if value &- 0x1E00 < 0x100 { return unicodeLetter }
        if let byte = LegacyBytes.byte(for: value) { return Int(byte) }
        if (0x300...0x36F).contains(value) { return unicodeLetter }
        if let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic { return unicodeLetter }
        return unicodeOther
    }
}

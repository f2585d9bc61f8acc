/// TCVN3 text → UTF-8, incrementally, whether it arrives as raw bytes or already wrapped
/// in Unicode.
///
/// Excel keeps `.VnTime` text as the characters the ANSI code page gives its bytes, so a
/// TCVN3 sheet saved as plain CSV holds the TCVN3 bytes, but saved as "CSV UTF-8" or
/// "Unicode text" it holds those characters in UTF-8 or UTF-16 ("¸" for TCVN3 "á"). The
/// decoder handles all three **carriers**:
///
/// - It reads the byte-order mark itself (``EncodingDetector`` reports `bomLength` 0 for
///   TCVN3): UTF-16 LE/BE after a UTF-16 BOM, otherwise bytes.
/// - In bytes, a well-formed UTF-8 sequence is read as one wrapped character and any other
///   byte as a raw TCVN3 byte. Raw TCVN3 practically never forms UTF-8 sequences (its
///   letters are not followed by 0x80–0xBF bytes), so both carriers — and a BOM-less UTF-8
///   file — come out right.
/// - A wrapped character goes back to its byte through ``LegacyBytes`` and then through the
///   TCVN3 table.
///
/// **Mixed files.** A template written by `budget template` is Unicode, and an accountant
/// may fill it in with a `.VnTime` font: the header is real Unicode, the lines TCVN3.
/// Converting the header would wreck it ("Mã" → "Mó"). So the decoder works a physical
/// line at a time: a line holding any character that no legacy byte produces (such as
/// "ộ", U+1ED9) is real Unicode and is left alone. Raw bytes carry no such evidence, so a
/// mixed Windows-1258 file is converted whole. Output therefore lags input by up to a line
/// (at most ``maximumLineUnits`` characters, after which the line is decided as it stands).
struct TCVN3Decoder: Sendable {
    /// How the TCVN3 text is carried.
    private enum Carrier: Sendable {
        /// Not yet known: the start of the file, where a BOM may be.
        case undecided
        /// Raw bytes, possibly with UTF-8-wrapped characters.
        case bytes
        case utf16(UTF16Decoder)
    }

    private var carrier = Carrier.undecided
    /// Bytes read while looking for a BOM (at most 2).
    private var bomPrefix: [UInt8] = []
    /// A UTF-8 sequence in progress: its bytes so far (lead byte lowest, 8 bits each),
    /// how many, how many it needs, and what its next byte must be.
    private var sequence: UInt32 = 0
    private var sequenceCount = 0
    private var sequenceLength = 0
    /// Offset of the sequence's lead byte in the current chunk (negative when it came with
    /// an earlier chunk), so a byte of an abandoned sequence is reported where it is.
    private var sequenceStart = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    /// The current line: raw bytes as `rawFlag | byte`, wrapped characters as scalar values.
    private var line: [UInt32] = []
    /// Whether the current line holds real Unicode and is not to be converted.
    private var lineIsUnicode = false
    /// Whether nothing has been decoded yet (a UTF-8 BOM there is dropped).
    private var atFileStart = true

    /// A line longer than this is decided on what has been seen of it.
    static let maximumLineUnits = 16_384
    private static let rawFlag: UInt32 = 0x8000_0000
    /// ``TCVN3/utf8Table``, held here so the inner loops do not go through the global's
    /// lazy initialisation check on every byte.
    private let table = TCVN3.utf8Table

    init() { line.reserveCapacity(256) }

    /// Appends the UTF-8 of `chunk` to `output`; returns the offset of the first byte that
    /// is not text (NUL, a C0 control other than tab/CR/LF, a byte neither TCVN3 nor
    /// Windows-1258 defines, an unpaired surrogate), or nil. A byte carried over from an
    /// earlier chunk is reported at its negative offset, so the offset never depends on
    /// how the text was split.
    ///
    /// Complexity: O(n) in `chunk.count`.
    mutating func decode(
        _ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, into output: inout [UInt8]
    )
        -> Int?
    {
        var start = 0
        if case .undecided = carrier {
            while start < chunk.count, case .undecided = carrier {
                if let bad = sniff(chunk[start], offset: start, into: &output) { return bad }
                start += 1
            }
            if case .undecided = carrier, isFinal {
                if let bad = settleAsBytes(into: &output) { return bad }
            }
        }
        switch carrier {
        case .undecided:
            break
        case .bytes:
            for index in start..<chunk.count {
                let byte = chunk[index]
                // Printable ASCII outside a UTF-8 sequence goes straight into the line.
                if byte >= 0x20, byte < 0x80, sequenceCount == 0, line.count < Self.maximumLineUnits - 1 {
                    line.append(UInt32(byte))
                    atFileStart = false
                    continue
                }
                if let bad = feed(byte, offset: index, into: &output) { return bad }
            }
            if isFinal, let bad = flushSequence(into: &output) { return bad }
            sequenceStart -= chunk.count
        case .utf16(var decoder):
            let rest = UnsafeBufferPointer(rebasing: chunk[start...])
            let bad = decoder.decode(rest, isFinal: isFinal) { scalar, _ in
                self.add(scalar, into: &output)
            }
            carrier = .utf16(decoder)
            if let bad { return start + bad }
        }
        if isFinal { flushLine(into: &output) }
        return nil
    }

    // MARK: Carrier

    /// Looks for a UTF-16 BOM (FF FE, FE FF) in the first two bytes.
    private mutating func sniff(_ byte: UInt8, offset: Int, into output: inout [UInt8]) -> Int? {
        switch (bomPrefix.first, byte) {
        case (nil, 0xFF), (nil, 0xFE):
            bomPrefix.append(byte)
            return nil
        case (0xFF, 0xFE):
            carrier = .utf16(UTF16Decoder(bigEndian: false))
            return nil
        case (0xFE, 0xFF):
            carrier = .utf16(UTF16Decoder(bigEndian: true))
            return nil
        default:
            if let bad = settleAsBytes(into: &output) { return bad }
            return feed(byte, offset: offset, into: &output)
        }
    }

    /// Decides on bytes and replays what was held back while looking for a BOM.
    private mutating func settleAsBytes(into output: inout [UInt8]) -> Int? {
        carrier = .bytes
        let held = bomPrefix
        bomPrefix = []
        for byte in held {
            if let bad = feed(byte, offset: 0, into: &output) { return bad }
        }
        return nil
    }

    // MARK: Bytes

    /// Takes one byte of the bytes carrier.
    private mutating func feed(_ byte: UInt8, offset: Int, into output: inout [UInt8]) -> Int? {
        if sequenceCount > 0 {
            if byte >= lower, byte <= upper {
                sequence |= UInt32(byte) << UInt32(8 * sequenceCount)
                sequenceCount += 1
                lower = 0x80
                upper = 0xBF
                if sequenceCount == sequenceLength {
                    add(Self.scalar(of: sequence, count: sequenceCount), into: &output)
                    sequence = 0
                    sequenceCount = 0
                }
                return nil
            }
            if let bad = flushSequence(into: &output) { return bad }
        }
        guard let lead = UTF8Lead(byte) else { return addRaw(byte, offset: offset, into: &output) }
        begin(byte, lead)
        sequenceStart = offset
        return nil
    }

    private mutating func begin(_ byte: UInt8, _ lead: UTF8Lead) {
        sequence = UInt32(byte)
        sequenceCount = 1
        sequenceLength = lead.length
        lower = lead.low
        upper = lead.high
    }

    /// Gives up on a sequence in progress: its bytes are raw TCVN3 after all. A byte that
    /// lies in an earlier chunk and is invalid is reported at its negative offset.
    private mutating func flushSequence(into output: inout [UInt8]) -> Int? {
        let held = sequence
        let count = sequenceCount
        sequence = 0
        sequenceCount = 0
        lower = 0x80
        upper = 0xBF
        for index in 0..<count {
            let byte = UInt8(truncatingIfNeeded: held >> UInt32(8 * index))
            if let bad = addRaw(byte, offset: sequenceStart + index, into: &output) { return bad }
        }
        return nil
    }

    private mutating func addRaw(_ byte: UInt8, offset: Int, into output: inout [UInt8]) -> Int? {
        if table[Int(byte)] == 0 { return offset }
        append(Self.rawFlag | UInt32(byte), into: &output)
        return nil
    }

    /// The scalar value of a complete, well-formed sequence packed as in `sequence`.
    private static func scalar(of sequence: UInt32, count: Int) -> UInt32 {
        var value = sequence & (0x7F >> UInt32(count))
        for index in 1..<count { value = value << 6 | (sequence >> UInt32(8 * index)) & 0x3F }
        return value
    }

    // MARK: Lines

    /// Takes one wrapped character.
    private mutating func add(_ scalar: UInt32, into output: inout [UInt8]) {
        if scalar == 0xFEFF, atFileStart {
            atFileStart = false
            return
        }
        if scalar != 0xFEFF, LegacyBytes.byte(for: scalar) == nil { lineIsUnicode = true }
        append(scalar, into: &output)
    }

    private mutating func append(_ unit: UInt32, into output: inout [UInt8]) {
        atFileStart = false
        line.append(unit)
        let value = unit & ~Self.rawFlag
        if value == 0x0A || value == 0x0D {
            flushLine(into: &output)
            lineIsUnicode = false
        } else if line.count >= Self.maximumLineUnits {
            flushLine(into: &output)
        }
    }

    /// Writes the buffered line: converted, unless it is real Unicode.
    private mutating func flushLine(into output: inout [UInt8]) {
        let isUnicode = lineIsUnicode
        table.withUnsafeBufferPointer { table in
            output.appendUnsafely(maximumCount: line.count * 4) { start, written in
                for unit in line {
                    if unit & Self.rawFlag != 0 {
                        UTF8Packing.write(table[Int(unit & 0xFF)], to: start, at: &written)
                    } else if unit < 0x80 {
                        start[written] = UInt8(truncatingIfNeeded: unit)
                        written += 1
                    } else if !isUnicode, let byte = LegacyBytes.byte(for: unit), table[Int(byte)] != 0 {
                        UTF8Packing.write(table[Int(byte)], to: start, at: &written)
                    } else {
                        UTF8Packing.write(scalar: unit, to: start, at: &written)
                    }
                }
            }
        }
        line.removeAll(keepingCapacity: true)
    }
}

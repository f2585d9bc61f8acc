/// Incremental conversion to UTF-8 (NOT normalised: Windows-1258 decodes to decomposed
/// text; the reader composes fields to NFC when it makes strings).
///
/// One transcoder reads one file, chunk after chunk; state carries across chunks (a UTF-8
/// sequence, a UTF-16 code unit or surrogate pair split between them). The output always
/// ends on a character boundary: an incomplete sequence at the end of a chunk is held back
/// until the next. Text is rejected at the first byte that is not text in the encoding —
/// see ``transcode(_:isFinal:into:)``.
public struct Transcoder: Sendable {
    /// The encoding being read.
    public let encoding: SourceEncoding
    private var validator = UTF8Validator()
    /// UTF-8 bytes of an incomplete sequence held back from the previous chunk.
    private var carry: [UInt8] = []
    private var utf16: UTF16Decoder
    private var tcvn3 = TCVN3Decoder()

    /// A transcoder for a file in `encoding`, positioned after its byte-order mark (skip
    /// ``EncodingDetection/bomLength`` bytes first; for TCVN3 that is 0, as the TCVN3
    /// decoder reads the mark itself to tell UTF-16-wrapped text from bytes).
    public init(_ encoding: SourceEncoding) {
        self.encoding = encoding
        utf16 = UTF16Decoder(bigEndian: encoding == .utf16BE)
    }

    /// Appends the UTF-8 of `chunk` to `output`; returns the offset within `chunk` of the
    /// first invalid byte (unpaired surrogate, unassigned Windows-1258 byte, NUL, C0 control
    /// other than tab/CR/LF), or nil. State carries across chunks (odd byte counts for
    /// UTF-16, surrogate pairs split between chunks).
    ///
    /// Invalid in UTF-8 also means ill-formed (overlong, surrogate, beyond U+10FFFF,
    /// truncated at `isFinal`). A sequence or pair begun in an earlier chunk and broken in
    /// this one is reported where it begins, at a negative offset. On an invalid byte,
    /// `output` has the text before it and the transcoder is spent: the reader stops there.
    ///
    /// Complexity: O(n) in `chunk.count`; UTF-8 is validated a word at a time and copied.
    public mutating func transcode(
        _ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, into output: inout [UInt8]
    ) -> Int? {
        switch encoding {
        case .utf8: return copyUTF8(chunk, isFinal: isFinal, into: &output)
        case .utf16LE, .utf16BE:
            return output.appendUnsafely(maximumCount: chunk.count * 2 + 8) { start, written in
                utf16.decode(chunk, isFinal: isFinal) { scalar, _ in
                    UTF8Packing.write(scalar: scalar, to: start, at: &written)
                }
            }
        case .windows1258: return Self.decodeSingleByte(chunk, Windows1258.utf8Table, into: &output)
        case .tcvn3: return tcvn3.decode(chunk, isFinal: isFinal, into: &output)
        }
    }

    private mutating func copyUTF8(
        _ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool, into output: inout [UInt8]
    ) -> Int? {
        if let bad = validator.validate(chunk, isFinal: isFinal) {
            if bad > 0 {
                output.append(contentsOf: carry)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<bad]))
            }
            carry.removeAll()
            return bad
        }
        // Hold back a trailing incomplete sequence (validated as a valid prefix so far).
        let held = isFinal ? 0 : Self.incompleteTail(carry, chunk)
        if held > chunk.count {
            carry.append(contentsOf: chunk)
            return nil
        }
        output.append(contentsOf: carry)
        carry.removeAll(keepingCapacity: true)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<(chunk.count - held)]))
        carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[(chunk.count - held)...]))
        return nil
    }

    /// How many bytes at the end of `carry + chunk` form an incomplete sequence (0–3). The
    /// bytes are valid so far, so only a lead byte within the last three can open one.
    private static func incompleteTail(_ carry: [UInt8], _ chunk: UnsafeBufferPointer<UInt8>) -> Int {
        let total = carry.count + chunk.count
        func byte(_ index: Int) -> UInt8 {
            index < carry.count ? carry[index] : chunk[index - carry.count]
        }
        var back = 1
        while back <= min(3, total) {
            let value = byte(total - back)
            if value < 0x80 { return 0 }
            if value >= 0xC0 {
                let length = value >= 0xF0 ? 4 : value >= 0xE0 ? 3 : 2
                return length > back ? back : 0
            }
            back += 1
        }
        return 0
    }

    /// Decodes a single-byte encoding through a packed UTF-8 table.
    private static func decodeSingleByte(
        _ chunk: UnsafeBufferPointer<UInt8>, _ table: [UInt32], into output: inout [UInt8]
    ) -> Int? {
        table.withUnsafeBufferPointer { table in
            output.appendUnsafely(maximumCount: chunk.count * 3) { start, written in
                for index in 0..<chunk.count {
                    let byte = chunk[index]
                    if byte >= 0x20, byte < 0x80 {
                        start[written] = byte
                        written += 1
                        continue
                    }
                    let packed = table[Int(byte)]
                    if packed == 0 { return index }
                    UTF8Packing.write(packed, to: start, at: &written)
                }
                return nil
            }
        }
    }
}

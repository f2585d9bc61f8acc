/// Incremental UTF-8 validation across chunk boundaries (sequences may be split between
/// chunks).
///
/// "Valid" means well-formed UTF-8 (Unicode §3.9, table 3-7: no overlong forms, no
/// surrogates, nothing above U+10FFFF, no truncated sequence) *and* text: NUL and C0
/// controls other than tab, LF and CR are rejected too, as in every encoding the reader
/// accepts (see ``TextBytes``).
///
/// Speed matters: the reader streams UTF-8 files at hundreds of MB/s, and most of a CSV is
/// ASCII. The inner loop loads 8 bytes at a time (unaligned) and skips a word when its high
/// bits are clear and no byte is a control; only words holding non-ASCII bytes or line
/// breaks take the scalar path.
public struct UTF8Validator: Sendable {
    /// Continuation bytes still expected by a sequence begun in an earlier chunk.
    private var needed = 0
    /// The range the next continuation byte must fall in (narrower than 0x80...0xBF only
    /// for the second byte after E0, ED, F0 and F4).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    public init() {}

    /// The offset within `chunk` of the first byte of an invalid sequence, or nil. With
    /// `isFinal`, a trailing incomplete sequence is invalid.
    ///
    /// A sequence begun in an earlier chunk and broken in this one is reported at offset 0
    /// (its first bytes are no longer in `chunk`); so is an incomplete sequence left over
    /// at `isFinal` with an empty final chunk, where 0 equals `chunk.count`. After an
    /// invalid result the validator starts afresh.
    ///
    /// Complexity: O(n) in `chunk.count`.
    public mutating func validate(_ chunk: UnsafeBufferPointer<UInt8>, isFinal: Bool) -> Int? {
        let count = chunk.count
        guard let base = chunk.baseAddress, count > 0 else {
            return finish(isFinal: isFinal)
        }
        var index = 0
        // Finish a sequence carried over from the previous chunk.
        while needed > 0 {
            guard index < count else { return finish(isFinal: isFinal) }
            let byte = base[index]
            guard byte >= lower, byte <= upper else { return fail(at: 0) }
            lower = 0x80
            upper = 0xBF
            needed -= 1
            index += 1
        }
        let raw = UnsafeRawPointer(base)
        while index < count {
            // Fast path: 8 ASCII bytes without controls at a time.
            if count - index >= 8 {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if word & Self.highBits == 0 {
                    if let bad = Self.forbiddenControl(inASCIIWord: word) {
                        return fail(at: index + bad)
                    }
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            if byte < 0x80 {
                if TextBytes.isForbiddenControl(byte) { return fail(at: index) }
                index += 1
                continue
            }
            // A multi-byte sequence: the lead decides the length and the second byte's range.
            let start = index
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch byte {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return fail(at: start)
            }
            index += 1
            for _ in 1..<length {
                guard index < count else {
                    // Split across chunks: remember what the rest must look like.
                    needed = start + length - index
                    lower = low
                    upper = high
                    return isFinal ? fail(at: start) : nil
                }
                let next = base[index]
                guard next >= low, next <= high else { return fail(at: start) }
                low = 0x80
                high = 0xBF
                index += 1
            }
        }
        return finish(isFinal: isFinal)
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The index (0–7) of the first forbidden control byte in a word of eight ASCII bytes
    /// (little-endian: byte 0 lowest), or nil.
    ///
    /// All arithmetic is per byte without carries between bytes, because every byte is
    /// below 0x80: `b + 0x60` has its high bit set exactly when `b >= 0x20`, and
    /// `(x & 0x7F) + 0x7F | x` has it set exactly when `x != 0`.
    @inline(__always)
    private static func forbiddenControl(inASCIIWord word: UInt64) -> Int? {
        let printable = (word &+ 0x6060_6060_6060_6060) & highBits
        if printable == highBits { return nil }
        let notLF = nonZeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
        let notCR = nonZeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D)
        let notTab = nonZeroBytes(word ^ 0x0909_0909_0909_0909)
        let bad = ~printable & notLF & notCR & notTab & highBits
        if bad == 0 { return nil }
        return bad.trailingZeroBitCount / 8
    }

    /// The high bit of each byte set where the byte of `word` (all bytes < 0x80) is not 0.
    @inline(__always)
    private static func nonZeroBytes(_ word: UInt64) -> UInt64 {
        (((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | word) & highBits
    }

    private mutating func finish(isFinal: Bool) -> Int? {
        if isFinal, needed > 0 { return fail(at: 0) }
        return nil
    }

    private mutating func fail(at offset: Int) -> Int? {
        needed = 0
        lower = 0x80
        upper = 0xBF
        return offset
    }
}

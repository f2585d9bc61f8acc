/// Incremental UTF-8 validation across chunk boundaries (sequences may be split between
/// chunks).
///
/// "Valid" means well-formed UTF-8 (Unicode §3.9, table 3-7: no overlong forms, no
/// surrogates, nothing above U+10FFFF, no truncated sequence) *and* text: NUL and C0
/// controls other than tab, LF and CR are rejected too, as in every encoding the reader
/// accepts (see ``TextControls``).
///
/// Speed matters: the reader streams UTF-8 files at hundreds of MB/s, and most of a CSV is
/// ASCII or Vietnamese. Text of ASCII and two- and three-byte letters is checked sixteen
/// bytes at a time (``afterPlainBlocks(_:from:count:)``). Where that stops (four-byte
/// sequences, the lead bytes with a narrower second byte, errors, the last bytes of a
/// chunk), the inner loop loads 8 bytes at a time (unaligned) and skips a word when its
/// high bits are clear and no byte is a control (two words per step), checks the ASCII
/// bytes before the first non-ASCII one of a word in the same way, and jumps to it: only
/// multi-byte sequences themselves take the scalar path.
public struct UTF8Validator: Sendable {
    /// Continuation bytes still expected by a sequence begun in an earlier chunk.
    private var needed = 0
    /// The range the next continuation byte must fall in (narrower than 0x80...0xBF only
    /// for the second byte after E0, ED, F0 and F4).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    /// Bytes of that sequence that came with earlier chunks.
    private var carried = 0

    public init() {}

    /// The offset within `chunk` of the first byte of an invalid sequence, or nil. With
    /// `isFinal`, a trailing incomplete sequence is invalid.
    ///
    /// A sequence begun in an earlier chunk and broken in this one — or left incomplete at
    /// `isFinal` — is reported where it begins, at a negative offset (−1 to −3: its first
    /// bytes came with earlier chunks), so the offset never depends on how the text was
    /// split. After an invalid result the validator starts afresh.
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
            guard index < count else {
                if isFinal { return fail(at: -carried) }
                carried += count
                return nil
            }
            let byte = base[index]
            guard byte >= lower, byte <= upper else { return fail(at: -carried) }
            lower = 0x80
            upper = 0xBF
            needed -= 1
            index += 1
        }
        let raw = UnsafeRawPointer(base)
        scan: while index < count {
            // Mixed text sixteen bytes at a time, while it holds only the common sequences.
            if index >= 2 && count - index >= 16 {
                index = Self.afterPlainBlocks(base, from: index, count: count)
            }
            // Fast path, 16 then 8 bytes at a time: skip ASCII without forbidden controls,
            // and jump straight to the first non-ASCII byte of a word.
            if count - index >= 16 {
                let first = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let second = UInt64(
                    littleEndian: raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
                if (first | second) & Self.highBits == 0 {
                    if Self.isPrintable(first) && Self.isPrintable(second)
                        || Self.forbiddenControl(in: first, nonASCII: 0) == nil
                            && Self.forbiddenControl(in: second, nonASCII: 0) == nil
                    {
                        index += 16
                        continue
                    }
                }
            }
            // Mixed text (Vietnamese: a multi-byte letter every few bytes): a word at a time,
            // jumping to each sequence and checking it in one go, without going back to the
            // 16-byte test until a word is all ASCII again.
            while count - index >= 8 {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let high = word & Self.highBits
                let firstHigh = high == 0 ? 8 : high.trailingZeroBitCount / 8
                // ASCII bytes below 0x20 (bit 7 each): usually none, else tab, LF or CR.
                let small = ~((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x6060_6060_6060_6060) & ~word & Self.highBits
                if small != 0, let bad = Self.forbiddenControl(in: word, nonASCII: high), bad < firstHigh {
                    return fail(at: index + bad)
                }
                index += firstHigh
                if firstHigh == 8 { continue scan }
                guard count - index >= 4 else { break }
                let length = Self.sequenceLength(base[index], base[index + 1], base[index + 2], base[index + 3])
                if length == 0 { return fail(at: index) }
                index += length
            }
            guard index < count else { break }
            let byte = base[index]
            if byte < 0x80 {
                if TextControls.isForbiddenControl(byte) { return fail(at: index) }
                index += 1
                continue
            }
            // A multi-byte sequence with its bytes all in this chunk: checked in one go.
            if count - index >= 4 {
                let second = base[index + 1]
                let third = base[index + 2]
                let fourth = base[index + 3]
                let length = Self.sequenceLength(byte, second, third, fourth)
                if length == 0 { return fail(at: index) }
                index += length
                continue
            }
            // Near the end of the chunk: byte by byte, remembering a split sequence.
            let start = index
            guard let lead = UTF8Lead(byte) else { return fail(at: start) }
            let length = lead.length
            var low = lead.low
            var high = lead.high
            index += 1
            for _ in 1..<length {
                guard index < count else {
                    // Split across chunks: remember what the rest must look like.
                    needed = start + length - index
                    carried = index - start
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

    /// The length of the well-formed sequence that starts with `lead` (≥ 0x80) and goes on
    /// with the following bytes, or 0 (Unicode table 3-7).
    @inline(__always)
    private static func sequenceLength(_ lead: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) -> Int {
        @inline(__always) func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return isContinuation(second) ? 2 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return isContinuation(second) && isContinuation(third) ? 3 : 0
        case 0xE0:
            return second >= 0xA0 && second <= 0xBF && isContinuation(third) ? 3 : 0
        case 0xED:
            return second >= 0x80 && second <= 0x9F && isContinuation(third) ? 3 : 0
        case 0xF0:
            return second >= 0x90 && second <= 0xBF && isContinuation(third) && isContinuation(fourth) ? 4 : 0
        case 0xF1...0xF3:
            return isContinuation(second) && isContinuation(third) && isContinuation(fourth) ? 4 : 0
        case 0xF4:
            return second >= 0x80 && second <= 0x8F && isContinuation(third) && isContinuation(fourth) ? 4 : 0
        default:
            return 0
        }
    }

    /// Whether a word of eight ASCII bytes holds no byte below 0x20. Per byte without carries
    /// between bytes, because every byte is below 0x80: `b + 0x60` has its high bit set
    /// exactly when `b >= 0x20`.
    @inline(__always)
    private static func isPrintable(_ word: UInt64) -> Bool {
        (word &+ 0x6060_6060_6060_6060) & highBits == highBits
    }

    /// The index (0–7, little-endian: byte 0 lowest) of the first forbidden control among
    /// the ASCII bytes of `word`, or nil. `nonASCII` has the high bit of each non-ASCII byte.
    ///
    /// The high bits are masked off first so that the per-byte arithmetic cannot carry:
    /// `b + 0x60` has its high bit set exactly when `b >= 0x20`, and `(x & 0x7F) + 0x7F | x`
    /// exactly when `x != 0`.
    @inline(__always)
    private static func forbiddenControl(in word: UInt64, nonASCII: UInt64) -> Int? {
        let low = word & 0x7F7F_7F7F_7F7F_7F7F
        let printable = (low &+ 0x6060_6060_6060_6060) & highBits
        let control = ~printable & ~nonASCII & highBits
        if control == 0 { return nil }
        let notLF = nonZeroBytes(low ^ 0x0A0A_0A0A_0A0A_0A0A)
        let notCR = nonZeroBytes(low ^ 0x0D0D_0D0D_0D0D_0D0D)
        let notTab = nonZeroBytes(low ^ 0x0909_0909_0909_0909)
        let bad = control & notLF & notCR & notTab
        if bad == 0 { return nil }
        return bad.trailingZeroBitCount / 8
    }

    /// The high bit of each byte set where the byte of `word` (all bytes < 0x80) is not 0.
    @inline(__always)
    private static func nonZeroBytes(_ word: UInt64) -> UInt64 {
        (((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | word) & highBits
    }

    private mutating func finish(isFinal: Bool) -> Int? {
        if isFinal, needed > 0 { return fail(at: -carried) }
        return nil
    }

    private mutating func fail(at offset: Int) -> Int? {
        needed = 0
        carried = 0
        lower = 0x80
        upper = 0xBF
        return offset
    }
}

/// Whether bytes are well-formed UTF-8 (RFC 3629, Unicode's table 3-7): no overlong form,
/// no surrogate, nothing past U+10FFFF, no sequence cut short.
///
/// Why not the standard library: `String(validating:as:)` needs macOS 15, and it makes
/// the string too. The plan reader checks every string of a plan of 200 000 items while
/// reading and makes each one only when the loader asks for it; decoding with repair and
/// comparing back (the same answer) cost a tenth of loading such a plan.
public enum UTF8Check {
    /// Whether `bytes` are well-formed UTF-8.
    ///
    /// Complexity: O(n); ASCII runs are passed eight bytes at a time.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        while i < count {
            // Eight ASCII bytes at once.
            while i + 8 <= count,
                UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i += 8
            }
            guard i < count else { break }
            let lead = base[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            // The allowed range of the second byte depends on the lead (table 3-7).
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return false
            }
            guard i + length <= count else { return false }
            let second = base[i + 1]
            guard second >= low && second <= high else { return false }
            var k = 2
            while k < length {
                guard base[i + k] & 0xC0 == 0x80 else { return false }
                k += 1
            }
            i += length
        }
        return true
    }

    /// Whether `bytes` are well-formed UTF-8.
    public static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }
}

import BudgetCore

/// A portal access code: 140 random bits from the system's CSPRNG, written in Crockford's
/// base32 as 7 groups of 4 (`K7QF-3M9X-…`).
///
/// Why this form: codes are printed on paper slips and typed by accountants, so the
/// alphabet has no I, L, O or U (no 1/I/L or 0/O confusion), reading is case-insensitive,
/// dashes and spaces are ignored, and the letters I/L and O are read as 1 and 0 as
/// Crockford specifies. Why 140 bits: at least 128 as the contract asks, and a whole number
/// of 4-character groups. Why a plain SHA-256 in the round and no slow password hash: a
/// code is not a password people choose; with 2^140 possibilities no table or search can
/// find one from its hash, so hashing it slowly would protect nothing and cost every
/// API request.
public struct AccessCode: Sendable, Hashable {
    /// The 28 canonical characters, upper case, no separators.
    public let canonical: String

    /// The number of base32 characters (5 bits each).
    public static let length = 28
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    private init(canonical: String) { self.canonical = canonical }

    /// A fresh code from `SystemRandomNumberGenerator` (getrandom(2) on Linux,
    /// arc4random on Darwin).
    public static func generate() -> AccessCode {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A code from `generator` (tests pass a seeded one; the portal never does).
    static func generate<G: RandomNumberGenerator>(using generator: inout G) -> AccessCode {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        var pool: UInt64 = 0
        var bits = 0
        while bytes.count < length {
            if bits < 5 {
                pool = generator.next()
                bits = 64
            }
            bytes.append(alphabet[Int(pool & 31)])
            pool >>= 5
            bits -= 5
        }
        return AccessCode(canonical: String(decoding: bytes, as: UTF8.self))
    }

    /// Reads a code as a person typed it: case-insensitive, dashes and white space ignored,
    /// I and L read as 1, O as 0. Nil if anything else is there or the length is wrong.
    public init?(typed text: String) {
        var out: [UInt8] = []
        out.reserveCapacity(Self.length)
        for scalar in text.unicodeScalars {
            if scalar == "-" || scalar.properties.isWhitespace { continue }
            guard scalar.isASCII, out.count < Self.length else { return nil }
            var byte = UInt8(scalar.value)
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 32 }
            switch byte {
            case UInt8(ascii: "I"), UInt8(ascii: "L"): byte = UInt8(ascii: "1")
            case UInt8(ascii: "O"): byte = UInt8(ascii: "0")
            default: break
            }
            guard Self.alphabet.contains(byte) else { return nil }
            out.append(byte)
        }
        guard out.count == Self.length else { return nil }
        canonical = String(decoding: out, as: UTF8.self)
    }

    /// The code as printed: groups of four joined by dashes.
    public var display: String {
        var groups: [String] = []
        var current = ""
        for character in canonical {
            current.append(character)
            if current.count == 4 {
                groups.append(current)
                current = ""
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups.joined(separator: "-")
    }

    /// What the round stores: the SHA-256 of the canonical form, lowercase hex.
    public var sha256: String { SHA256.hex(canonical.utf8) }
}

extension AccessCode: CustomStringConvertible {
    /// Never the code: a code printed by accident into a log must not be usable.
    public var description: String { "AccessCode(…)" }
}

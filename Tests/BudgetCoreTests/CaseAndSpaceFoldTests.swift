import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetCore

/// The byte-level case-and-space fold against the scalar-by-scalar definition it replaced.
///
/// `reference` is the original `Folding.caseAndSpace`, kept here verbatim as the oracle:
/// NFC, then per scalar either white space (Unicode White_Space plus U+00A0, U+202F,
/// U+2007, U+FEFF) or `String(scalar).lowercased()`.
@Suite("Case-and-space fold")
struct CaseAndSpaceFoldTests {
    static func referenceIsSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{00A0}" || scalar == "\u{202F}"
            || scalar == "\u{2007}" || scalar == "\u{FEFF}"
    }

    static func reference(_ text: String) -> String {
        let composed = text.utf8.allSatisfy({ $0 < 0x80 }) ? text : text.precomposedStringWithCanonicalMapping
        var out = ""
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            if referenceIsSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out += String(scalar).lowercased()
        }
        return out
    }

    static func referenceKey(_ text: String) -> UInt64 {
        Array(reference(text).utf8).withUnsafeBufferPointer { CaseAndSpaceFold.hash($0) }
    }

    /// Scalars random strings are made of: ASCII, every kind of space, Vietnamese letters
    /// of both cases, combining marks, and scalars whose lower case changes length or
    /// needs NFC (İ, ẞ, Kelvin, Ohm, Ångström), Greek, Cyrillic, CJK and emoji.
    static let alphabet: [Unicode.Scalar] = {
        var scalars: [Unicode.Scalar] = []
        for value in 0x20...0x7E { scalars.append(Unicode.Scalar(UInt8(value))) }
        let extra: [UInt32] =
            [
                0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2007, 0x200A, 0x2028,
                0x2029,
                0x202F, 0x205F, 0x3000, 0xFEFF, 0x200B, 0x130, 0x131, 0x1E9E, 0xDF, 0x212A, 0x2126, 0x212B, 0x23A,
                0x23E,
                0x3A3, 0x3C3, 0x3C2, 0x391, 0x410, 0x42F, 0x44F, 0x300, 0x301, 0x303, 0x309, 0x323, 0x302, 0x306, 0x31B,
                0x6F22, 0x5B57, 0x1F600, 0x10400, 0x10428, 0x2013, 0x201C, 0x201D, 0x2026, 0x20AB, 0x20AC, 0x2116,
            ]
        scalars += extra.compactMap(Unicode.Scalar.init)
        for value in 0xC0...0x1B0 { scalars += [Unicode.Scalar(UInt32(value))].compactMap { $0 } }
        for value in 0x1EA0...0x1EF9 { scalars += [Unicode.Scalar(UInt32(value))].compactMap { $0 } }
        return scalars
    }()

    static func randomStrings(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix(seed: seed)
        var strings: [String] = []
        for _ in 0..<count {
            var scalars = String.UnicodeScalarView()
            let length = Int(random.next() % 40)
            for _ in 0..<length { scalars.append(random.pick(alphabet)) }
            strings.append(String(scalars))
        }
        return strings
    }

    static let vietnamese = [
        "Phóng sự chuyên đề", "  PHÓNG   SỰ chuyên ĐỀ ", "Đài Phát thanh\u{00A0}– Truyền hình",
        "Ωmega \u{2126} Å \u{212B}",
        "ΣΑΣ 漢字 𝔘", "", " ", "\t\n", "Tổ chức hội nghị tổng kết công tác năm 2025",
        "MUA SẮM TRANG THIẾT BỊ VĂN PHÒNG, BÀN, GHẾ, TỦ", "Chi hỗ trợ chương trình \"Chuyển đổi số\" đợt 2",
        "Sửa chữa xe ô tô công vụ", "ƯU TIÊN ƠN", "İstanbul ẞtraße", "a\u{2028}b\u{2029}c", "x\u{FEFF}y",
        "Nâng cấp  kho",
        "Tập huấn\tmạng", "KELVIN \u{212A}",
    ]

    static var samples: [String] {
        let base = vietnamese + randomStrings(count: 3_000, seed: 20_250_101)
        return base + base.map { $0.decomposedStringWithCanonicalMapping } + base.map { $0.uppercased() }
    }

    @Test("the fold gives the text of the scalar-by-scalar definition")
    func foldMatchesReference() {
        for text in Self.samples {
            #expect(Folding.caseAndSpace(text) == Self.reference(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("the key of a text is the hash of its fold, from a String and from NFC bytes")
    func keyMatchesReference() {
        for text in Self.samples {
            let expected = Self.referenceKey(text)
            #expect(Folding.caseAndSpaceKey(text) == expected, "\(Array(text.unicodeScalars))")
            let composed = Folding.nfc(text)
            let fromBytes = Array(composed.utf8).withUnsafeBufferPointer { Folding.caseAndSpaceKey(utf8: $0) }
            if let fromBytes { #expect(fromBytes == expected, "\(Array(text.unicodeScalars))") }
        }
    }

    @Test("precomposed Vietnamese is keyed straight from its bytes")
    func vietnameseTakesTheBytePath() {
        let texts = [
            "Phóng sự chuyên đề", "Tổ chức hội nghị tổng kết công tác năm 2025", "ƯU TIÊN ƠN",
            "Đài Phát thanh – Truyền hình",
            "MUA SẮM TRANG THIẾT BỊ VĂN PHÒNG, BÀN, GHẾ, TỦ", "  Nâng cấp  kho\u{00A0}",
        ]
        for text in texts {
            let key = Array(text.utf8).withUnsafeBufferPointer { Folding.caseAndSpaceKey(utf8: $0) }
            #expect(key == Self.referenceKey(text), "\(text)")
        }
    }

    @Test("the fast path, when it applies, gives the key of the general fold")
    func fastMatchesGeneral() {
        var fastCount = 0
        var texts = Self.samples + Self.vietnamese.map(Folding.caseAndSpace)
        // Every alignment of multi-byte letters against the eight-byte words.
        for prefix in 0..<9 {
            let pad = String(repeating: "x", count: prefix)
            texts += ["\(pad)Ấ", "\(pad)ĐƯỜNG Ư", "\(pad)ỹ ÀÁ", "\(pad)Ă–Ơ", "\(pad)ÂẤẦ"]
        }
        for text in texts {
            let bytes = Array(Folding.nfc(text).utf8)
            bytes.withUnsafeBufferPointer { source in
                var general: [UInt8] = []
                let generalOK = CaseAndSpaceFold.general(source, requireNFC: true, into: &general)
                guard let base = source.baseAddress, let fast = CaseAndSpaceFold.fastKey(base, source.count) else {
                    return
                }
                fastCount += 1
                #expect(generalOK, "\(text)")
                #expect(fast == general.withUnsafeBufferPointer { CaseAndSpaceFold.hash($0) }, "\(text)")
                #expect(fast == Self.referenceKey(text), "\(text)")
            }
        }
        #expect(fastCount > 100)
    }

    @Test("every scalar of the table's ranges folds as the definition says, alone and between letters")
    func everyTableScalar() {
        let ranges: [ClosedRange<UInt32>] = [
            0x00...0x7FF, 0x1E00...0x1EFF, 0x2000...0x20FF, 0x2C00...0x2C7F, 0x3000...0x3002,
        ]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                for text in [String(scalar), "A\(scalar)B", "\(scalar) x", "Đ\(scalar)\(scalar)Ư"] {
                    #expect(Folding.caseAndSpace(text) == Self.reference(text), "U+\(String(value, radix: 16))")
                    #expect(Folding.caseAndSpaceKey(text) == Self.referenceKey(text), "U+\(String(value, radix: 16))")
                }
            }
        }
    }

    @Test("white space is what it always was: Unicode White_Space and four more")
    func isSpace() {
        for value in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(Folding.isSpace(scalar) == Self.referenceIsSpace(scalar), "U+\(String(value, radix: 16))")
        }
        #expect(Folding.isSpace("\u{FEFF}"))
    }

    @Test("the empty key is the key of empty and blank text")
    func emptyKey() {
        #expect(Folding.caseAndSpaceKey("") == Folding.emptyCaseAndSpaceKey)
        #expect(Folding.caseAndSpaceKey(" \u{00A0}\t") == Folding.emptyCaseAndSpaceKey)
        #expect(Folding.caseAndSpaceKey("a") != Folding.emptyCaseAndSpaceKey)
    }

    @Test("codes key like trimming then upper-casing, on the ASCII path and off it")
    func codeKey() {
        var random = SplitMix(seed: 7)
        let pieces = ["iv", "IV", ".", "2", "a", "B", " ", "\t", "\u{00A0}", "ö", "ß", "-", "_", ""]
        for _ in 0..<2_000 {
            var code = ""
            for _ in 0..<Int(random.next() % 6) { code += random.pick(pieces) }
            #expect(Plan.codeKey(code) == Folding.trim(code).uppercased(), "\(code)")
        }
    }

    @Test("trimming keeps text without outer spaces as it is")
    func trim() {
        #expect(Folding.trim("  a b\u{00A0}") == "a b")
        #expect(Folding.trim("ab") == "ab")
        #expect(Folding.trim("") == "")
        #expect(Folding.trim("\u{3000}") == "")
    }
}

extension SplitMix {
    /// One of `items`, drawn from the generator.
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}
